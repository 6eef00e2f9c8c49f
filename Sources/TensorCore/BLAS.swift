import COpenBLAS

/// OpenBLAS, loaded on first use with the kernel set chosen for this CPU (see `COpenBLAS.h`).
public enum BLAS {
    /// Loads OpenBLAS; throws `TensorError.blasUnavailable` with an install hint when it is missing.
    public static func load() throws {
        if swiftgan_blas_load() != 0 {
            throw TensorError.blasUnavailable(String(cString: swiftgan_blas_error()))
        }
    }

    /// The kernel set in use, e.g. "Cooperlake".
    public static var coreName: String { String(cString: swiftgan_blas_corename()) }

    /// The OPENBLAS_CORETYPE SwiftGAN chose, or nil when the user set one or none was needed.
    public static var chosenCoreType: String? {
        guard let p = swiftgan_blas_chosen_coretype() else { return nil }
        return String(cString: p)
    }

    /// Whether the CPU has AVX512-BF16 instructions (bf16 dot products with fp32 accumulation).
    public static var cpuHasBF16: Bool { swiftgan_cpu_has_avx512_bf16() != 0 }

    public static var threads: Int { Int(swiftgan_blas_threads()) }

    public static func setThreads(_ n: Int) { swiftgan_blas_set_threads(Int32(n)) }

    /// Row-major `C = alpha · op(A) · op(B) + beta · C` with op(A) `m × k` and op(B) `k × n`.
    @inline(__always)
    public static func sgemm(
        transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int, alpha: Float = 1,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int, beta: Float = 0,
        c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        if m == 0 || n == 0 { return }
        if k == 0 {
            if beta == 0 {
                for i in 0..<m { (c + i * ldc).update(repeating: 0, count: n) }
            } else if beta != 1 {
                for i in 0..<m { for j in 0..<n { c[i * ldc + j] *= beta } }
            }
            return
        }
        FLOPCounter.add(2 * m * n * k)
        swiftgan_sgemm(
            transA ? 1 : 0, transB ? 1 : 0, Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta,
            c, Int32(ldc))
    }

    /// Eigen-decomposition of a symmetric `n × n` matrix (row- or column-major: it is symmetric), in single
    /// precision. Returns eigenvalues ascending and eigenvectors as rows of a row-major `n × n` array.
    public static func symmetricEigen(_ matrix: [Float], n: Int) throws -> (values: [Float], vectors: [Float]) {
        precondition(matrix.count == n * n)
        var a = matrix
        var w = [Float](repeating: 0, count: n)
        let info = a.withUnsafeMutableBufferPointer { ap in
            w.withUnsafeMutableBufferPointer { wp in swiftgan_ssyevd(Int32(n), ap.baseAddress!, wp.baseAddress!) }
        }
        if info != 0 { throw TensorError.numerical("symmetric eigen-decomposition failed (LAPACK info \(info))") }
        // Column-major eigenvectors in columns == row-major eigenvectors in rows.
        return (w, a)
    }

    /// `symmetricEigen` in double precision (for statistics such as the Fréchet distance).
    public static func symmetricEigen(_ matrix: [Double], n: Int) throws -> (values: [Double], vectors: [Double]) {
        precondition(matrix.count == n * n)
        var a = matrix
        var w = [Double](repeating: 0, count: n)
        let info = a.withUnsafeMutableBufferPointer { ap in
            w.withUnsafeMutableBufferPointer { wp in swiftgan_dsyevd(Int32(n), ap.baseAddress!, wp.baseAddress!) }
        }
        if info != 0 { throw TensorError.numerical("symmetric eigen-decomposition failed (LAPACK info \(info))") }
        return (w, a)
    }

    /// Row-major double-precision `C = alpha · op(A) · op(B) + beta · C`.
    public static func dgemm(
        transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int, alpha: Double = 1,
        a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int, beta: Double = 0,
        c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        if m == 0 || n == 0 { return }
        swiftgan_dgemm(
            transA ? 1 : 0, transB ? 1 : 0, Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta,
            c, Int32(ldc))
    }
}
