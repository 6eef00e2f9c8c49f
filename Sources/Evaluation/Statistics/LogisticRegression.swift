import Foundation

/// L2-regularised logistic regression as scikit-learn's `LogisticRegression(solver="lbfgs")`: it minimises
/// Σ_i s_i · log-loss_i + ‖W‖² / (2C) (intercepts not penalised), binary with one weight vector and a sigmoid,
/// multiclass with one weight vector per class and a softmax. Sample weights s_i come from class weights.
public struct LogisticRegression: Sendable {
    public let classes: Int
    public let features: Int
    /// [outputs, features] with outputs = 1 for two classes, else `classes`.
    public private(set) var weights: [Double]
    public private(set) var intercepts: [Double]
    public private(set) var converged: Bool

    var outputs: Int { classes == 2 ? 1 : classes }

    /// Fits to `x` [n, features] and `labels` in 0..<classes. `balanced` weights classes by n / (classes · count).
    public init(x: [Double], features: Int, labels: [Int], classes: Int, c: Double = 1, balanced: Bool = false,
                maxIterations: Int = 100) {
        let k = max(classes, 2)
        self.classes = k
        self.features = features
        let outputs = k == 2 ? 1 : k
        let n = labels.count
        var counts = [Double](repeating: 0, count: k)
        for l in labels { counts[l] += 1 }
        let classWeight = counts.map { balanced && $0 > 0 ? Double(n) / (Double(k) * $0) : 1 }
        let sampleWeights = labels.map { classWeight[$0] }
        let total = sampleWeights.reduce(0, +)
        let objective = LogisticObjective(x: x, labels: labels, sampleWeights: sampleWeights, features: features,
                                          outputs: outputs, penalty: 1 / c, scale: 1 / max(total, 1))
        let start = [Double](repeating: 0, count: outputs * (features + 1))
        let result = LBFGS.minimize(start, maxIterations: maxIterations) { objective.evaluate($0, gradient: &$1) }
        weights = Array(result.x[0..<(outputs * features)])
        intercepts = Array(result.x[(outputs * features)...])
        converged = result.converged
    }

    /// Class probabilities [n, classes] for `x` [n, features].
    public func probabilities(_ x: [Double]) -> [Double] {
        let n = x.count / max(features, 1)
        var out = [Double](repeating: 0, count: n * classes)
        var z = [Double](repeating: 0, count: outputs)
        for i in 0..<n {
            LogisticObjective.scores(x, row: i, weights: weights, intercepts: intercepts, features: features, into: &z)
            if classes == 2 {
                let p = 1 / (1 + exp(-z[0]))
                out[i * 2] = 1 - p
                out[i * 2 + 1] = p
            } else {
                let m = z.max()!
                var sum = 0.0
                for k in 0..<classes { out[i * classes + k] = exp(z[k] - m); sum += out[i * classes + k] }
                for k in 0..<classes { out[i * classes + k] /= sum }
            }
        }
        return out
    }

    /// The most probable class per row.
    public func predict(_ x: [Double]) -> [Int] { argmaxRows(probabilities(x), columns: classes) }
}

/// The penalised log-loss and its gradient over the parameters [W (outputs × features), b (outputs)].
struct LogisticObjective {
    let x: [Double], labels: [Int], sampleWeights: [Double]
    let features: Int, outputs: Int
    let penalty: Double
    let scale: Double

    @inline(__always)
    static func scores(_ x: [Double], row i: Int, weights: [Double], intercepts: [Double], features d: Int,
                       into z: inout [Double]) {
        for k in z.indices {
            var s = intercepts[k]
            for j in 0..<d { s += weights[k * d + j] * x[i * d + j] }
            z[k] = s
        }
    }

    func evaluate(_ p: [Double], gradient g: inout [Double]) -> Double {
        let d = features, o = outputs, n = labels.count
        let w = Array(p[0..<(o * d)]), b = Array(p[(o * d)...])
        for k in g.indices { g[k] = 0 }
        var loss = 0.0
        var z = [Double](repeating: 0, count: o)
        var residual = [Double](repeating: 0, count: o)
        for i in 0..<n {
            Self.scores(x, row: i, weights: w, intercepts: b, features: d, into: &z)
            let s = sampleWeights[i]
            if o == 1 {
                let y = Double(labels[i])
                // log(1 + e^z) - y z, computed stably.
                loss += s * (max(z[0], 0) + log1p(exp(-abs(z[0]))) - y * z[0])
                residual[0] = s * (1 / (1 + exp(-z[0])) - y)
            } else {
                let m = z.max()!
                var sum = 0.0
                for k in 0..<o { sum += exp(z[k] - m) }
                let lse = m + log(sum)
                loss += s * (lse - z[labels[i]])
                for k in 0..<o { residual[k] = s * (exp(z[k] - lse) - (k == labels[i] ? 1 : 0)) }
            }
            for k in 0..<o {
                for j in 0..<d { g[k * d + j] += residual[k] * x[i * d + j] }
                g[o * d + k] += residual[k]
            }
        }
        var norm = 0.0
        for k in 0..<(o * d) {
            norm += w[k] * w[k]
            g[k] += penalty * w[k]
        }
        for k in g.indices { g[k] *= scale }
        return (loss + 0.5 * penalty * norm) * scale
    }
}

/// Arg-max of each row of a [rows, columns] matrix.
func argmaxRows(_ m: [Double], columns: Int) -> [Int] {
    (0..<(m.count / max(columns, 1))).map { i in
        var best = 0
        for k in 1..<columns where m[i * columns + k] > m[i * columns + best] { best = k }
        return best
    }
}
