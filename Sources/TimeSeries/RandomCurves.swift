import TensorCore

/// Smooth random curves, one per series and feature: random values at `knots` joined by a not-a-knot cubic spline and
/// evaluated at steps 0 … T−1. The knot values are drawn per series (in parallel, from each series' stream); the
/// splines of all series are then one GEMM, `curves[N·C, T] = values[N·C, K] · Wᵀ` with `W[T, K]` the spline weights.
struct RandomCurves {
    /// `[N, C, T]`: the curve of series n, feature c is row `n · C + c`.
    let values: [Float]

    /// `draw(&rng, knotValues)` fills the `[C, K]` knot values of one series.
    init(
        _ data: SeriesArray, knots: [Double], streams: AugmentationStreams,
        draw: (inout SeededGenerator, inout [Double]) -> Void
    ) throws {
        try BLAS.load()
        let k = knots.count, c = data.features, t = data.length, rows = data.count * c
        let weights = CubicSpline.weights(knots: knots, points: (0..<t).map(Double.init))  // [T, K]
        var knotValues = [Float](repeating: 0, count: rows * k)  // [N·C, K]
        knotValues.withUnsafeMutableBufferPointer { kv in
            let base = kv.baseAddress!
            parallelRanges(data.count, minimum: 16) { range in
                var one = [Double](repeating: 0, count: c * k)
                for n in range {
                    var rng = streams.generator(forSeries: n)
                    draw(&rng, &one)
                    for i in 0..<(c * k) { base[n * c * k + i] = Float(one[i]) }
                }
            }
        }
        var curves = [Float](repeating: 0, count: rows * t)
        weights.withUnsafeBufferPointer { w in
            knotValues.withUnsafeBufferPointer { kv in
                curves.withUnsafeMutableBufferPointer { out in
                    BLAS.sgemm(transB: true, m: rows, n: t, k: k, a: kv.baseAddress!, lda: k, b: w.baseAddress!,
                               ldb: k, c: out.baseAddress!, ldc: t)
                }
            }
        }
        values = curves
    }
    /// Um et al.'s random curves: for each series and feature, the spline through `knots + 2` evenly spaced points over
    /// steps 0 … T−1 with values drawn from N(1, σ²).
    static func aroundOne(_ data: SeriesArray, sigma: Double, knots: Int, streams: AugmentationStreams) throws
        -> RandomCurves
    {
        guard data.length >= 2 else {
            throw SeriesError.invalidArgument("random curves need series of at least 2 steps (they have \(data.length))")
        }
        let k = knots + 2, c = data.features
        return try RandomCurves(data, knots: linspace(0, Double(data.length - 1), count: k), streams: streams) {
            rng, values in
            for i in 0..<(k * c) { values[i] = rng.normal(mean: 1, std: sigma) }
        }
    }

    /// `count` evenly spaced positions from `low` to `high` inclusive (NumPy's `linspace`).
    static func linspace(_ low: Double, _ high: Double, count: Int) -> [Double] {
        (0..<count).map { low + (high - low) * Double($0) / Double(count - 1) }
    }
}
