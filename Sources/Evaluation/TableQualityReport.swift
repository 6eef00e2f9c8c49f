import Tabular

/// SDMetrics' single-table quality report: column shapes, column pair trends and their mean.
///
/// Two aggregates are given for the pair trends. `columnPairTrends` is the mean over all computable pairs (SDMetrics
/// before 0.27, and the CTGAN-era papers). `columnPairTrendsThresholded` is what SDMetrics 0.27 and later report by
/// default: the mean over the pairs whose real association is strong (|Pearson| > 0.5 for two numeric columns,
/// Cramér's V > 0.3 otherwise); nil when no pair qualifies, in which case the overall score is the column shapes
/// score alone, as SDMetrics' nan-mean makes it.
public struct TableQualityReport: Codable, Sendable, Equatable {
    public var columnShapes: Double?
    public var columnPairTrends: Double?
    public var columnPairTrendsThresholded: Double?
    /// Pairs counted in the thresholded mean.
    public var thresholdedPairs: Int
    /// Mean of column shapes and all-pairs trends.
    public var overall: Double?
    /// Mean of column shapes and thresholded trends (SDMetrics 0.27+'s "Overall Score").
    public var overallThresholded: Double?
    public var columns: [ColumnScore]
    public var pairs: [PairScore]

    /// The report for `synthetic` against `real` (same columns; discrete columns matched by level text).
    public init(real: Table, synthetic: Table) throws {
        let (r, s) = try TableAlignment.align(real: real, synthetic: synthetic)
        self.init(aligned: r, s)
    }

    init(aligned real: Table, _ synthetic: Table) {
        columns = TableColumnShapes.scores(real: real, synthetic: synthetic)
        pairs = TableColumnPairs.scores(real: real, synthetic: synthetic)
        columnShapes = meanOfPresent(columns.map(\.score))
        columnPairTrends = meanOfPresent(pairs.map(\.score))
        let strong = pairs.filter(\.meetsThreshold)
        thresholdedPairs = strong.filter { $0.score != nil }.count
        columnPairTrendsThresholded = meanOfPresent(strong.map(\.score))
        overall = meanOfPresent([columnShapes, columnPairTrends])
        overallThresholded = meanOfPresent([columnShapes, columnPairTrendsThresholded])
    }
}

/// SDMetrics' diagnostic adherence metrics.
public struct TableAdherence: Codable, Sendable, Equatable {
    /// Per numeric column: share of synthetic values inside the real [min, max].
    public var boundary: [ColumnScore]
    /// Per discrete column: share of synthetic values that the real column has.
    public var category: [ColumnScore]
    public var boundaryMean: Double?
    public var categoryMean: Double?

    /// BoundaryAdherence and CategoryAdherence as SDMetrics computes them: when the real column has missing values,
    /// missing synthetic values are left out (boundary) or count as valid (category); otherwise they count as
    /// out of bounds / unseen.
    public init(real: Table, synthetic: Table) throws {
        let (r, s) = try TableAlignment.align(real: real, synthetic: synthetic)
        var boundary: [ColumnScore] = [], category: [ColumnScore] = []
        for (a, b) in zip(r.columns, s.columns) {
            let nullable = a.missingCount > 0
            if let x = a.numbers, let y = b.numbers {
                let present = x.filter { !$0.isNaN }
                let lo = present.min() ?? .nan, hi = present.max() ?? .nan
                let judged = nullable ? y.filter { !$0.isNaN } : y
                let inside = judged.filter { $0 >= lo && $0 <= hi }.count
                boundary.append(ColumnScore(column: a.name, metric: "BoundaryAdherence",
                                            score: judged.isEmpty ? nil : Double(inside) / Double(judged.count)))
            } else {
                let seen = Set(a.categories!.codes.filter { $0 >= 0 })
                let codes = b.categories!.codes
                let valid = codes.filter { seen.contains($0) || ($0 < 0 && nullable) }.count
                category.append(ColumnScore(column: a.name, metric: "CategoryAdherence",
                                            score: Double(valid) / Double(codes.count)))
            }
        }
        self.boundary = boundary
        self.category = category
        boundaryMean = meanOfPresent(boundary.map(\.score))
        categoryMean = meanOfPresent(category.map(\.score))
    }
}

/// Mean of the non-nil values; nil when there are none.
func meanOfPresent(_ values: [Double?]) -> Double? {
    let v = values.compactMap { $0 }
    return v.isEmpty ? nil : v.reduce(0, +) / Double(v.count)
}
