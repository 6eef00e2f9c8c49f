import Foundation
import NN
import TensorCore
import TimeSeries

/// What the post-hoc recurrent metrics (discriminative and predictive score) share: the inputs as tensors, the
/// TensorFlow initialisers of TimeGAN's reference models, mini-batches drawn as `np.random.permutation(n)[:B]`, and
/// the [0, 1] scaling their sigmoid outputs assume.
enum SeriesMetricModels {
    /// `[N, T, C]` values of `data` as a tensor (the GRU's batch-first layout).
    static func tensor(_ data: SeriesArray) -> Tensor {
        try! Tensor(shape: [data.count, data.length, data.features], values: data.values)
    }

    /// TimeGAN's hidden size for the post-hoc networks: `int(C / 2)`, at least 1.
    static func hiddenSize(features: Int) -> Int { max(1, features / 2) }

    /// Glorot (Xavier) uniform for a PyTorch-layout weight `[out, in]`: TensorFlow's default kernel initialiser.
    static func glorot(_ rows: Int, _ columns: Int, using g: inout SeededGenerator) -> Tensor {
        Initialization.xavierUniform([rows, columns], fanIn: columns, fanOut: rows, using: &g)
    }

    /// Keras' `Orthogonal` recurrent initialiser in PyTorch's layout `[3H, H]`: the columns are orthonormal
    /// (Gram–Schmidt on Gaussian vectors, as QR does).
    static func orthogonalColumns(_ rows: Int, _ columns: Int, using g: inout SeededGenerator) -> Tensor {
        var q = [[Double]]()
        for _ in 0..<columns {
            var v = (0..<rows).map { _ in g.normal() }
            for u in q {
                let dot = zip(u, v).reduce(0) { $0 + $1.0 * $1.1 }
                for i in 0..<rows { v[i] -= dot * u[i] }
            }
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            q.append(v.map { $0 / max(norm, 1e-12) })
        }
        var values = [Float](repeating: 0, count: rows * columns)
        for c in 0..<columns { for r in 0..<rows { values[r * columns + c] = Float(q[c][r]) } }
        return try! Tensor(shape: [rows, columns], values: values)
    }

    /// Draws `size` distinct indices of `0..<pool.count` (all of them when fewer), as the first `size` entries of a
    /// random permutation: a partial Fisher–Yates shuffle of `pool`, which keeps its state between calls.
    static func batch(_ pool: inout [Int], size: Int, using g: inout SeededGenerator) -> [Int] {
        let n = pool.count, k = min(size, n)
        for i in 0..<k { pool.swapAt(i, i + g.int(below: n - i)) }
        return Array(pool[0..<k])
    }

    /// Checks that both sets can be compared: same length and features, no NaN, at least `needed` series each.
    static func validate(real: SeriesArray, synthetic: SeriesArray, needed: Int, metric: String) throws {
        guard real.length == synthetic.length, real.features == synthetic.features else {
            throw SeriesMetricError.mismatchedShapes(
                real: "\(real.length) steps × \(real.features) features",
                synthetic: "\(synthetic.length) steps × \(synthetic.features) features")
        }
        for (name, set) in [("real", real), ("synthetic", synthetic)] {
            guard set.count >= needed else {
                throw SeriesMetricError.tooFewSeries(set: name, count: set.count, needed: needed, metric: metric)
            }
            if let i = set.values.firstIndex(where: { !$0.isFinite }) {
                throw SeriesMetricError.notFinite(
                    set: name, series: i / set.seriesStride, step: (i % set.seriesStride) / set.features,
                    feature: i % set.features)
            }
        }
    }
}

/// How the recurrent metrics scale the data first. Their networks end in a sigmoid, so TimeGAN feeds them data in
/// [0, 1]: Sines as generated, Stocks and Energy min-max scaled when loaded.
public enum SeriesMetricScaling: String, Codable, Sendable, CaseIterable {
    /// Min-max scale both sets with the real set's per-feature minimum and range when some real value lies outside
    /// [0, 1]; leave data already in [0, 1] as it is (so TimeGAN's published figures stay comparable).
    case auto
    /// Always min-max scale both sets with the real set's per-feature minimum and range.
    case minMax = "minmax"
    /// Use the values as they are.
    case none

    /// Both sets as the metrics see them.
    func apply(real: SeriesArray, synthetic: SeriesArray) throws -> (SeriesArray, SeriesArray) {
        let inUnitRange = real.values.allSatisfy { $0 >= 0 && $0 <= 1 }
        guard self == .minMax || (self == .auto && !inUnitRange) else { return (real, synthetic) }
        let scaler = try SeriesScaler(fitting: real, kind: .minMax)
        return (try scaler.transform(real), try scaler.transform(synthetic))
    }
}
