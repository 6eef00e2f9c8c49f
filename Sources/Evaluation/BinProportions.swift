import Foundation

/// NDB/K and the Jensen–Shannon divergence of bin proportions (Richardson & Weiss 2018): K-means bins fitted on
/// real features; a bin is "statistically different" when a two-sided two-proportion z-test rejects at 0.05.
public struct BinProportions: Sendable, Codable, Equatable {
    /// Number of statistically different bins divided by K (0 = matches, 1 = every bin differs).
    public let ndbOverK: Double
    /// Jensen–Shannon divergence (natural log, in [0, ln 2]) between real and generated bin proportions.
    public let jensenShannon: Double
    public let k: Int

    public init(real: FeatureMatrix, generated: FeatureMatrix, k: Int = 50, seed: UInt64 = 0) throws {
        guard real.dimension == generated.dimension else {
            throw EvaluationError.mismatch("feature dimensions \(real.dimension) and \(generated.dimension)")
        }
        guard generated.count > 0 else { throw EvaluationError.emptySet("no generated samples") }
        guard real.count >= 2 * k else {
            throw EvaluationError.tooFewSamples(
                "NDB with K = \(k) bins needs at least \(2 * k) real samples (got \(real.count)); lower K")
        }
        let model = try KMeans(real, k: k, seed: seed)
        let p = BinProportions.proportions(model.assign(real), k: k)
        let q = BinProportions.proportions(model.assign(generated), k: k)
        let (nr, ng) = (Double(real.count), Double(generated.count))
        var different = 0
        for i in 0..<k {
            let pooled = (p[i] * nr + q[i] * ng) / (nr + ng)
            let se = (pooled * (1 - pooled) * (1 / nr + 1 / ng)).squareRoot()
            guard se > 0 else { continue }
            let z = (p[i] - q[i]) / se
            if erfc(abs(z) / 2.0.squareRoot()) < 0.05 { different += 1 }  // two-sided p-value
        }
        ndbOverK = Double(different) / Double(k)
        jensenShannon = BinProportions.jensenShannon(p, q)
        self.k = k
    }

    static func proportions(_ assignment: [Int], k: Int) -> [Double] {
        var counts = [Double](repeating: 0, count: k)
        for a in assignment { counts[a] += 1 }
        return counts.map { $0 / Double(Swift.max(assignment.count, 1)) }
    }

    /// JS(P‖Q) = ½ KL(P‖M) + ½ KL(Q‖M), M = (P+Q)/2, natural log.
    public static func jensenShannon(_ p: [Double], _ q: [Double]) -> Double {
        var js = 0.0
        for (a, b) in zip(p, q) {
            let m = (a + b) / 2
            if a > 0 { js += 0.5 * a * log(a / m) }
            if b > 0 { js += 0.5 * b * log(b / m) }
        }
        return js
    }
}
