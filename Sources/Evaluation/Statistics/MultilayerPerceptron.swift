import Foundation
import TensorCore
import Tabular

/// A one-hidden-layer perceptron as scikit-learn's `MLPClassifier` / `MLPRegressor` (ReLU, Adam with learning rate
/// 1e-3, L2 penalty α = 1e-4, mini-batches of min(200, n), Glorot-uniform start), trained for a fixed number of
/// epochs. Classification uses a softmax output with cross-entropy (two classes too), regression a linear output
/// with half the squared error. Float32, every matrix product through `BLAS.sgemm`. Weights use PyTorch's layouts.
public struct MultilayerPerceptron: Sendable {
    public let inputs: Int
    public let hidden: Int
    public let outputs: Int
    public let classification: Bool
    /// [hidden, inputs], [hidden], [outputs, hidden], [outputs]
    public internal(set) var w1: [Float], b1: [Float], w2: [Float], b2: [Float]

    /// A network with Glorot-uniform weights and biases (bound √(6 / (fan_in + fan_out))), as scikit-learn starts.
    public init(inputs: Int, hidden: Int, outputs: Int, classification: Bool, seed: UInt64) {
        self.inputs = inputs
        self.hidden = hidden
        self.outputs = outputs
        self.classification = classification
        var rng = SeededGenerator(seed: seed)
        func uniform(_ count: Int, _ fanIn: Int, _ fanOut: Int) -> [Float] {
            let bound = (6.0 / Double(fanIn + fanOut)).squareRoot()
            return (0..<count).map { _ in Float((2 * rng.uniform() - 1) * bound) }
        }
        w1 = uniform(hidden * inputs, inputs, hidden)
        b1 = uniform(hidden, inputs, hidden)
        w2 = uniform(outputs * hidden, hidden, outputs)
        b2 = uniform(outputs, hidden, outputs)
    }

