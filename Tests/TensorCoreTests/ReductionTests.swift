import Testing
import TensorCore
import _TestSupport

/// Sums over every subset of axes against a naive loop (covers the contiguous-block fast path and the general walk).
@Suite struct ReductionTests {
    @Test func sumOverEveryAxisSubsetMatchesNaiveLoop() {
        let shape = [3, 4, 5, 2]
        let x = Tensor.testValues(shape, seed: 61)
        let v = x.scalars
        for mask in 1..<(1 << shape.count) {
            let axes = (0..<shape.count).filter { mask & (1 << $0) != 0 }
            let y = x.sum(axes: axes, keepDims: true)
            let outShape = shape.enumerated().map { axes.contains($0.offset) ? 1 : $0.element }
            var ref = [Float](repeating: 0, count: outShape.reduce(1, *))
            for a in 0..<3 { for b in 0..<4 { for c in 0..<5 { for d in 0..<2 {
                let idx = [a, b, c, d].enumerated().map { axes.contains($0.offset) ? 0 : $0.element }
                let o = ((idx[0] * outShape[1] + idx[1]) * outShape[2] + idx[2]) * outShape[3] + idx[3]
                ref[o] += v[((a * 4 + b) * 5 + c) * 2 + d]
            } } } }
            #expect(y.shape == outShape)
            #expect(maxAbsDifference(y.scalars, ref) < 1e-5, "axes \(axes)")
        }
    }
}
