import Foundation

/// Time stretching and pitch shifting by a phase vocoder on the STFT (the algorithm of librosa's `phase_vocoder`,
/// `time_stretch` and `pitch_shift`).
///
/// Frames are read at fractional positions `0, rate, 2·rate, …`; magnitudes are interpolated linearly between the
/// two neighbouring frames, and the phase of each spectral peak advances by its measured instantaneous frequency, so
/// partials keep their frequency while the time axis is rescaled. Bins around a peak keep their phase offset to it
/// (identity phase locking, Laroche & Dolson 1999), which removes the "phasiness" of the plain algorithm and keeps
/// the level of stretched tones.
public struct PhaseVocoder: Sendable {
    public let stft: STFT

    /// A vocoder with a centred Hann STFT; `hopLength` defaults to `fftSize / 4` (2048 / 512 as in librosa: 128 ms
    /// frames at 16 kHz).
    public init(fftSize: Int = 2048, hopLength: Int? = nil) throws {
        stft = try STFT(fftSize: fftSize, hopLength: hopLength, window: .hann, center: true)
    }

    /// The spectrogram resampled in time by `rate` (> 1 is faster): `⌈frames / rate⌉` frames.
    public func stretch(_ spectrum: ComplexSpectrogram, rate: Double) throws -> ComplexSpectrogram {
        guard rate.isFinite, rate > 0 else { throw DSPError.invalidParameter("stretch rate must be > 0, got \(rate)") }
        let bins = spectrum.bins, frames = spectrum.frames
        let outFrames = Int((Double(frames) / rate).rounded(.up))
        let n = stft.config.fftSize, hop = stft.config.hopLength
        let advance = (0..<bins).map { 2 * Double.pi * Double(hop * $0) / Double(n) }  // expected phase per hop
        var re = [Float](repeating: 0, count: spectrum.batch * bins * outFrames), im = re
        var magnitude = [Double](repeating: 0, count: bins), phase0 = magnitude, phase = magnitude
        var accumulated = magnitude, increment = magnitude
        var peakOf = [Int](repeating: 0, count: bins)
        for b in 0..<spectrum.batch {
            let base = b * bins * frames, outBase = b * bins * outFrames
            func value(_ k: Int, _ t: Int) -> (Double, Double) {
                t < frames ? (Double(spectrum.real[base + k * frames + t]), Double(spectrum.imag[base + k * frames + t]))
                    : (0, 0)
            }
            for k in 0..<bins { accumulated[k] = atan2(value(k, 0).1, value(k, 0).0) }
            for t in 0..<outFrames {
                let step = Double(t) * rate
                let i = Int(step), alpha = step - Double(i)
                for k in 0..<bins {
                    let c0 = value(k, i), c1 = value(k, i + 1)
                    magnitude[k] = (1 - alpha) * hypot(c0.0, c0.1) + alpha * hypot(c1.0, c1.1)
                    phase0[k] = atan2(c0.1, c0.0)
                    var delta = atan2(c1.1, c1.0) - phase0[k] - advance[k]
                    delta -= 2 * Double.pi * (delta / (2 * Double.pi)).rounded()
                    increment[k] = advance[k] + delta
                }
                lockToPeaks(magnitude, into: &peakOf)
                for k in 0..<bins {
                    let p = peakOf[k]
                    phase[k] = accumulated[p] + phase0[k] - phase0[p]
                    re[outBase + k * outFrames + t] = Float(magnitude[k] * cos(phase[k]))
                    im[outBase + k * outFrames + t] = Float(magnitude[k] * sin(phase[k]))
                }
                for k in 0..<bins { accumulated[k] = phase[k] + increment[k] }
            }
        }
        return try ComplexSpectrogram(batch: spectrum.batch, bins: bins, frames: outFrames, real: re, imag: im)
    }

    /// Identity phase locking (Laroche & Dolson 1999): each bin follows the spectral peak nearest to it, keeping the
    /// analysis frame's phase offsets around every peak so partials stay coherent across bins.
    private func lockToPeaks(_ magnitude: [Double], into peakOf: inout [Int]) {
        let bins = magnitude.count
        var peaks: [Int] = []
        for k in 0..<bins {
            let left = k > 0 ? magnitude[k - 1] : -1, right = k + 1 < bins ? magnitude[k + 1] : -1
            if magnitude[k] > 0 && magnitude[k] >= left && magnitude[k] > right { peaks.append(k) }
        }
        guard !peaks.isEmpty else {
            for k in 0..<bins { peakOf[k] = k }
            return
        }
        var next = 0
        for k in 0..<bins {
            while next + 1 < peaks.count && abs(peaks[next + 1] - k) < abs(peaks[next] - k) { next += 1 }
            peakOf[k] = peaks[next]
        }
    }

    /// `x` played `rate` times as fast at the same pitch; the result has `round(x.count / rate)` samples.
    public func timeStretch(_ x: [Float], rate: Double) throws -> [Float] {
        let length = Int((Double(x.count) / rate).rounded())
        return try stft.inverse(stretch(stft.forward(x), rate: rate), length: length)
    }

    /// `x` shifted by `semitones` (12 = an octave up) with its length unchanged: a time stretch by
    /// `2^(−semitones/12)` followed by resampling back to the original duration.
    public func pitchShift(_ x: [Float], semitones: Double) throws -> [Float] {
        let rate = pow(2, -semitones / 12)
        let shifted = try Resampler(ratio: rate).process(timeStretch(x, rate: rate))
        return shifted.count >= x.count
            ? Array(shifted[..<x.count])
            : shifted + [Float](repeating: 0, count: x.count - shifted.count)
    }
}
