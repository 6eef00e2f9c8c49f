import Synchronization

/// Floating-point operations of the GEMM-shaped work done so far in this process: every `BLAS.sgemm` and the direct
/// single-channel convolution loops, at 2 per multiply-add. Benchmarks read it before and after a run to give its
/// GFLOP/s; elementwise work is not counted.
public enum FLOPCounter {
    private static let total = Atomic<Int>(0)

    /// Operations counted since the process started.
    public static var count: Int { total.load(ordering: .relaxed) }

    @inline(__always)
    static func add(_ n: Int) { total.add(n, ordering: .relaxed) }
}
