import TensorCore
import Tabular

/// A random forest as scikit-learn's `RandomForestClassifier` / `RandomForestRegressor` with default settings:
/// `trees` trees, each grown to purity on a bootstrap sample; classification tries √features per split (Gini) and
/// averages the trees' class fractions, regression tries all features (squared error) and averages the means.
/// Trees are grown in parallel, each from its own seed, so results do not depend on the thread count.
public struct RandomForest: Sendable {
    public let task: TreeTask
    public let features: Int
    let trees: [DecisionTree]

    /// Grows the forest on `x` [n, features]; `labels` (classification) or `targets` (regression) per row.
    public init(x: [Double], features d: Int, task: TreeTask, labels: [Int] = [], targets: [Double] = [],
                trees count: Int = 100, seed: UInt64 = 0) {
        self.task = task
        features = d
        let data = TreeData(x: x, features: d, labels: labels, targets: targets)
        let n = data.rows
        let maxFeatures: Int
        switch task {
        case .classification: maxFeatures = max(1, Int(Double(d).squareRoot()))
        case .regression: maxFeatures = d
        }
        var seeds = SeededGenerator(seed: seed)
        let treeSeeds = (0..<count).map { _ in seeds.next() }
        var grown = [DecisionTree?](repeating: nil, count: count)
        grown.withUnsafeMutableBufferPointer { out in
            parallelFor(count) { t in
                var rng = SeededGenerator(seed: treeSeeds[t])
                let sample = (0..<n).map { _ in Int(rng.next() % UInt64(n)) }
                out[t] = DecisionTree(data: data, sample: sample, task: task, maxFeatures: maxFeatures, using: &rng)
            }
        }
        trees = grown.map { $0! }
    }

    /// Averaged class fractions [n, classes] (classification) or predictions [n] (regression).
    public func predictRaw(_ x: [Double]) -> [Double] {
        let width = trees.first?.width ?? 1
        let n = x.count / max(features, 1)
        var out = [Double](repeating: 0, count: n * width)
        x.withUnsafeBufferPointer { xp in
            out.withUnsafeMutableBufferPointer { op in
                parallelRanges(n, minimum: 64) { range in
                    for i in range {
                        for tree in trees {
                            for (k, v) in tree.leaf(xp, row: i, features: features).enumerated() { op[i * width + k] += v }
                        }
                        for k in 0..<width { op[i * width + k] /= Double(trees.count) }
                    }
                }
            }
        }
        return out
    }

    /// The most probable class per row (classification).
    public func predictClasses(_ x: [Double]) -> [Int] { argmaxRows(predictRaw(x), columns: trees.first?.width ?? 1) }
}
