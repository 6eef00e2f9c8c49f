
/// Exact k-nearest-neighbour search by Euclidean distance. Squared distances come from one GEMM per block of queries
/// (‖q‖² + ‖r‖² − 2 q·r, through `BLAS.sgemm`); the k best of each query are then re-measured exactly in Double and
/// sorted, so the returned distances carry no cancellation error.
public enum NearestNeighbors {
    /// For each row of `queries` [m, d], the indices [m, k] and distances [m, k] of its `k` nearest rows in
    /// `reference` [n, d], nearest first (ties by lower index). With `excludeSelf`, query i never matches reference
    /// row i (use it when both are the same matrix). `k` is lowered to the number of candidates.
    public static func search(
        queries: [Float], reference: [Float], dimension d: Int, k: Int, excludeSelf: Bool = false
    ) -> (indices: [Int], distances: [Double], k: Int) {
        precondition(d > 0 && queries.count % d == 0 && reference.count % d == 0, "rows of \(d) values expected")
        let m = queries.count / d, n = reference.count / d
        let k = max(0, min(k, n - (excludeSelf ? 1 : 0)))
        guard m > 0, k > 0 else { return ([], [], k) }
        var indices = [Int](repeating: 0, count: m * k)
        var distances = [Double](repeating: 0, count: m * k)
        let referenceNorms = rowNorms(reference, rows: n, d: d)
        let queryNorms = rowNorms(queries, rows: m, d: d)
        let block = max(64, min(1024, (1 << 22) / max(n, 1)))
        queries.withUnsafeBufferPointer { q in
            reference.withUnsafeBufferPointer { r in
                indices.withUnsafeMutableBufferPointer { idx in
                    distances.withUnsafeMutableBufferPointer { dist in
                        withScratch(block * n) { dots in  // [block, n]
                            var start = 0
                            while start < m {
                                let rows = min(block, m - start)
                                BLAS.sgemm(transB: true, m: rows, n: n, k: d, a: q.baseAddress! + start * d, lda: d,
                                           b: r.baseAddress!, ldb: d, c: dots, ldc: n)
                                let s = start
                                parallelRanges(rows, minimum: 16) { range in
                                    var best = [(Float, Int)]()
                                    best.reserveCapacity(k + 1)
                                    for i in range {
                                        best.removeAll(keepingCapacity: true)
                                        let query = s + i
                                        for j in 0..<n where !(excludeSelf && j == query) {
                                            let d2 = queryNorms[query] + referenceNorms[j] - 2 * dots[i * n + j]
                                            if best.count == k, d2 >= best[k - 1].0 { continue }
                                            var p = best.count
                                            while p > 0 && best[p - 1].0 > d2 { p -= 1 }
                                            best.insert((d2, j), at: p)
                                            if best.count > k { best.removeLast() }
                                        }
                                        var exact = best.map { (_, j) -> (Double, Int) in
                                            var sum = 0.0
                                            for c in 0..<d {
                                                let diff = Double(q[query * d + c]) - Double(r[j * d + c])
                                                sum += diff * diff
                                            }
                                            return (sum.squareRoot(), j)
                                        }
                                        exact.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
                                        for (t, e) in exact.enumerated() {
                                            idx[query * k + t] = e.1
                                            dist[query * k + t] = e.0
                                        }
                                    }
                                }
                                start += rows
                            }
                        }
                    }
                }
            }
        }
        return (indices, distances, k)
    }

    static func rowNorms(_ x: [Float], rows: Int, d: Int) -> [Float] {
        (0..<rows).map { i in
            var s: Float = 0
            for c in 0..<d { s += x[i * d + c] * x[i * d + c] }
            return s
        }
    }
}
