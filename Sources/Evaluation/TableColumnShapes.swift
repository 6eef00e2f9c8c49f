import Tabular

/// One column's score under a named metric (nil when it cannot be computed, e.g. no values on one side).
public struct ColumnScore: Codable, Sendable, Equatable {
    public var column: String
    public var metric: String
    public var score: Double?
}

/// SDMetrics' column-shape metrics.
public enum TableColumnShapes {
    /// KSComplement = 1 − two-sample KS statistic of the non-missing values.
    public static func ksComplement(_ real: [Double], _ synthetic: [Double]) -> Double? {
        SampleStatistics.kolmogorovSmirnov(real.filter { !$0.isNaN }, synthetic.filter { !$0.isNaN }).map { 1 - $0 }
    }

    /// TVComplement = 1 − ½ Σ_c |p_synthetic(c) − p_real(c)| over the non-missing codes (codes ≥ 0 share levels).
    public static func tvComplement(_ real: [Int], _ synthetic: [Int]) -> Double? {
        let r = real.filter { $0 >= 0 }, s = synthetic.filter { $0 >= 0 }
        guard !r.isEmpty, !s.isEmpty else { return nil }
        let levels = max(r.max()!, s.max()!) + 1
        var p = [Double](repeating: 0, count: levels), q = p
        for c in r { p[c] += 1 / Double(r.count) }
        for c in s { q[c] += 1 / Double(s.count) }
        return 1 - 0.5 * zip(p, q).reduce(0) { $0 + abs($1.0 - $1.1) }
    }

    /// The score of every column of aligned tables: KSComplement for numbers, TVComplement for categories.
    static func scores(real: Table, synthetic: Table) -> [ColumnScore] {
        zip(real.columns, synthetic.columns).map { a, b in
            if let x = a.numbers, let y = b.numbers {
                return ColumnScore(column: a.name, metric: "KSComplement", score: ksComplement(x, y))
            }
            return ColumnScore(column: a.name, metric: "TVComplement",
                               score: tvComplement(a.categories!.codes, b.categories!.codes))
        }
    }
}
