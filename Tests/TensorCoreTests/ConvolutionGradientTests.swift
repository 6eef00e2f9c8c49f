import Testing
import TensorCore
import _TestSupport

/// Convolution ops: first- and second-order gradients against central differences (strided, padded, dilated), and
/// the transposed convolution against a naive loop.
@Suite struct ConvolutionGradientTests {
    let x = Tensor.testValues([2, 3, 11], seed: 41)
    let w = Tensor.testValues([4, 3, 5], seed: 42)
    let wt = Tensor.testValues([3, 2, 5], seed: 43)  // [Cin, Cout, K] for the transposed form

    @Test func conv1dFirstOrder() {
        for (s, p, d) in [(1, 0, 1), (2, 2, 1), (3, 1, 2)] {
            let e = GradientCheck.firstOrder([x, w]) { try! $0[0].conv1d($0[1], stride: s, padding: p, dilation: d) }
            #expect(e < 2e-3, "stride \(s) padding \(p) dilation \(d): \(e)")
        }
    }

    @Test func convTranspose1dFirstOrder() {
        let xt = Tensor.testValues([2, 3, 6], seed: 44)
        for (s, p, op) in [(1, 0, 0), (2, 1, 1), (4, 2, 3)] {
            let e = GradientCheck.firstOrder([xt, wt]) {
                try! $0[0].convTranspose1d($0[1], stride: s, padding: p, outputPadding: op)
            }
            #expect(e < 2e-3, "stride \(s) padding \(p) output padding \(op): \(e)")
        }
    }

    /// A bias is added per output channel: against the convolution plus a broadcast `[1, C, 1]` add, and through
    /// first- and second-order differences in the input, weight and bias.
    @Test func biasPerChannel() throws {
        let b = Tensor.testValues([4], seed: 49), bt = Tensor.testValues([2], seed: 50)
        let xt = Tensor.testValues([2, 3, 6], seed: 51)
        let y = try x.conv1d(w, bias: b, stride: 2, padding: 1)
        let reference = try x.conv1d(w, stride: 2, padding: 1) + b.reshaped([1, 4, 1])
        #expect(y.scalars == reference.scalars)
        let yt = try xt.convTranspose1d(wt, bias: bt, stride: 4, padding: 2, outputPadding: 1)
        let referenceT = try xt.convTranspose1d(wt, stride: 4, padding: 2, outputPadding: 1) + bt.reshaped([1, 2, 1])
        #expect(yt.scalars == referenceT.scalars)
        #expect(GradientCheck.firstOrder([x, w, b]) { try! $0[0].conv1d($0[1], bias: $0[2], padding: 2) } < 2e-3)
        #expect(GradientCheck.secondOrder([xt, wt, bt]) {
            try! $0[0].convTranspose1d($0[1], bias: $0[2], stride: 4, padding: 2, outputPadding: 1).sigmoid()
        } < 5e-3)
        #expect(throws: TensorError.self) { try x.conv1d(w, bias: bt) }
    }

    /// The critic pattern: conv → leaky relu → conv, differentiated twice (as a gradient penalty does), with respect
    /// to the input and both weights.
    @Test func convolutionSecondOrder() {
        let w2 = Tensor.testValues([2, 4, 3], seed: 45)
        let e = GradientCheck.secondOrder([x, w, w2]) {
            let h = try! $0[0].conv1d($0[1], stride: 2, padding: 2).leakyRelu(0.2)
            return try! h.conv1d($0[2], padding: 1).tanh()
        }
        #expect(e < 5e-3)
        let xt = Tensor.testValues([1, 3, 5], seed: 46)
        let e2 = GradientCheck.secondOrder([xt, wt]) {
            try! $0[0].convTranspose1d($0[1], stride: 4, padding: 2, outputPadding: 1).sigmoid()
        }
        #expect(e2 < 5e-3)
    }

    @Test func transposedConvolutionMatchesNaiveLoop() throws {
        let xt = Tensor.testValues([2, 3, 7], seed: 47)
        let (s, p, op, k) = (4, 11, 1, 25)
        let weight = Tensor.testValues([3, 2, k], seed: 48)
        let y = try xt.convTranspose1d(weight, stride: s, padding: p, outputPadding: op)
        let lout = (7 - 1) * s - 2 * p + (k - 1) + op + 1
        #expect(y.shape == [2, 2, lout])
        var ref = [Float](repeating: 0, count: 2 * 2 * lout)
        let xv = xt.scalars, wv = weight.scalars
        for b in 0..<2 { for i in 0..<3 { for o in 0..<2 { for t in 0..<7 { for j in 0..<k {
            let pos = t * s - p + j
            if pos >= 0 && pos < lout { ref[(b * 2 + o) * lout + pos] += xv[(b * 3 + i) * 7 + t] * wv[(i * 2 + o) * k + j] }
        } } } } }
        #expect(maxAbsDifference(y.scalars, ref) < 1e-4)
    }

    @Test func badShapesThrow() {
        #expect(throws: TensorError.self) { try x.conv1d(Tensor.zeros([4, 2, 5])) }  // channel mismatch
        #expect(throws: TensorError.self) { try x.conv1d(Tensor.zeros([4, 3, 40])) }  // kernel longer than input
        #expect(throws: TensorError.self) { try x.convTranspose1d(Tensor.zeros([2, 2, 5])) }
    }
}
