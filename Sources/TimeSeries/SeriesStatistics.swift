import TensorCore

/// The mean autocorrelation function of each feature: `[C][K]` for lags 1 … K.
///
/// For one series and feature with mean μ, `acf(k) = Σ_{t=0}^{T−1−k} (x_t − μ)(x_{t+k} − μ) / Σ_{t=0}^{T−1} (x_t − μ)²`
/// (the usual biased estimator, as statsmodels' `acf`); a constant series counts as 0 at every lag. The result is the
/// mean over series.
public func meanAutocorrelation(_ data: SeriesArray, maxLag: Int) -> [[Double]] {
    let n = data.count, t = data.length, c = data.features, lags = max(0, min(maxLag, t - 1))
    var perSeries = [Double](repeating: 0, count: n * c * lags)  // [N, C, K]
    data.values.withUnsafeBufferPointer { v in
        perSeries.withUnsafeMutableBufferPointer { out in
            let src = v.baseAddress!, dst = out.baseAddress!
            parallelRanges(n, minimum: 32) { range in
                var centred = [Double](repeating: 0, count: t)
                for s in range {
                    for f in 0..<c {
                        var mean = 0.0
                        for i in 0..<t { mean += Double(src[(s * t + i) * c + f]) }
                        mean /= Double(t)
                        var power = 0.0
                        for i in 0..<t {
                            centred[i] = Double(src[(s * t + i) * c + f]) - mean
                            power += centred[i] * centred[i]
                        }
                        if power == 0 { continue }
                        for k in 1...max(lags, 1) where k <= lags {
                            var sum = 0.0
                            for i in 0..<(t - k) { sum += centred[i] * centred[i + k] }
                            dst[(s * c + f) * lags + k - 1] = sum / power
                        }
                    }
                }
            }
        }
    }
    return (0..<c).map { f in
        (0..<lags).map { k in
            n == 0 ? 0 : (0..<n).reduce(0.0) { $0 + perSeries[($1 * c + f) * lags + k] } / Double(n)
        }
    }
}

/// Autocorrelation distance between two sets of series of the same length and features: for each feature the
/// Euclidean (L2) distance between the two mean autocorrelation functions over lags 1 … ⌊T/2⌋
/// (`meanAutocorrelation`), averaged over features. 0 when the sets have the same mean ACF.
public func autocorrelationDistance(real: SeriesArray, synthetic: SeriesArray) throws -> Double {
    guard real.length == synthetic.length, real.features == synthetic.features else {
        throw SeriesError.ragged(
            message: "autocorrelation distance needs series of the same shape: real \(real.length) steps × "
                + "\(real.features) features, synthetic \(synthetic.length) × \(synthetic.features)")
    }
    guard real.count > 0, synthetic.count > 0 else {
        throw SeriesError.invalidArgument("autocorrelation distance needs at least one real and one synthetic series")
    }
    let lags = real.length / 2
    let a = meanAutocorrelation(real, maxLag: lags), b = meanAutocorrelation(synthetic, maxLag: lags)
    let distances = zip(a, b).map { ra, rb in zip(ra, rb).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot() }
    return distances.reduce(0, +) / Double(distances.count)
}

/// The two-sample Kolmogorov–Smirnov statistic `sup_v |F_a(v) − F_b(v)|` of two samples' empirical distributions.
public func kolmogorovSmirnovStatistic(_ a: [Float], _ b: [Float]) -> Double {
    if a.isEmpty || b.isEmpty { return a.isEmpty && b.isEmpty ? 0 : 1 }
    let x = a.sorted(), y = b.sorted()
    var i = 0, j = 0, d = 0.0
    while i < x.count && j < y.count {
        let v = min(x[i], y[j])
        while i < x.count && x[i] <= v { i += 1 }
        while j < y.count && y[j] <= v { j += 1 }
        d = max(d, abs(Double(i) / Double(x.count) - Double(j) / Double(y.count)))
    }
    return d
}

/// Per feature, the Kolmogorov–Smirnov statistic between the real and synthetic values of that feature pooled over
/// all series and steps (the marginal distributions; SDMetrics' KSComplement is 1 minus this).
public func marginalKolmogorovSmirnov(real: SeriesArray, synthetic: SeriesArray) throws -> [Double] {
    guard real.features == synthetic.features else {
        throw SeriesError.invalidArgument(
            "marginal KS needs the same features: real has \(real.features), synthetic \(synthetic.features)")
    }
    let c = real.features
    func column(_ data: SeriesArray, _ f: Int) -> [Float] {
        Swift.stride(from: f, to: data.values.count, by: c).map { data.values[$0] }
    }
    return (0..<c).map { kolmogorovSmirnovStatistic(column(real, $0), column(synthetic, $0)) }
}
