import Foundation

/// A cascade of second-order (and at most one first-order) IIR sections in direct form II transposed.
public struct BiquadCascade: Sendable {
    /// One section: `y = b0 x + b1 x₋₁ + b2 x₋₂ − a1 y₋₁ − a2 y₋₂` (`a0` normalised to 1).
    public struct Section: Sendable, Equatable {
        public var b0, b1, b2, a1, a2: Double
    }

    public var sections: [Section]

    /// Filters one channel in place, starting from rest.
    public func process(_ x: UnsafeMutablePointer<Float>, count: Int) {
        for s in sections {
            var z1 = 0.0, z2 = 0.0
            for i in 0..<count {
                let input = Double(x[i])
                let y = s.b0 * input + z1
                z1 = s.b1 * input - s.a1 * y + z2
                z2 = s.b2 * input - s.a2 * y
                x[i] = Float(y)
            }
        }
    }

    /// Filters `channels` planes stored back to back (`[channels, frames]`).
    public func process(planar x: [Float], channels: Int) -> [Float] {
        var y = x
        let frames = channels > 0 ? x.count / channels : 0
        y.withUnsafeMutableBufferPointer { p in
            for c in 0..<channels { process(p.baseAddress! + c * frames, count: frames) }
        }
        return y
    }
}

/// Digital Butterworth filters by the bilinear transform (frequency pre-warped so the −3 dB point is exact):
/// `|H(e^{iω})|² = 1 / (1 + (tan(ω/2) / tan(ω꜀/2))^{2N})` for a low-pass of order `N`, with the ratio inverted for a
/// high-pass. Order `N` rolls off at `6N` dB per octave.
public enum Butterworth {
    /// A low-pass filter at `cutoff` Hz.
    public static func lowPass(cutoff: Double, sampleRate: Double, order: Int = 2) throws -> BiquadCascade {
        try design(cutoff: cutoff, sampleRate: sampleRate, order: order, highPass: false)
    }

    /// A high-pass filter at `cutoff` Hz.
    public static func highPass(cutoff: Double, sampleRate: Double, order: Int = 2) throws -> BiquadCascade {
        try design(cutoff: cutoff, sampleRate: sampleRate, order: order, highPass: true)
    }

    private static func design(cutoff: Double, sampleRate: Double, order: Int, highPass: Bool) throws
        -> BiquadCascade
    {
        guard sampleRate > 0, cutoff > 0, cutoff < sampleRate / 2 else {
            throw DSPError.invalidParameter(
                "filter cut-off must lie strictly between 0 and \(sampleRate / 2) Hz (Nyquist), got \(cutoff) Hz")
        }
        guard (1...16).contains(order) else {
            throw DSPError.invalidParameter("Butterworth order must be in 1...16, got \(order)")
        }
        let w0 = 2 * Double.pi * cutoff / sampleRate
        let cosW = cos(w0), sinW = sin(w0)
        var sections: [BiquadCascade.Section] = []
        // Conjugate pole pairs of the analogue prototype: s² + s/Q + 1 with 1/Q = 2 sin((2k+1)π / 2N).
        for k in 0..<(order / 2) {
            let q = 1 / (2 * sin(Double(2 * k + 1) * Double.pi / Double(2 * order)))
            let alpha = sinW / (2 * q), a0 = 1 + alpha
            let b1 = highPass ? -(1 + cosW) : 1 - cosW
            sections.append(.init(b0: abs(b1) / 2 / a0, b1: b1 / a0, b2: abs(b1) / 2 / a0,
                                  a1: -2 * cosW / a0, a2: (1 - alpha) / a0))
        }
        if order % 2 == 1 {  // the real pole s = −1
            let t = tan(w0 / 2), a0 = 1 + t
            sections.append(highPass
                ? .init(b0: 1 / a0, b1: -1 / a0, b2: 0, a1: (t - 1) / a0, a2: 0)
                : .init(b0: t / a0, b1: t / a0, b2: 0, a1: (t - 1) / a0, a2: 0))
        }
        return BiquadCascade(sections: sections)
    }
}
