import Foundation

/// Special functions the variational mixture needs (Double precision).
public enum SpecialFunctions {
    /// The digamma function ψ(x) = d/dx log Γ(x) for x > 0: recurrence up to x ≥ 10, then the asymptotic series (error below 1e-14).
    public static func digamma(_ x: Double) -> Double {
        var x = x
        var result = 0.0
        while x < 10 {
            result -= 1 / x
            x += 1
        }
        let f = 1 / (x * x)
        let series = f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f * (1.0 / 132)))))
        return result + log(x) - 0.5 / x - series
    }

    /// log Γ(x) for x > 0.
    public static func logGamma(_ x: Double) -> Double { lgamma(x) }

    /// log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b).
    public static func logBeta(_ a: Double, _ b: Double) -> Double { lgamma(a) + lgamma(b) - lgamma(a + b) }
}
