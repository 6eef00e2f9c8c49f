import TensorCore

/// Nearest-neighbour scores of feature sets (Euclidean), on TensorCore's `NearestNeighbors` search.
extension NearestNeighbors {
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
        if queries.count == 0 { return [] }
        // Candidates from the single-precision search, then the exact distance in double precision: the few best
        // candidates hold the true nearest row whatever the rounding of the search.
        let d = queries.dimension
        let found = search(queries: queries.values.map(Float.init), reference: reference.values.map(Float.init),
                           dimension: d, k: 4, excludeSelf: excludeSelf)
        return (0..<queries.count).map { i in
            var best = Double.infinity
            for j in found.indices[(i * found.k)..<((i + 1) * found.k)] {
                var sum = 0.0
                for c in 0..<d {
                    let diff = queries.values[i * d + c] - reference.values[j * d + c]
                    sum += diff * diff
                }
                best = Swift.min(best, sum)
            }
            return best.squareRoot()
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
