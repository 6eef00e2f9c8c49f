import Foundation
import TensorCore

/// Mel frequency scales.
public enum MelScale: String, Sendable, Hashable, Codable {
    /// `mel = 2595 · log₁₀(1 + f/700)` (HTK; also TensorFlow's and torchaudio's default).
    case htk
    /// Slaney's Auditory Toolbox scale (librosa's default): linear below 1 kHz (`f / (200/3)`, so 1 kHz is 15 mel),
    /// logarithmic above (27 mel per factor 6.4).
    case slaney

    private static let slaneyStep = 200.0 / 3, slaneyBreakMel = 15.0, slaneyLogStep = log(6.4) / 27

    /// Mel value of `hz`.
    public func mel(fromHz hz: Double) -> Double {
        switch self {
        case .htk: return 2595 * log10(1 + hz / 700)
        case .slaney:
            return hz < 1000
                ? hz / MelScale.slaneyStep
                : MelScale.slaneyBreakMel + log(hz / 1000) / MelScale.slaneyLogStep
        }
    }

    /// Frequency in Hz of `mel`.
    public func hz(fromMel mel: Double) -> Double {
        switch self {
        case .htk: return 700 * (pow(10, mel / 2595) - 1)
        case .slaney:
            return mel < MelScale.slaneyBreakMel
                ? mel * MelScale.slaneyStep
                : 1000 * exp((mel - MelScale.slaneyBreakMel) * MelScale.slaneyLogStep)
        }
    }
}

/// How mel filters are scaled.
public enum MelNormalization: String, Sendable, Hashable, Codable {
    /// Triangles peak at 1.
    case none
    /// Each triangle is scaled by `2 / (f_upper − f_lower)` so it has unit area in Hz (librosa's `norm="slaney"`).
    case slaney
}

/// A bank of triangular mel filters over the bins of an `fftSize`-point real FFT, as in librosa.
///
/// `melCount + 2` edge frequencies `f₀ < f₁ < …` are equally spaced on the mel scale from `minFrequency` to
/// `maxFrequency`; filter `m` rises linearly (in Hz) from `f_m` to `f_{m+1}` and falls back to zero at `f_{m+2}`.
/// Bin `k` sits at `k · sampleRate / fftSize` Hz.
public struct MelFilterbank: Sendable {
    public let sampleRate: Int
    public let fftSize: Int
    public let melCount: Int
    public let scale: MelScale
    public let normalization: MelNormalization
    /// The `melCount + 2` edge frequencies in Hz.
    public let edges: [Double]
    /// Filter weights, `[melCount, bins]`.
    public let weights: [Float]

    public var bins: Int { fftSize / 2 + 1 }

    /// Filters for `melCount` bands between `minFrequency` and `maxFrequency` (default: the Nyquist frequency).
    public init(sampleRate: Int, fftSize: Int, melCount: Int, minFrequency: Double = 0, maxFrequency: Double? = nil,
                scale: MelScale = .slaney, normalization: MelNormalization = .slaney) throws {
        let nyquist = Double(sampleRate) / 2
        let fMax = maxFrequency ?? nyquist
        guard sampleRate > 0, fftSize >= 2, melCount >= 1 else {
            throw DSPError.invalidParameter(
                "mel filterbank needs a positive sample rate, fftSize ≥ 2 and at least one band; got \(sampleRate) Hz, "
                    + "fftSize \(fftSize), \(melCount) bands")
        }
        guard minFrequency >= 0, minFrequency < fMax, fMax <= nyquist else {
            throw DSPError.invalidParameter(
                "mel bands must lie in 0...\(nyquist) Hz with min < max; got \(minFrequency)...\(fMax) Hz")
        }
        self.sampleRate = sampleRate
        self.fftSize = fftSize
        self.melCount = melCount
        self.scale = scale
        self.normalization = normalization
        let lo = scale.mel(fromHz: minFrequency), hi = scale.mel(fromHz: fMax)
        let edges = (0..<(melCount + 2)).map { scale.hz(fromMel: lo + (hi - lo) * Double($0) / Double(melCount + 1)) }
        self.edges = edges
        let bins = fftSize / 2 + 1
        var w = [Float](repeating: 0, count: melCount * bins)
        for m in 0..<melCount {
            let (left, centre, right) = (edges[m], edges[m + 1], edges[m + 2])
            let gain = normalization == .slaney ? 2 / (right - left) : 1
            for k in 0..<bins {
                let f = Double(k) * Double(sampleRate) / Double(fftSize)
                let rise = (f - left) / (centre - left), fall = (right - f) / (right - centre)
                w[m * bins + k] = Float(max(0, min(rise, fall)) * gain)
            }
        }
        self.weights = w
    }

    /// Mel spectrogram of `spectrogram` `[batch, bins, frames]` (magnitude or power) into `output`
    /// `[batch, melCount, frames]`, one GEMM per item.
    public func apply(_ spectrogram: UnsafePointer<Float>, batch: Int, frames: Int,
                      output: UnsafeMutablePointer<Float>) throws {
        try BLAS.load()
        weights.withUnsafeBufferPointer { w in
            for b in 0..<batch {
                BLAS.sgemm(m: melCount, n: frames, k: bins, a: w.baseAddress!, lda: bins,
                           b: spectrogram + b * bins * frames, ldb: frames, c: output + b * melCount * frames,
                           ldc: frames)
            }
        }
    }

    /// Mel spectrogram of `spectrogram` `[batch, bins, frames]`; returns `[batch, melCount, frames]`.
    public func apply(_ spectrogram: [Float], batch: Int = 1) throws -> [Float] {
        guard batch > 0, spectrogram.count % (batch * bins) == 0 else {
            throw DSPError.shapeMismatch(
                "\(spectrogram.count) values are not [\(batch), \(bins), frames] for this \(fftSize)-point filterbank")
        }
        let frames = spectrogram.count / (batch * bins)
        var out = [Float](repeating: 0, count: batch * melCount * frames)
        try spectrogram.withUnsafeBufferPointer { s in
            try out.withUnsafeMutableBufferPointer { o in
                try apply(s.baseAddress!, batch: batch, frames: frames, output: o.baseAddress!)
            }
        }
        return out
    }
}
