import Foundation

/// Signal levels: peak, RMS and decibels relative to full scale (1.0).
public enum Levels {
    /// Largest absolute sample value (0 for no samples).
    public static func peak<C: Collection>(_ x: C) -> Float where C.Element == Float {
        x.reduce(0) { max($0, abs($1)) }
    }

    /// Root mean square (0 for no samples), accumulated in Double.
    public static func rms<C: Collection>(_ x: C) -> Float where C.Element == Float {
        guard !x.isEmpty else { return 0 }
        return Float((x.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(x.count)).squareRoot())
    }

    /// `20 · log₁₀(amplitude)` dB; −∞ for 0.
    public static func decibels(_ amplitude: Float) -> Double { 20 * log10(Double(amplitude)) }

    /// The amplitude of `decibels` dB: `10^(dB / 20)`.
    public static func amplitude(decibels: Double) -> Float { Float(pow(10, decibels / 20)) }
}
