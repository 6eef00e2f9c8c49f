/// Linear interpolation at fractional positions (NumPy's `interp` over integer sample positions), clamped at the ends.
enum Resampling {
    /// The value of `x` (`count` samples, `stride` apart) at fractional index `position`.
    @inline(__always)
    static func sample(_ x: UnsafePointer<Float>, stride: Int, count: Int, at position: Double) -> Float {
        if position <= 0 { return x[0] }
        let last = count - 1
        if position >= Double(last) { return x[last * stride] }
        let i = Int(position)
        let frac = Float(position - Double(i))
        let a = x[i * stride], b = x[(i + 1) * stride]
        return a + frac * (b - a)
    }

    /// Writes `outCount` samples (`outStride` apart) of `x` taken evenly from index `from` to index `to` inclusive.
    @inline(__always)
    static func stretch(
        _ x: UnsafePointer<Float>, stride: Int, count: Int, from: Double, to: Double,
        into out: UnsafeMutablePointer<Float>, outStride: Int, outCount: Int
    ) {
        if outCount == 1 {
            out[0] = sample(x, stride: stride, count: count, at: from)
            return
        }
        let step = (to - from) / Double(outCount - 1)
        for t in 0..<outCount {
            out[t * outStride] = sample(x, stride: stride, count: count, at: from + Double(t) * step)
        }
    }
}
