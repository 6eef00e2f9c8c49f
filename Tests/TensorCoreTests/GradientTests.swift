import Foundation
import Testing
import TensorCore
import _TestSupport

/// First-order gradients of every op against central differences.
@Suite struct GradientTests {
    let a = Tensor.testValues([2, 3, 4], seed: 1)
    let b = Tensor.testValues([2, 3, 4], seed: 2)
    let positive = Tensor.testValues([2, 3, 4], seed: 3, low: 0.5, high: 2)

    func check(_ inputs: [Tensor], tolerance: Float = 2e-3, eps: Float = 1e-3, line: Int = #line,
               _ f: @escaping ([Tensor]) -> Tensor) {
        let e = GradientCheck.firstOrder(inputs, eps: eps, f)
        #expect(e < tolerance, "first-order check at line \(line)")
    }

    @Test func arithmeticWithBroadcasting() {
        let row = Tensor.testValues([3, 1], seed: 4), col = Tensor.testValues([4], seed: 5)
        check([a, row]) { $0[0] + $0[1] }
        check([a, col]) { $0[0] - $0[1] }
        check([a, row]) { $0[0] * $0[1] }
        check([a, positive]) { $0[0] / $0[1] }
        check([row, a]) { $0[0] / ($0[1].squared() + 1) }
        check([a]) { -$0[0] * 3 + 2 - (1 - $0[0]) }
        check([positive]) { 2 / $0[0] }
    }

    @Test func unaryFunctions() {
        check([a]) { $0[0].exp() }
        check([positive]) { $0[0].log() }
        check([positive]) { $0[0].sqrt() }
        check([positive]) { $0[0].pow(1.7) }
        check([positive]) { $0[0].positivePow(0.15) }
        check([positive]) { $0[0].positiveLog() }
        check([a]) { $0[0].abs() }
        check([a]) { $0[0].clamped(-0.5, 0.5) }
        check([a]) { $0[0].tanh() }
        check([a]) { $0[0].sigmoid() }
        check([a]) { $0[0].relu() }
        check([a]) { $0[0].leakyRelu(0.2) }
        check([a]) { $0[0].softplus() }
        check([a]) { $0[0].muLaw(15) }
        check([a]) { $0[0].sin() + $0[0].cos() }
        check([a, b]) { Tensor.select($0[0].mask { $0 > 0 }.detached, $0[0], $0[1]) }
    }

    @Test func reductions() {
        check([a]) { $0[0].sum() }
        check([a]) { $0[0].sum(axes: [1]) }
        check([a]) { $0[0].sum(axes: [0, 2], keepDims: true) }
        check([a]) { $0[0].mean(axes: [2]) }
        check([a]) { $0[0].max(axes: [1]) }
        check([a]) { $0[0].max() }
        check([a]) { $0[0].norm(axes: [2]) }
        check([a]) { $0[0].variance(axes: [0, 2]) }
    }

    @Test func shapeOps() {
        check([a]) { $0[0].reshaped([6, -1]) }
        check([a]) { $0[0].permuted([2, 0, 1]) }
        check([a]) { $0[0].sliced(axis: 2, 1..<3) }
        check([a]) { $0[0].padded(axis: 2, before: 2, after: 1) }
        check([a]) { $0[0].reflectPadded(axis: 2, before: 3, after: 2) }
        check([a]) { $0[0].gathered(axis: 1, indices: [2, 0, 2, -1, 1]) }
        check([a]) { $0[0].scatterAdded(axis: 2, indices: [0, 3, 3, 1], length: 5) }
        check([a, b]) { Tensor.concatenated([$0[0], $0[1].sliced(axis: 1, 0..<2)], axis: 1) }
        check([a]) { $0[0].expanded(to: [3, 2, 3, 4]) }
        check([a]) { $0[0].summed(toShape: [3, 1]) }
    }

    @Test func matmulInEveryForm() {
        let m = Tensor.testValues([3, 4], seed: 6), n = Tensor.testValues([4, 5], seed: 7)
        let nt = Tensor.testValues([5, 4], seed: 8), mt = Tensor.testValues([4, 3], seed: 9)
        check([m, n]) { $0[0].matmul($0[1]) }
        check([m, nt]) { $0[0].matmul($0[1], transposeOther: true) }
        check([mt, n]) { $0[0].matmul($0[1], transposeSelf: true) }
        check([mt, nt]) { $0[0].matmul($0[1], transposeSelf: true, transposeOther: true) }
        let bm = Tensor.testValues([2, 3, 4], seed: 10), bn = Tensor.testValues([2, 4, 5], seed: 11)
        check([bm, bn]) { $0[0].matmul($0[1]) }
        check([bm, n]) { $0[0].matmul($0[1]) }
        check([bm, nt]) { $0[0].matmul($0[1], transposeOther: true) }
    }

