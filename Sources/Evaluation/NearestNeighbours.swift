import TensorCore

/// Nearest-neighbour distances between feature sets (Euclidean), via one GEMM per block:
/// `‖a − b‖² = ‖a‖² + ‖b‖² − 2 a·b`.
public enum NearestNeighbours {
    /// For every row of `queries`, the distance to its nearest row of `reference`; with `excludeSelf` (queries ==
    /// reference) a row is not its own neighbour.
    public static func distances(from queries: FeatureMatrix, to reference: FeatureMatrix, excludeSelf: Bool = false)
        throws -> [Double]
    {
        guard queries.dimension == reference.dimension else {
            throw EvaluationError.mismatch("feature dimensions \(queries.dimension) and \(reference.dimension)")
        }
        guard reference.count > (excludeSelf ? 1 : 0) else {
            throw EvaluationError.tooFewSamples("nearest neighbours need at least \(excludeSelf ? 2 : 1) reference samples")
        }
        let d = queries.dimension, nq = queries.count, nr = reference.count
        let qn = (0..<nq).map { i in queries.row(i).reduce(0) { $0 + $1 * $1 } }
        let rn = (0..<nr).map { i in reference.row(i).reduce(0) { $0 + $1 * $1 } }
        var dots = [Double](repeating: 0, count: nq * nr)
        queries.values.withUnsafeBufferPointer { q in
            reference.values.withUnsafeBufferPointer { r in
                dots.withUnsafeMutableBufferPointer { c in
                    BLAS.dgemm(transB: true, m: nq, n: nr, k: d, a: q.baseAddress!, lda: d, b: r.baseAddress!,
                               ldb: d, c: c.baseAddress!, ldc: nr)
                }
            }
        }
        return (0..<nq).map { i in
            var best = Double.infinity
            for j in 0..<nr where !(excludeSelf && i == j) {
                best = Swift.min(best, qn[i] + rn[j] - 2 * dots[i * nr + j])
            }
            return Swift.max(best, 0).squareRoot()
        }
    }

    /// Mean distance from each generated sample to its nearest other generated sample (low = mode collapse).
    public static func dSelf(_ generated: FeatureMatrix) throws -> Double {
        mean(try distances(from: generated, to: generated, excludeSelf: true))
    }

    /// Mean distance from each generated sample to its nearest real sample (near 0 = memorisation).
    public static func dTrain(_ generated: FeatureMatrix, real: FeatureMatrix) throws -> Double {
        mean(try distances(from: generated, to: real))
    }

    static func mean(_ x: [Double]) -> Double { x.reduce(0, +) / Double(Swift.max(x.count, 1)) }
}
