import TensorCore

/// A short-time Fourier transform with its inverse and its adjoint, over batches of signals `[batch, length]`.
///
/// `X[b, k, t] = Σₙ w[n] · x̃_b[t·hop + n] · e^{−2πikn/N}` where `x̃` is the (reflect-padded when centred) signal and
/// `w` the window zero-padded to `N = fftSize`. Spectra are `[batch, bins, frames]` planes (see `ComplexSpectrogram`).
///
/// - `inverse` is the least-squares inverse (weighted overlap-add divided by the summed squared window), so
///   `inverse(forward(x)) = x` wherever the squared windows overlap to a non-zero sum (everywhere for the usual
///   Hann/hop settings).
/// - `adjoint` is the transpose of the linear map `x ↦ (Re X, Im X)`: given `∂L/∂Re X` and `∂L/∂Im X` it returns
///   `∂L/∂x`. This is the backward pass of a spectrogram op (chain it after `∂|X|/∂X = X/|X|`).
///
/// The object is immutable and may be used from several threads; all work is split across cores internally.
public final class STFT: Sendable {
    public let config: STFTConfig
    /// The analysis window zero-padded (centred) to `fftSize`.
    public let window: [Float]
    private let fft: RealFFT
    /// The window's non-zero span inside the frame.
    private let span: Range<Int>

    public init(_ config: STFTConfig) throws {
        try config.validate()
        self.config = config
        let offset = (config.fftSize - config.windowLength) / 2
        var w = [Float](repeating: 0, count: config.fftSize)
        w.replaceSubrange(offset..<(offset + config.windowLength),
                          with: config.window.coefficients(length: config.windowLength))
        self.window = w
        self.span = offset..<(offset + config.windowLength)
        self.fft = try RealFFT.plan(size: config.fftSize)
    }

    /// Convenience: `STFT(STFTConfig(fftSize:hopLength:windowLength:window:center:))`.
    public convenience init(fftSize: Int, hopLength: Int? = nil, windowLength: Int? = nil,
                            window: WindowKind = .hann, center: Bool = true) throws {
        try self.init(STFTConfig(fftSize: fftSize, hopLength: hopLength, windowLength: windowLength,
                                 window: window, center: center))
    }

    public var bins: Int { config.bins }

    /// Frames produced for a signal of `signalLength` samples.
    public func frameCount(signalLength: Int) -> Int { config.frameCount(signalLength: signalLength) }

    // MARK: Raw buffers

    /// Forward transform of `signals` `[batch, length]` into `real` and `imag`, each `[batch, bins, frames]`.
    public func forward(_ signals: UnsafePointer<Float>, batch: Int, length: Int,
                        real: UnsafeMutablePointer<Float>, imag: UnsafeMutablePointer<Float>) throws {
        try config.validate(signalLength: length)
        let n = config.fftSize, bins = self.bins, frames = frameCount(signalLength: length)
        window.withUnsafeBufferPointer { w in
            parallelRanges(batch * frames, minimum: 8) { units in
                withScratch(n + 2 * bins) { scratch in
                    let frame = scratch, spectrum = scratch + n  // [n], [bins, 2]
                    for u in units {
                        let b = u / frames, t = u % frames
                        gather(signals + b * length, length: length, frame: t, window: w.baseAddress!, into: frame)
                        fft.forward(frame, spectrum)
                        let base = b * bins * frames + t
                        for k in 0..<bins {
                            real[base + k * frames] = spectrum[2 * k]
                            imag[base + k * frames] = spectrum[2 * k + 1]
                        }
                    }
                }
            }
        }
    }

    /// Inverse transform of `real`/`imag` `[batch, bins, frames]` into `output` `[batch, length]`.
    /// Samples past the end of what the frames cover are zero.
    public func inverse(real: UnsafePointer<Float>, imag: UnsafePointer<Float>, batch: Int, frames: Int,
                        length: Int, output: UnsafeMutablePointer<Float>) {
        let n = config.fftSize, hop = config.hopLength, pad = config.padding
        let padded = n + (frames - 1) * hop
        // Σₜ w²[j − t·hop]: the weight each overlap-added sample carries.
        var envelope = [Float](repeating: 0, count: padded)
        for t in 0..<frames { for i in span { envelope[t * hop + i] += window[i] * window[i] } }
        synthesize(real: real, imag: imag, batch: batch, frames: frames, interiorScale: 1,
                   outputScale: 1 / Float(n)) { b, sum in
            let out = output + b * length
            for i in 0..<length {
                let j = i + pad
                out[i] = j < padded && envelope[j] > Float.leastNormalMagnitude ? sum[j] / envelope[j] : 0
            }
        }
    }

    /// The adjoint (transpose) of `forward`: maps gradients `gradReal`/`gradImag` `[batch, bins, frames]` with
    /// respect to the spectrum onto `output` `[batch, length]`, the gradient with respect to the signal.
    /// `length` is the signal length of the forward pass.
    public func adjoint(gradReal: UnsafePointer<Float>, gradImag: UnsafePointer<Float>, batch: Int, length: Int,
                        output: UnsafeMutablePointer<Float>) throws {
        try config.validate(signalLength: length)
        let pad = config.padding, frames = frameCount(signalLength: length)
        let padded = config.fftSize + (frames - 1) * config.hopLength
        // ∂L/∂frame[n] = w[n] · Σₖ (gRe cos(2πkn/N) − gIm sin(2πkn/N)) over k in 0...N/2, which is the
        // Hermitian inverse transform with the bins strictly inside (0, N/2) halved.
        synthesize(real: gradReal, imag: gradImag, batch: batch, frames: frames, interiorScale: 0.5,
                   outputScale: 1) { b, sum in
            let out = output + b * length
            out.update(repeating: 0, count: length)
            for j in 0..<padded { out[reflect(j - pad, length)] += sum[j] }
        }
    }

