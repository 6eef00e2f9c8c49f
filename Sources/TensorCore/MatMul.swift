// Matrix products on sgemm: [M, K]·[K, N] and batched [B, M, K]·[B, K, N] (a 2-D right operand is shared by the
// batch). Transposes are flags, so gradients never materialise a transpose.

extension Tensor {
    /// `op(self) · op(other)` where op transposes the last two axes when asked.
    public func matmul(_ other: Tensor, transposeSelf: Bool = false, transposeOther: Bool = false) -> Tensor {
        let a = self, b = other
        precondition((a.rank == 2 || a.rank == 3) && (b.rank == 2 || b.rank == 3), "matmul needs rank 2 or 3 operands")
        precondition(b.rank <= a.rank, "matmul: a batched right operand needs a batched left operand")
        let batch = a.rank == 3 ? a.shape[0] : 1
        if b.rank == 3 { precondition(b.shape[0] == batch, "matmul batch \(a.shape) vs \(b.shape)") }
        let (ar, ac) = (a.shape[a.rank - 2], a.shape[a.rank - 1])
        let (br, bc) = (b.shape[b.rank - 2], b.shape[b.rank - 1])
        let (m, k) = transposeSelf ? (ac, ar) : (ar, ac)
        let (k2, n) = transposeOther ? (bc, br) : (br, bc)
        precondition(k == k2, "matmul \(a.shape)\(transposeSelf ? "ᵀ" : "") × \(b.shape)\(transposeOther ? "ᵀ" : "")")
        let outShape = a.rank == 3 ? [batch, m, n] : [m, n]
        let out = Tensor(uninitialized: outShape)
        if b.rank == 2 && !transposeSelf && a.rank == 3 {
            // Shared right operand: one GEMM over the stacked batch.
            BLAS.sgemm(transB: transposeOther, m: batch * m, n: n, k: k, a: a.pointer, lda: ac, b: b.pointer,
                       ldb: bc, c: out.pointer, ldc: n)
        } else {
            let aStep = ar * ac, bStep = b.rank == 3 ? br * bc : 0
            for i in 0..<batch {
                BLAS.sgemm(transA: transposeSelf, transB: transposeOther, m: m, n: n, k: k,
                           a: a.pointer + i * aStep, lda: ac, b: b.pointer + i * bStep, ldb: bc,
                           c: out.pointer + i * m * n, ldc: n)
            }
        }
        let (ta, tb) = (transposeSelf, transposeOther)
        return Tensor.record("matmul", result: out, inputs: [a, b]) { g, _, need in
            var ga: Tensor?, gb: Tensor?
            if need[0] {
                ga = ta ? b.matmul(g, transposeSelf: tb, transposeOther: true) : g.matmul(b, transposeOther: !tb)
            }
            if need[1] {
                if b.rank == 2 && a.rank == 3 {
                    // Shared right operand: fold the batch into the rows.
                    let a2 = ta ? a.permuted([0, 2, 1]).reshaped([batch * m, k]) : a.reshaped([batch * m, k])
                    let g2 = g.reshaped([batch * m, n])
                    gb = tb ? g2.matmul(a2, transposeSelf: true) : a2.matmul(g2, transposeSelf: true)
                } else {
                    gb = tb ? g.matmul(a, transposeSelf: true, transposeOther: ta) : a.matmul(g, transposeSelf: !ta)
                }
            }
            return [ga, gb]
        }
    }
}
