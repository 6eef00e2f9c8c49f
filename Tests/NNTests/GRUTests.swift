import Foundation
@testable import NN
import TensorCore
import Testing
import _TestSupport

/// The GRU equations in plain Double loops, straight from PyTorch's documentation (gate rows r, z, n).
private func naiveGRU(x: [Float], b: Int, t: Int, i: Int, h: Int, wih: [Float], whh: [Float], bih: [Float],
                      bhh: [Float], h0: [Float]) -> [Float] {
    func sigmoid(_ v: Double) -> Double { 1 / (1 + Foundation.exp(-v)) }
    var out = [Float](repeating: 0, count: b * t * h)
    for n in 0..<b {
        var state = (0..<h).map { Double(h0[n * h + $0]) }
        for s in 0..<t {
            func affine(_ row: Int) -> (Double, Double) {
                var a = Double(bih[row]), c = Double(bhh[row])
                for k in 0..<i { a += Double(wih[row * i + k]) * Double(x[(n * t + s) * i + k]) }
                for k in 0..<h { c += Double(whh[row * h + k]) * state[k] }
                return (a, c)
            }
            var next = state
            for j in 0..<h {
                let (xr, hr) = affine(j), (xz, hz) = affine(h + j), (xn, hn) = affine(2 * h + j)
                let r = sigmoid(xr + hr), z = sigmoid(xz + hz)
                let cand = Foundation.tanh(xn + r * hn)
                next[j] = (1 - z) * cand + z * state[j]
            }
            state = next
            for j in 0..<h { out[(n * t + s) * h + j] = Float(state[j]) }
        }
    }
    return out
}

@Suite struct GRUTests {
    @Test func parametersHavePyTorchNamesAndShapes() {
        var g = SeededGenerator(seed: 1)
        let gru = GRU(inputSize: 3, hiddenSize: 4, using: &g)
        let named = gru.namedParameters()
        #expect(named.map(\.name) == ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"])
        #expect(named.map(\.parameter.shape) == [[12, 3], [12, 4], [12], [12]])
        let bound: Float = 0.5  // 1/√H
        #expect(gru.parameters().allSatisfy { $0.value.scalars.allSatisfy { abs($0) <= bound } })
    }

    @Test func matchesNaiveLoop() throws {
        var g = SeededGenerator(seed: 2)
        let (b, t, i, h) = (3, 5, 4, 6)
        let gru = GRU(inputSize: i, hiddenSize: h, using: &g)
        let x = Tensor.normal([b, t, i], using: &g)
        let h0 = Tensor.normal([b, h], std: 0.5, using: &g)
        let (outputs, last) = try gru(x, initial: h0)
        #expect(outputs.shape == [b, t, h] && last.shape == [b, h])
        let expected = naiveGRU(
            x: x.scalars, b: b, t: t, i: i, h: h, wih: gru.weight_ih_l0.value.scalars,
            whh: gru.weight_hh_l0.value.scalars, bih: gru.bias_ih_l0!.value.scalars,
            bhh: gru.bias_hh_l0!.value.scalars, h0: h0.scalars)
        #expect(maxAbsDifference(outputs.scalars, expected) < 1e-5)
        var lastExpected: [Float] = []
        for n in 0..<b {
            let end = (n + 1) * t * h
            lastExpected += expected[(end - h)..<end]
        }
        #expect(maxAbsDifference(last.scalars, lastExpected) < 1e-6)
        // A zero initial state is the default.
        let zeroStart = try gru(x).outputs.scalars
        let expectedZero = naiveGRU(
            x: x.scalars, b: b, t: t, i: i, h: h, wih: gru.weight_ih_l0.value.scalars,
            whh: gru.weight_hh_l0.value.scalars, bih: gru.bias_ih_l0!.value.scalars,
            bhh: gru.bias_hh_l0!.value.scalars, h0: [Float](repeating: 0, count: b * h))
        #expect(maxAbsDifference(zeroStart, expectedZero) < 1e-5)
    }

    @Test func gradientsMatchFiniteDifferences() throws {
        var g = SeededGenerator(seed: 3)
        let (b, t, i, h) = (2, 4, 3, 3)
        let x = Tensor.testValues([b, t, i], seed: 4)
        let h0 = Tensor.testValues([b, h], seed: 5, low: -0.5, high: 0.5)
        let gru = GRU(inputSize: i, hiddenSize: h, using: &g)
        let w = gru.parameters().map(\.value.detached)
        // Differentiate with respect to x, h0 and every weight, so a wrong gradient for any of them is caught.
        func run(_ xs: [Tensor]) -> Tensor {
            try! GRU.run(xs[0], initial: xs[1], weightIH: xs[2], weightHH: xs[3], biasIH: xs[4], biasHH: xs[5]).outputs
        }
        let first = GradientCheck.firstOrder([x, h0] + w, run)
        #expect(first < 2e-3)
        let second = GradientCheck.secondOrder([x, h0] + w, run)
        #expect(second < 5e-3)
    }

    @Test func fusedRecurrenceMatchesComposedOps() {
        let (b, t, h) = (3, 6, 4)
        let gx = Tensor.testValues([b, t, 3 * h], seed: 10, low: -2, high: 2)
        let h0 = Tensor.testValues([b, h], seed: 11)
        let w = Tensor.testValues([3 * h, h], seed: 12)
        let bias = Tensor.testValues([3 * h], seed: 13)
        for withBias in [true, false] {
            let inputs = [gx, h0, w] + (withBias ? [bias] : [])
            let xs = inputs.map { $0.variable() }
            let fused = GRU.recurrence(gx: xs[0], h0: xs[1], wHH: xs[2], bHH: withBias ? xs[3] : nil)
            let composed = GRU.composedRecurrence(gx: xs[0], h0: xs[1], wHH: xs[2], bHH: withBias ? xs[3] : nil)
            #expect(maxAbsDifference(fused.scalars, composed.scalars) < 1e-6)
            let seed = Tensor.testValues(fused.shape, seed: 14)
            let a = gradients(of: fused, with: xs, seed: seed), c = gradients(of: composed, with: xs, seed: seed)
            for (u, v) in zip(a, c) { #expect(maxAbsDifference(u.scalars, v.scalars) < 1e-5) }
        }
    }

    @Test func rejectsWrongShapes() {
        var g = SeededGenerator(seed: 6)
        let gru = GRU(inputSize: 3, hiddenSize: 2, using: &g)
        #expect(throws: TensorError.self) { try gru(Tensor.zeros([2, 5, 4])) }
        #expect(throws: TensorError.self) { try gru(Tensor.zeros([2, 5])) }
        #expect(throws: TensorError.self) { try gru(Tensor.zeros([2, 5, 3]), initial: Tensor.zeros([3, 2])) }
    }
}
