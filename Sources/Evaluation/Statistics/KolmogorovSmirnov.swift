/// Two-sample statistics on plain arrays.
public enum SampleStatistics {
    /// The two-sample Kolmogorov–Smirnov statistic D = sup_x |F_a(x) − F_b(x)| of the empirical distribution
    /// functions (as scipy's `ks_2samp`). NaN values must be removed first; nil when either sample is empty.
    public static func kolmogorovSmirnov(_ a: [Double], _ b: [Double]) -> Double? {
        guard !a.isEmpty, !b.isEmpty else { return nil }
        let x = a.sorted(), y = b.sorted()
        let na = Double(x.count), nb = Double(y.count)
        var i = 0, j = 0
        var d = 0.0
        while i < x.count || j < y.count {
            // Step both functions past the next value (all its ties) before comparing them.
            let v = j >= y.count || (i < x.count && x[i] <= y[j]) ? x[i] : y[j]
            while i < x.count && x[i] <= v { i += 1 }
            while j < y.count && y[j] <= v { j += 1 }
            d = max(d, abs(Double(i) / na - Double(j) / nb))
        }
        return d
    }

    /// Pearson correlation of the pairs; nil when fewer than two pairs or either side is constant.
    public static func pearson(_ x: [Double], _ y: [Double]) -> Double? {
        let n = Double(x.count)
        guard x.count == y.count, x.count >= 2 else { return nil }
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in x.indices {
            let dx = x[i] - mx, dy = y[i] - my
            sxy += dx * dy
            sxx += dx * dx
            syy += dy * dy
        }
        guard sxx > 0, syy > 0 else { return nil }
        return max(-1, min(1, sxy / (sxx * syy).squareRoot()))
    }

    /// Median of a non-empty array.
    public static func median(_ v: [Double]) -> Double { quantile(v.sorted(), 0.5) }

    /// The `q` quantile of sorted values with linear interpolation (numpy's default).
    public static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let position = q * Double(sorted.count - 1)
        let lo = Int(position.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (position - Double(lo)) * (sorted[hi] - sorted[lo])
    }

    /// Cramér's V of a contingency table of counts (rows × columns, no continuity correction, as scipy's
    /// `association(method="cramer")`); nil when the table has fewer than two rows or columns.
    public static func cramersV(_ counts: [[Double]]) -> Double? {
        let r = counts.count, c = counts.first?.count ?? 0
        guard r >= 2, c >= 2 else { return nil }
        let rowSums = counts.map { $0.reduce(0, +) }
        let colSums = (0..<c).map { j in counts.reduce(0) { $0 + $1[j] } }
        let n = rowSums.reduce(0, +)
        guard n > 0 else { return nil }
        var chi2 = 0.0
        for i in 0..<r {
            for j in 0..<c {
                let expected = rowSums[i] * colSums[j] / n
                if expected > 0 { chi2 += (counts[i][j] - expected) * (counts[i][j] - expected) / expected }
            }
        }
        return (chi2 / (n * Double(min(r, c) - 1))).squareRoot()
    }
}
