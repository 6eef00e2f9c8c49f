import CFFTW
import Synchronization
import TensorCore

/// A real-input FFT of one size, backed by single-precision FFTW plans.
///
/// Plans are made once per size and shared process-wide (`RealFFT.plan(size:)`): FFTW's planner is not thread-safe,
/// so creation happens under a lock, while execution (FFTW's new-array execute functions) is safe from any number of
/// threads at once. Transforms are unnormalised, as in FFTW:
///
/// - forward: `X[k] = Σₙ x[n] e^{−2πikn/N}` for `k` in `0...N/2` (`bins` values, interleaved `re, im`);
/// - inverse: `x[n] = Σₖ X[k] e^{+2πikn/N}` over all `N` bins, the upper half implied by Hermitian symmetry
///   (so `inverse(forward(x)) = N · x`). The imaginary parts of bin 0 and, for even `N`, bin `N/2` are ignored.
public final class RealFFT: @unchecked Sendable {
    /// Transform length `N`.
    public let size: Int
    /// Number of complex outputs, `N/2 + 1`.
    public let bins: Int
    private let forwardPlan: fftwf_plan
    private let inversePlan: fftwf_plan

    private static let cache = Mutex<[Int: RealFFT]>([:])

    /// The shared transform of length `size` (made on first request).
    public static func plan(size: Int) throws -> RealFFT {
        guard size >= 1 else { throw DSPError.invalidParameter("FFT size must be at least 1, got \(size)") }
        return try cache.withLock { plans in
            if let p = plans[size] { return p }
            let p = try RealFFT(creating: size)
            plans[size] = p
            return p
        }
    }

    /// Called with the cache lock held: the only place FFTW's planner runs.
    private init(creating size: Int) throws {
        self.size = size
        self.bins = size / 2 + 1
        (forwardPlan, inversePlan) = try RealFFT.makePlans(size: size, bins: size / 2 + 1)
    }

    private static func makePlans(size: Int, bins: Int) throws -> (fftwf_plan, fftwf_plan) {
        // Plan on 64-byte aligned buffers; execution checks the caller's alignment against them.
        let real = BufferPool.shared.allocate(size)
        let complex = BufferPool.shared.allocate(2 * bins)
        defer {
            BufferPool.shared.release(real, count: size)
            BufferPool.shared.release(complex, count: 2 * bins)
        }
        let flags = UInt32(FFTW_ESTIMATE)
        guard let f = fftwf_plan_dft_r2c_1d(Int32(size), real, complexPointer(complex), flags),
              let i = fftwf_plan_dft_c2r_1d(Int32(size), complexPointer(complex), real, flags)
        else { throw DSPError.fftUnavailable("FFTW could not plan a real transform of size \(size)") }
        return (f, i)
    }

    @inline(__always)
    private static func complexPointer(_ p: UnsafeMutablePointer<Float>) -> UnsafeMutablePointer<fftwf_complex> {
        UnsafeMutableRawPointer(p).assumingMemoryBound(to: fftwf_complex.self)
    }

    @inline(__always)
    private static func isAligned(_ p: UnsafeRawPointer) -> Bool {
        fftwf_alignment_of(UnsafeMutablePointer(mutating: p.assumingMemoryBound(to: Float.self))) == 0
    }

    /// Forward transform of `size` reals at `input` into `bins` interleaved complex values at `output`.
    public func forward(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>) {
        if RealFFT.isAligned(input) && RealFFT.isAligned(output) {
            fftwf_execute_dft_r2c(forwardPlan, UnsafeMutablePointer(mutating: input), RealFFT.complexPointer(output))
            return
        }
        withScratch(size + 2 * bins) { scratch in
            let complex = scratch + size
            scratch.update(from: input, count: size)
            fftwf_execute_dft_r2c(forwardPlan, scratch, RealFFT.complexPointer(complex))
            output.update(from: complex, count: 2 * bins)
        }
    }

    /// Inverse transform of `bins` interleaved complex values at `input` into `size` reals at `output`.
    /// `input` is left unchanged.
    public func inverse(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>) {
        // FFTW's c2r overwrites its input, so it always runs on a copy.
        withScratch(2 * bins + size) { scratch in
            scratch.update(from: input, count: 2 * bins)
            if RealFFT.isAligned(output) {
                fftwf_execute_dft_c2r(inversePlan, RealFFT.complexPointer(scratch), output)
            } else {
                let real = scratch + 2 * bins
                fftwf_execute_dft_c2r(inversePlan, RealFFT.complexPointer(scratch), real)
                output.update(from: real, count: size)
            }
        }
    }

    /// Forward transforms of `count` signals: `input` is `[count, size]`, `output` is `[count, bins, 2]`.
    /// Rows are split across threads.
    public func forward(count: Int, _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>) {
        parallelRanges(count, minimum: max(1, 4096 / max(size, 1))) { rows in
            for r in rows { forward(input + r * size, output + r * 2 * bins) }
        }
    }

    /// Inverse transforms of `count` spectra: `input` is `[count, bins, 2]`, `output` is `[count, size]`.
    /// Rows are split across threads.
    public func inverse(count: Int, _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>) {
        parallelRanges(count, minimum: max(1, 4096 / max(size, 1))) { rows in
            for r in rows { inverse(input + r * 2 * bins, output + r * size) }
        }
    }
}