    // MARK: Arrays

    /// Spectrum of one signal: a spectrogram with `batch` 1.
    public func forward(_ signal: [Float]) throws -> ComplexSpectrogram {
        try forward(signal, batch: 1)
    }

    /// Spectra of `batch` signals stored back to back in `signals` (`[batch, length]`).
    public func forward(_ signals: [Float], batch: Int) throws -> ComplexSpectrogram {
        guard batch > 0, signals.count % batch == 0 else {
            throw DSPError.shapeMismatch("\(signals.count) samples do not split into \(batch) equal signals")
        }
        let length = signals.count / batch
        try config.validate(signalLength: length)
        let count = batch * bins * frameCount(signalLength: length)
        var re = [Float](repeating: 0, count: count), im = [Float](repeating: 0, count: count)
        try signals.withUnsafeBufferPointer { x in
            try re.withUnsafeMutableBufferPointer { r in
                try im.withUnsafeMutableBufferPointer { i in
                    try forward(x.baseAddress!, batch: batch, length: length, real: r.baseAddress!,
                                imag: i.baseAddress!)
                }
            }
        }
        return try ComplexSpectrogram(batch: batch, bins: bins, frames: frameCount(signalLength: length),
                                      real: re, imag: im)
    }

    /// Signals `[batch, length]` from spectra. `length` defaults to what the frames cover: `(frames − 1)·hop` when
    /// centred, `fftSize + (frames − 1)·hop` otherwise.
    public func inverse(_ spectrum: ComplexSpectrogram, length: Int? = nil) throws -> [Float] {
        guard spectrum.bins == bins, spectrum.frames >= 1 else {
            throw DSPError.shapeMismatch(
                "spectrogram has \(spectrum.bins) bins and \(spectrum.frames) frames; this STFT needs \(bins) bins "
                    + "and at least one frame")
        }
        let covered = (spectrum.frames - 1) * config.hopLength + (config.center ? 0 : config.fftSize)
        let length = length ?? covered
        var out = [Float](repeating: 0, count: spectrum.batch * length)
        spectrum.real.withUnsafeBufferPointer { r in
            spectrum.imag.withUnsafeBufferPointer { i in
                out.withUnsafeMutableBufferPointer { o in
                    inverse(real: r.baseAddress!, imag: i.baseAddress!, batch: spectrum.batch, frames: spectrum.frames,
                            length: length, output: o.baseAddress!)
                }
            }
        }
        return out
    }

    // MARK: Kernels

    /// Reflects an index of the padded signal back into `0..<length` (valid while the padding is shorter than the
    /// signal, which `validate(signalLength:)` ensures).
    @inline(__always)
    private func reflect(_ j: Int, _ length: Int) -> Int {
        j < 0 ? -j : (j >= length ? 2 * (length - 1) - j : j)
    }

    /// Writes frame `t` of `x`, windowed, into `frame` `[fftSize]`.
    @inline(__always)
    private func gather(_ x: UnsafePointer<Float>, length: Int, frame t: Int, window w: UnsafePointer<Float>,
                        into frame: UnsafeMutablePointer<Float>) {
        let start = t * config.hopLength - config.padding
        frame.update(repeating: 0, count: config.fftSize)
        if start + span.lowerBound >= 0 && start + span.upperBound <= length {
            for i in span { frame[i] = w[i] * x[start + i] }
        } else {
            for i in span { frame[i] = w[i] * x[reflect(start + i, length)] }
        }
    }

    /// Shared back end of `inverse` and `adjoint`: for every (b, t) turns the spectrum into a windowed time frame
    /// (`outputScale · w ⊙ c2r(X)`, with bins strictly inside (0, N/2) scaled by `interiorScale`), overlap-adds the
    /// frames of each signal into a padded buffer `[fftSize + (frames − 1)·hop]` and hands it to `finish(b, buffer)`.
    private func synthesize(real: UnsafePointer<Float>, imag: UnsafePointer<Float>, batch: Int, frames: Int,
                            interiorScale: Float, outputScale: Float,
                            finish: (Int, UnsafeMutablePointer<Float>) -> Void) {
        let n = config.fftSize, bins = self.bins, hop = config.hopLength
        let padded = n + (frames - 1) * hop
        withScratch(batch * frames * n) { timeFrames in  // [batch · frames, n]
            window.withUnsafeBufferPointer { w in
                parallelRanges(batch * frames, minimum: 8) { units in
                    withScratch(2 * bins) { spectrum in  // [bins, 2]
                        for u in units {
                            let b = u / frames, t = u % frames, base = b * bins * frames + t
                            for k in 0..<bins {
                                let s: Float = (k == 0 || 2 * k == n) ? 1 : interiorScale
                                spectrum[2 * k] = s * real[base + k * frames]
                                spectrum[2 * k + 1] = s * imag[base + k * frames]
                            }
                            let frame = timeFrames + u * n
                            fft.inverse(spectrum, frame)
                            for i in 0..<n { frame[i] *= outputScale * w[i] }
                        }
                    }
                }
            }
            parallelFor(batch) { b in
                withScratch(padded) { sum in
                    sum.update(repeating: 0, count: padded)
                    for t in 0..<frames {
                        let frame = timeFrames + (b * frames + t) * n, at = sum + t * hop
                        for i in span { at[i] += frame[i] }
                    }
                    finish(b, sum)
                }
            }
        }
    }
}
