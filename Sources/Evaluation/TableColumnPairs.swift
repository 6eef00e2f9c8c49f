import Foundation
import Tabular

/// One column pair's score and the real association that decides whether SDMetrics (0.27 and later) counts it.
public struct PairScore: Codable, Sendable, Equatable {
    public var column1: String
    public var column2: String
    /// "CorrelationSimilarity" (two numeric columns) or "ContingencySimilarity" (otherwise).
    public var metric: String
    public var score: Double?
    /// Pearson correlations (correlation pairs only).
    public var realCorrelation: Double?
    public var syntheticCorrelation: Double?
    /// Cramér's V of the real contingency table (contingency pairs only).
    public var realAssociation: Double?
    /// |real Pearson| > 0.5, or real Cramér's V > 0.3.
    public var meetsThreshold: Bool
}

/// SDMetrics' column-pair metrics, computed as its QualityReport does.
public enum TableColumnPairs {
    /// SDMetrics' default thresholds for counting a pair (`DEFAULT_REAL_CORRELATION_THRESHOLD`, `…ASSOCIATION…`).
    public static let correlationThreshold = 0.5
    public static let associationThreshold = 0.3

    /// CorrelationSimilarity = 1 − |ρ_real − ρ_synthetic| / 2 (Pearson on rows where both values are present).
    public static func correlationSimilarity(real: ([Double], [Double]), synthetic: ([Double], [Double]))
        -> (score: Double?, real: Double?, synthetic: Double?) {
        let rr = pearsonPresent(real.0, real.1), rs = pearsonPresent(synthetic.0, synthetic.1)
        guard let a = rr, let b = rs else { return (nil, rr, rs) }
        return (1 - abs(a - b) / 2, a, b)
    }

    static func pearsonPresent(_ x: [Double], _ y: [Double]) -> Double? {
        let keep = x.indices.filter { !x[$0].isNaN && !y[$0].isNaN }
        return SampleStatistics.pearson(keep.map { x[$0] }, keep.map { y[$0] })
    }

    /// ContingencySimilarity = 1 − ½ Σ_(a,b) |P_real(a, b) − P_synthetic(a, b)| over the joint frequencies of two
    /// code columns (-1, missing, is a value of its own); also the Cramér's V of the real counts.
    public static func contingencySimilarity(real: ([Int], [Int]), synthetic: ([Int], [Int]))
        -> (score: Double, realAssociation: Double?) {
        func joint(_ a: [Int], _ b: [Int]) -> [Pair: Double] {
            var counts: [Pair: Double] = [:]
            for i in a.indices { counts[Pair(a: a[i], b: b[i]), default: 0] += 1 }
            return counts
        }
        let r = joint(real.0, real.1), s = joint(synthetic.0, synthetic.1)
        let nr = Double(real.0.count), ns = Double(synthetic.0.count)
        var variation = 0.0
        for key in Set(r.keys).union(s.keys) { variation += abs((r[key] ?? 0) / nr - (s[key] ?? 0) / ns) }
        let rows = Set(real.0).sorted(), columns = Set(real.1).sorted()
        let table = rows.map { a in columns.map { b in r[Pair(a: a, b: b)] ?? 0 } }
        return (1 - variation / 2, SampleStatistics.cramersV(table))
    }

    struct Pair: Hashable {
        let a: Int, b: Int
    }

    /// SDMetrics' discretisation of a numeric column in ColumnPairTrends: 10 equal-width bins over this column's own
    /// [min, max] (numpy's `histogram_bin_edges`), bin = number of edges ≤ value (`np.digitize`), so the maximum and
    /// missing values both land in bin 11.
    public static func histogramBins(_ values: [Double]) -> [Int] {
        let present = values.filter { !$0.isNaN }
        guard var lo = present.min(), var hi = present.max() else { return values.map { _ in 11 } }
        if lo == hi { lo -= 0.5; hi += 0.5 }
        let step = (hi - lo) / 10
        let edges = (0...10).map { $0 == 10 ? hi : lo + Double($0) * step }
        return values.map { v in v.isNaN ? 11 : edges.reduce(0) { $0 + ($1 <= v ? 1 : 0) } }
    }

    /// Every pair of columns of aligned tables, in column order.
    static func scores(real: Table, synthetic: Table) -> [PairScore] {
        func codes(_ c: Column) -> [Int] { c.numbers.map(histogramBins) ?? c.categories!.codes }
        let realCodes = real.columns.map(codes), syntheticCodes = synthetic.columns.map(codes)
        var out: [PairScore] = []
        for i in real.columns.indices {
            for j in (i + 1)..<max(real.columns.count, i + 1) {
                let a = real.columns[i], b = real.columns[j]
                if let x1 = a.numbers, let x2 = b.numbers,
                   let y1 = synthetic.columns[i].numbers, let y2 = synthetic.columns[j].numbers {
                    let c = correlationSimilarity(real: (x1, x2), synthetic: (y1, y2))
                    out.append(PairScore(column1: a.name, column2: b.name, metric: "CorrelationSimilarity",
                                         score: c.score, realCorrelation: c.real, syntheticCorrelation: c.synthetic,
                                         realAssociation: nil,
                                         meetsThreshold: c.real.map { abs($0) > correlationThreshold } ?? false))
                } else {
                    let c = contingencySimilarity(real: (realCodes[i], realCodes[j]),
                                                  synthetic: (syntheticCodes[i], syntheticCodes[j]))
                    out.append(PairScore(column1: a.name, column2: b.name, metric: "ContingencySimilarity",
                                         score: c.score, realCorrelation: nil, syntheticCorrelation: nil,
                                         realAssociation: c.realAssociation,
                                         meetsThreshold: c.realAssociation.map { $0 > associationThreshold } ?? false))
                }
            }
        }
        return out
    }
}