    /// Trains on `x` [n, inputs] with `labels` (classification) or `targets` (regression).
    public mutating func train(x: [Float], labels: [Int] = [], targets: [Float] = [], epochs: Int = 200,
                               learningRate: Float = 1e-3, alpha: Float = 1e-4, seed: UInt64) {
        let n = x.count / inputs
        guard n > 0 else { return }
        let batch = min(200, n)
        var rng = SeededGenerator(seed: seed)
        var adam = AdamState(sizes: [w1.count, b1.count, w2.count, b2.count])
        var order = Array(0..<n)
        var xb = [Float](repeating: 0, count: batch * inputs)
        for _ in 0..<epochs {
            for i in stride(from: n - 1, to: 0, by: -1) { order.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
            var start = 0
            while start < n {
                let rows = min(batch, n - start)
                for r in 0..<rows {
                    let src = order[start + r]
                    for j in 0..<inputs { xb[r * inputs + j] = x[src * inputs + j] }
                }
                let batchRows = Array(order[start..<(start + rows)])
                let g = gradients(xb, rows: rows, labels: labels.isEmpty ? [] : batchRows.map { labels[$0] },
                                  targets: targets.isEmpty ? [] : batchRows.map { targets[$0] }, alpha: alpha)
                adam.step(&w1, g.w1, slot: 0, learningRate: learningRate)
                adam.step(&b1, g.b1, slot: 1, learningRate: learningRate)
                adam.step(&w2, g.w2, slot: 2, learningRate: learningRate)
                adam.step(&b2, g.b2, slot: 3, learningRate: learningRate)
                adam.advance()
                start += rows
            }
        }
    }

    /// Hidden activations [rows, hidden] and outputs [rows, outputs] (before softmax) for `x` [rows, inputs].
    func forward(_ x: [Float], rows: Int) -> (hidden: [Float], output: [Float]) {
        var h = [Float](repeating: 0, count: rows * hidden)  // [B, H]
        for r in 0..<rows { for j in 0..<hidden { h[r * hidden + j] = b1[j] } }
        BLAS.sgemm(transB: true, m: rows, n: hidden, k: inputs, a: x, lda: inputs, b: w1, ldb: inputs, beta: 1,
                   c: &h, ldc: hidden)
        for i in h.indices where h[i] < 0 { h[i] = 0 }
        var o = [Float](repeating: 0, count: rows * outputs)  // [B, O]
        for r in 0..<rows { for k in 0..<outputs { o[r * outputs + k] = b2[k] } }
        BLAS.sgemm(transB: true, m: rows, n: outputs, k: hidden, a: h, lda: hidden, b: w2, ldb: hidden, beta: 1,
                   c: &o, ldc: outputs)
        return (h, o)
    }

    /// Loss of a batch (mean data loss plus α/(2·rows)·‖W‖², as scikit-learn) and its gradients.
    func gradients(_ x: [Float], rows: Int, labels: [Int], targets: [Float], alpha: Float)
        -> (loss: Double, w1: [Float], b1: [Float], w2: [Float], b2: [Float]) {
        let (h, o) = forward(x, rows: rows)
        var d = o  // dLoss/dOutput [B, O]
        var loss = 0.0
        let scale = 1 / Float(rows)
        for r in 0..<rows {
            let row = r * outputs
            if classification {
                let m = o[row..<(row + outputs)].max()!
                var sum: Float = 0
                for k in 0..<outputs { d[row + k] = exp(o[row + k] - m); sum += d[row + k] }
                for k in 0..<outputs { d[row + k] /= sum }
                loss -= log(Double(max(d[row + labels[r]], 1e-30)))
                d[row + labels[r]] -= 1
            } else {
                let e = o[row] - targets[r]
                loss += 0.5 * Double(e * e)
                d[row] = e
            }
            for k in 0..<outputs { d[row + k] *= scale }
        }
        var gw2 = w2.map { alpha * scale * $0 }  // [O, H]
        BLAS.sgemm(transA: true, m: outputs, n: hidden, k: rows, a: d, lda: outputs, b: h, ldb: hidden, beta: 1,
                   c: &gw2, ldc: hidden)
        var gb2 = [Float](repeating: 0, count: outputs)
        for r in 0..<rows { for k in 0..<outputs { gb2[k] += d[r * outputs + k] } }
        var dh = [Float](repeating: 0, count: rows * hidden)  // [B, H]
        BLAS.sgemm(m: rows, n: hidden, k: outputs, a: d, lda: outputs, b: w2, ldb: hidden, c: &dh, ldc: hidden)
        for i in dh.indices where h[i] <= 0 { dh[i] = 0 }
        var gw1 = w1.map { alpha * scale * $0 }  // [H, I]
        BLAS.sgemm(transA: true, m: hidden, n: inputs, k: rows, a: dh, lda: hidden, b: x, ldb: inputs, beta: 1,
                   c: &gw1, ldc: inputs)
        var gb1 = [Float](repeating: 0, count: hidden)
        for r in 0..<rows { for j in 0..<hidden { gb1[j] += dh[r * hidden + j] } }
        let norm = w1.reduce(0) { $0 + Double($1 * $1) } + w2.reduce(0) { $0 + Double($1 * $1) }
        return (loss / Double(rows) + 0.5 * Double(alpha) * norm / Double(rows), gw1, gb1, gw2, gb2)
    }

    /// Class probabilities [n, outputs] (classification) or predictions [n] (regression) for `x` [n, inputs].
    public func predictRaw(_ x: [Float]) -> [Float] {
        let rows = x.count / inputs
        var o = forward(x, rows: rows).output
        guard classification else { return o }
        for r in 0..<rows {
            let row = r * outputs
            let m = o[row..<(row + outputs)].max()!
            var sum: Float = 0
            for k in 0..<outputs { o[row + k] = exp(o[row + k] - m); sum += o[row + k] }
            for k in 0..<outputs { o[row + k] /= sum }
        }
        return o
    }
}

/// Adam's moment estimates for a list of parameter arrays.
struct AdamState {
    var m: [[Float]], v: [[Float]]
    var t: Float = 1
    let beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8

    init(sizes: [Int]) {
        m = sizes.map { [Float](repeating: 0, count: $0) }
        v = m
    }

    mutating func step(_ p: inout [Float], _ g: [Float], slot: Int, learningRate: Float) {
        let rate = learningRate * (1 - pow(beta2, t)).squareRoot() / (1 - pow(beta1, t))
        for i in p.indices {
            m[slot][i] = beta1 * m[slot][i] + (1 - beta1) * g[i]
            v[slot][i] = beta2 * v[slot][i] + (1 - beta2) * g[i] * g[i]
            p[i] -= rate * m[slot][i] / (v[slot][i].squareRoot() + epsilon)
        }
    }

    mutating func advance() { t += 1 }
}
