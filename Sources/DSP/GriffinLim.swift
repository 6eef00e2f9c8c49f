import Foundation

/// Phase reconstruction from a magnitude spectrogram by the fast Griffin–Lim algorithm (Perraudin, Balazs &
/// Søndergaard 2013; librosa's `griffinlim`).
///
/// Each iteration projects `S · e^{iφ}` onto the consistent spectrograms (`forward(inverse(·))`) and keeps the
/// phase, extrapolated with `momentum` (0 gives the original Griffin–Lim, whose inconsistency never increases;
/// 0.99 converges much faster).
public enum GriffinLim {
    /// Signals `[batch, length]` whose STFT magnitudes approximate `magnitude` (`[batch, bins, frames]`).
    ///
    /// - Parameters:
    ///   - magnitude: the target magnitudes, `[batch, bins, frames]` row-major.
    ///   - batch: how many signals `magnitude` holds.
    ///   - stft: the transform whose magnitudes these are (frame size, hop, window).
    ///   - length: output length; defaults to what the frames cover (see `STFT.inverse`).
    ///   - iterations: 16 for SpecGAN-style previews, 32–100 for listening.
    ///   - momentum: the phase extrapolation (see above); 0 is the original algorithm.
    ///   - initialPhase: starting phase in radians, `[batch, bins, frames]`; zero phase when nil.
    public static func reconstruct(magnitude: [Float], batch: Int = 1, stft: STFT, length: Int? = nil,
                                   iterations: Int = 32, momentum: Float = 0.99,
                                   initialPhase: [Float]? = nil) throws -> [Float] {
        guard batch > 0, magnitude.count % (batch * stft.bins) == 0, magnitude.count > 0 else {
            throw DSPError.shapeMismatch("\(magnitude.count) magnitudes are not [\(batch), \(stft.bins), frames]")
        }
        guard iterations >= 0, momentum >= 0, momentum < 1 else {
            throw DSPError.invalidParameter(
                "Griffin-Lim needs iterations ≥ 0 and momentum in [0, 1); got \(iterations), \(momentum)")
        }
        let frames = magnitude.count / (batch * stft.bins)
        let length = length ?? (frames - 1) * stft.config.hopLength + (stft.config.center ? 0 : stft.config.fftSize)
        guard stft.frameCount(signalLength: length) == frames else {
            throw DSPError.shapeMismatch(
                "a signal of \(length) samples gives \(stft.frameCount(signalLength: length)) frames, not \(frames)")
        }
        let phase = initialPhase ?? [Float](repeating: 0, count: magnitude.count)
        var angles = try ComplexSpectrogram(batch: batch, bins: stft.bins, frames: frames,
                                            real: phase.map { cos($0) }, imag: phase.map { sin($0) })
        var previous = [Float](repeating: 0, count: 2 * magnitude.count)  // last projection, re then im
        let carry = momentum / (1 + momentum)
        for _ in 0..<iterations {
            let signal = try stft.inverse(scaled(angles, by: magnitude), length: length)
            let rebuilt = try stft.forward(signal, batch: batch)
            for i in 0..<magnitude.count {
                let re = rebuilt.real[i] - carry * previous[i]
                let im = rebuilt.imag[i] - carry * previous[magnitude.count + i]
                let norm = (re * re + im * im).squareRoot() + 1e-16
                angles.real[i] = re / norm
                angles.imag[i] = im / norm
                previous[i] = rebuilt.real[i]
                previous[magnitude.count + i] = rebuilt.imag[i]
            }
        }
        return try stft.inverse(scaled(angles, by: magnitude), length: length)
    }

    private static func scaled(_ unit: ComplexSpectrogram, by magnitude: [Float]) -> ComplexSpectrogram {
        var s = unit
        for i in magnitude.indices {
            s.real[i] *= magnitude[i]
            s.imag[i] *= magnitude[i]
        }
        return s
    }
}
