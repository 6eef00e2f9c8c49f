import Testing
import TensorCore
import _TestSupport

@Suite struct BLASTests {
    @Test func sgemmMatchesNaiveLoopForEveryTransposeCombination() throws {
        try BLAS.load()
        let m = 5, n = 7, k = 3
        let a = (0..<(m * k)).map { Float($0 % 11) - 4.5 }
        let b = (0..<(k * n)).map { Float($0 % 13) * 0.25 - 1 }
        for ta in [false, true] {
            for tb in [false, true] {
                // Store A as m×k or its transpose k×m, likewise B.
                func at(_ i: Int, _ p: Int) -> Float { a[i * k + p] }
                func bt(_ p: Int, _ j: Int) -> Float { b[p * n + j] }
                let aStore = ta ? (0..<(k * m)).map { at($0 % m, $0 / m) } : a
                let bStore = tb ? (0..<(n * k)).map { bt($0 % k, $0 / k) } : b
                var c = [Float](repeating: 0, count: m * n)
                aStore.withUnsafeBufferPointer { ap in
                    bStore.withUnsafeBufferPointer { bp in
                        c.withUnsafeMutableBufferPointer { cp in
                            BLAS.sgemm(transA: ta, transB: tb, m: m, n: n, k: k, a: ap.baseAddress!,
                                       lda: ta ? m : k, b: bp.baseAddress!, ldb: tb ? k : n, c: cp.baseAddress!, ldc: n)
                        }
                    }
                }
                var ref = [Float](repeating: 0, count: m * n)
                for i in 0..<m { for j in 0..<n { for p in 0..<k { ref[i * n + j] += at(i, p) * bt(p, j) } } }
                #expect(maxAbsDifference(c, ref) < 1e-5, "transA \(ta) transB \(tb)")
            }
        }
    }

    @Test func kernelSetIsNotTheGenericFallback() throws {
        try BLAS.load()
        #expect(!BLAS.coreName.isEmpty)
        #expect(BLAS.coreName != "Prescott", "OpenBLAS fell back to generic SSE3 kernels")
    }

    @Test func symmetricEigenDecomposesAKnownMatrix() throws {
        // [[2,1],[1,2]] has eigenvalues 1 and 3.
        let (values, vectors) = try BLAS.symmetricEigen([Float]([2, 1, 1, 2]), n: 2)
        #expect(abs(values[0] - 1) < 1e-5 && abs(values[1] - 3) < 1e-5)
        #expect(abs(abs(vectors[0]) - 0.70710677) < 1e-5)
    }
}
