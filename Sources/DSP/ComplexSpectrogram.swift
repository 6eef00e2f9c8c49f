import Foundation

/// A batch of complex spectrograms stored as two planes, each `[batch, bins, frames]` (frequency-major, as in
/// librosa and PyTorch, so a spectrogram is directly an NCL tensor with bins as channels).
public struct ComplexSpectrogram: Sendable, Equatable {
    public var batch: Int
    public var bins: Int
    public var frames: Int
    /// Real parts, `[batch, bins, frames]`.
    public var real: [Float]
    /// Imaginary parts, `[batch, bins, frames]`.
    public var imag: [Float]

    public init(batch: Int, bins: Int, frames: Int, real: [Float], imag: [Float]) throws {
        let n = batch * bins * frames
        guard real.count == n, imag.count == n else {
            throw DSPError.shapeMismatch(
                "spectrogram [\(batch), \(bins), \(frames)] needs \(n) values per plane, "
                    + "got \(real.count) real and \(imag.count) imaginary")
        }
        self.batch = batch
        self.bins = bins
        self.frames = frames
        self.real = real
        self.imag = imag
    }

    /// The spectrogram `magnitude · e^{i·phase}`; both arrays are `[batch, bins, frames]`.
    public init(batch: Int, bins: Int, frames: Int, magnitude: [Float], phase: [Float]) throws {
        guard magnitude.count == phase.count else {
            throw DSPError.shapeMismatch("magnitude has \(magnitude.count) values, phase \(phase.count)")
        }
        try self.init(batch: batch, bins: bins, frames: frames,
                      real: zip(magnitude, phase).map { $0 * cos($1) },
                      imag: zip(magnitude, phase).map { $0 * sin($1) })
    }

    /// `|X|`, `[batch, bins, frames]`.
    public func magnitude() -> [Float] { zip(real, imag).map { ($0 * $0 + $1 * $1).squareRoot() } }

    /// `|X|²`, `[batch, bins, frames]`.
    public func power() -> [Float] { zip(real, imag).map { $0 * $0 + $1 * $1 } }

    /// `log(|X| + epsilon)` (natural log), `[batch, bins, frames]`.
    public func logMagnitude(epsilon: Float = 1e-6) -> [Float] {
        zip(real, imag).map { log(($0 * $0 + $1 * $1).squareRoot() + epsilon) }
    }

    /// `arg X` in radians, `[batch, bins, frames]`.
    public func phase() -> [Float] { zip(real, imag).map { atan2($1, $0) } }
}