    @Test func softmaxFamily() {
        check([a]) { $0[0].logSoftmax(axis: -1) }
        check([a]) { $0[0].softmax(axis: 1) }
        check([a]) { $0[0].logSumExp(axis: 0) }
        check([a.reshaped([6, 4])]) { $0[0].crossEntropy(targets: [0, 3, 1, 1, 2, 0]) }
    }

    /// Cross-entropy against the loop that defines it: the mean of log Σ exp(x) − x[t], in Double.
    @Test func crossEntropyValue() {
        let logits = Tensor.testValues([5, 3], seed: 9, low: -4, high: 4), targets = [2, 0, 1, 1, 0]
        let x = logits.scalars.map(Double.init)
        var expected = 0.0
        for (b, t) in targets.enumerated() {
            let row = Array(x[b * 3..<b * 3 + 3])
            expected += log(row.map(exp).reduce(0, +)) - row[t]
        }
        #expect(abs(Double(logits.crossEntropy(targets: targets).item) - expected / 5) < 1e-5)
    }
}

/// Second-order: the gradient of Σ‖∂f/∂x‖² against differences of first-order gradients, for the ops critics use.
@Suite struct SecondOrderTests {
    let a = Tensor.testValues([2, 3, 5], seed: 21)
    let b = Tensor.testValues([2, 3, 5], seed: 22)

    func check(_ inputs: [Tensor], tolerance: Float = 5e-3, line: Int = #line, _ f: @escaping ([Tensor]) -> Tensor) {
        let e = GradientCheck.secondOrder(inputs, eps: 1e-3, f)
        #expect(e < tolerance, "second-order check at line \(line)")
    }

    @Test func elementwise() {
        check([a, b]) { ($0[0] * $0[1]).tanh() }
        check([a]) { $0[0].sigmoid() * $0[0] }
        check([a, b]) { ($0[0].exp() + $0[1].squared() + 0.5).log() }
        check([a, b]) { ($0[0].exp() + $0[1].squared() + 0.5).positivePow(0.15) }
        check([a, b]) { ($0[0].exp() + $0[1].squared() + 0.5).positiveLog() }
        check([a, b]) { $0[0] / ($0[1].squared() + 1) }
        check([a]) { $0[0].leakyRelu(0.2) * $0[0] }
        check([a]) { $0[0].relu().squared() }
        check([a]) { $0[0].softplus() }
        check([a]) { $0[0].muLaw(15) * $0[0] }
    }

    @Test func reductionsAndShapes() {
        check([a]) { $0[0].norm(axes: [1, 2]) }
        check([a]) { $0[0].squared().mean(axes: [2]) }
        check([a]) { ($0[0].max(axes: [2]) * $0[0].sum(axes: [2])) }
        check([a]) { $0[0].padded(axis: 2, before: 2, after: 1).squared() }
        check([a]) { $0[0].reflectPadded(axis: 2, before: 2, after: 2).squared() }
        check([a]) { $0[0].sliced(axis: 2, 1..<4).cube() }
        check([a]) { $0[0].permuted([2, 1, 0]).reshaped([5, 6]).squared() }
    }

    @Test func linearLayerShape() {
        let x = Tensor.testValues([4, 3], seed: 23), w = Tensor.testValues([5, 3], seed: 24)
        let bias = Tensor.testValues([5], seed: 25)
        check([x, w, bias]) { ($0[0].matmul($0[1], transposeOther: true) + $0[2]).leakyRelu(0.2).squared() }
    }
}

extension Tensor {
    fileprivate func cube() -> Tensor { self * self * self }
}

/// The checkers themselves must fail on a wrong rule.
@Suite struct GradientCheckSelfTests {
    /// x² recorded with the wrong derivative (x instead of 2x), first order; and with a right first derivative whose
    /// backward is not differentiable (a detached constant), second order.
    @Test func checkersRejectWrongRules() {
        let x = Tensor.testValues([5], seed: 31)
        let wrong = GradientCheck.firstOrder([x]) { xs in
            Tensor.record("badSquare", result: xs[0].detached.map { $0 * $0 }, inputs: [xs[0]]) { g, _, _ in
                [g * xs[0]]
            }
        }
        #expect(wrong > 0.1)
        let notDifferentiable = GradientCheck.secondOrder([x]) { xs in
            Tensor.record("flatSquare", result: xs[0].detached.map { $0 * $0 }, inputs: [xs[0]]) { g, _, _ in
                [g * xs[0].detached * 2]
            }
        }
        #expect(notDifferentiable > 0.1)
    }
}
