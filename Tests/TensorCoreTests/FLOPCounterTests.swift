import Testing
import TensorCore

/// Other tests run concurrently and add their own work, so a delta is at least, not exactly, what one call adds.
@Suite struct FLOPCounterTests {
    @Test func sgemmAddsTwoFlopsPerMultiplyAdd() throws {
        try BLAS.load()
        let m = 3, n = 4, k = 5
        let a = [Float](repeating: 1, count: m * k), b = [Float](repeating: 1, count: k * n)
        var c = [Float](repeating: 0, count: m * n)
        let before = FLOPCounter.count
        a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                c.withUnsafeMutableBufferPointer { cp in
                    BLAS.sgemm(m: m, n: n, k: k, a: ap.baseAddress!, lda: k, b: bp.baseAddress!, ldb: n,
                               c: cp.baseAddress!, ldc: n)
                }
            }
        }
        #expect(FLOPCounter.count - before >= 2 * m * n * k)
        #expect(c.allSatisfy { $0 == Float(k) })
    }

    @Test func singleChannelConvolutionLoopsAreCounted() throws {
        let g = try Conv1dGeometry(batch: 2, inChannels: 1, outChannels: 3, inLength: 64, kernelSize: 5, stride: 2,
                                   padding: 2)
        let x = [Float](repeating: 1, count: g.inputCount), w = [Float](repeating: 1, count: g.weightCount)
        var y = [Float](repeating: 0, count: g.outputCount)
        let before = FLOPCounter.count
        x.withUnsafeBufferPointer { xp in
            w.withUnsafeBufferPointer { wp in
                y.withUnsafeMutableBufferPointer { yp in
                    Conv1dKernels.forward(x: xp.baseAddress!, weight: wp.baseAddress!, y: yp.baseAddress!, g)
                }
            }
        }
        #expect(FLOPCounter.count - before >= Int(g.flops))
    }
}
