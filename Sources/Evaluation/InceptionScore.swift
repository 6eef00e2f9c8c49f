import Foundation

/// The Inception-style score of a set of class predictions (Salimans et al. 2016; WaveGAN scores SC09 digits with a
/// classifier trained on the real clips):
///
///     IS = exp( (1/N) Σₓ KL(p(y|x) ‖ p(y)) ),   p(y) = (1/N) Σₓ p(y|x)
///
/// over the N rows of a probability matrix. It lies in [1, K] for K classes: high when every clip is classified
/// confidently (low-entropy rows) and the set covers the classes evenly (high-entropy mean); K when N clips are
/// split evenly over the K classes and each is certain, 1 when every row is the same. Terms with p(y|x) = 0 count
/// as 0 (the limit of p log p).
public enum InceptionScore {
    /// The score of `probabilities`, `[count, classes]` row-major, each row a distribution (non-negative, summing
    /// to 1 within 1e-3). Throws on an empty matrix, a length that is not a multiple of `classes`, or a row that is
    /// not a distribution.
    public static func of(probabilities p: [Float], classes: Int) throws -> Double {
        guard classes >= 1, !p.isEmpty, p.count % classes == 0 else {
            throw EvaluationError.invalidInput(
                "Inception-style score: \(p.count) probabilities do not form rows of \(classes) classes")
        }
        let count = p.count / classes
        var marginal = [Double](repeating: 0, count: classes)  // [K]
        try p.withUnsafeBufferPointer { rows in
            for r in 0..<count {
                var sum = 0.0
                for k in 0..<classes {
                    let v = Double(rows[r * classes + k])
                    guard v >= 0, v <= 1 else {
                        throw EvaluationError.invalidInput(
                            "Inception-style score: row \(r) holds \(v), not a probability; pass softmax outputs")
                    }
                    marginal[k] += v
                    sum += v
                }
                guard abs(sum - 1) <= 1e-3 else {
                    throw EvaluationError.invalidInput(
                        "Inception-style score: row \(r) sums to \(sum), not 1; pass softmax outputs")
                }
            }
        }
        let logMarginal = marginal.map { Foundation.log($0 / Double(count)) }
        var divergence = 0.0
        p.withUnsafeBufferPointer { rows in
            for i in 0..<(count * classes) where rows[i] > 0 {
                let v = Double(rows[i])
                divergence += v * (Foundation.log(v) - logMarginal[i % classes])
            }
        }
        return exp(divergence / Double(count))
    }
}
