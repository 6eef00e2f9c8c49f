import Evaluation
import Foundation
import Tabular

/// The report of `swiftgan table evaluate`: per-column histograms or bar charts real against synthetic, correlation
/// heatmaps of the numeric columns for each side and their difference, the quality report's per-column scores and
/// the privacy figures.
public enum TableEvaluationReport {
    /// Columns drawn at most (charts and heatmaps).
    public static let maxColumns = 40
    /// Categories drawn per bar chart (the most frequent real ones).
    public static let maxCategories = 12
    static let bins = 20

    /// `synthetic` must have been read with `real`'s column types (as `swiftgan table evaluate` reads it).
    public static func make(real: Table, synthetic: Table, result: TableEvaluation, title: String) throws
        -> HTMLDocument
    {
        var page = HTMLDocument(title: title)
        let q = result.quality
        page.heading("Summary")
        page.table(header: ["figure", "value"], rows: [
            ["real rows", String(result.realRows)], ["synthetic rows", String(result.syntheticRows)],
            ["quality score (all pairs)", format(q.overall)],
            ["quality score (strong pairs, SDMetrics 0.27+)", format(q.overallThresholded)],
            ["column shapes", format(q.columnShapes)], ["column pair trends (all pairs)", format(q.columnPairTrends)],
        ])
        page.preformatted(result.text(), summary: "All figures (the command's readable report)")

        page.heading("Columns: real against synthetic")
        let scores = Dictionary(q.columns.map { ($0.column, $0) }, uniquingKeysWith: { a, _ in a })
        var charts: [String] = []
        for column in real.columns.prefix(maxColumns) {
            guard let other = try? synthetic.column(column.name) else { continue }
            let score = scores[column.name].map { "\($0.metric) \(format($0.score)) · " } ?? ""
            var bars = chart(column, other, title: column.name)
            bars.xLabel = score + bars.xLabel
            charts.append(bars.svg)
        }
        page.grid(charts)
        if real.columns.count > maxColumns {
            page.paragraph("\(real.columns.count - maxColumns) more columns are not drawn.")
        }
        page.table(header: ["column", "metric", "score (1 = same distribution)"],
                   rows: q.columns.map { [$0.column, $0.metric, format($0.score)] })

        try correlations(real: real, pairs: q.pairs, into: &page)

        let p = result.privacy
        page.heading("Privacy: distance to closest record")
        page.paragraph("Distance of each synthetic row to its closest real row (mean over columns of the range-scaled "
                       + "absolute difference, 0/1 for categories). Exact copies have distance 0; a random table's "
                       + "median is the baseline.")
        page.table(header: ["figure", "value"], rows: [
            ["median DCR", format(p.medianDCR)], ["mean DCR", format(p.meanDCR)],
            ["exact copies of real rows", "\(p.exactCopies) (\(String(format: "%.2f", p.exactCopyRate * 100)) %)"],
            ["random baseline median DCR", format(p.randomBaselineMedianDCR)],
            ["baseline protection (1 = as private as random)", format(p.baselineProtection)],
        ])
        return page
    }

    /// A histogram (numeric column, shared bins over both sides) or a bar chart of the most frequent categories, as
    /// proportions of each side's non-missing values.
    static func chart(_ real: Column, _ synthetic: Column, title: String) -> BarChart {
        let categories: [String]
        var r: [Double], s: [Double], range = ""
        if let a = real.numbers, let b = synthetic.numbers {
            let present = (a + b).filter(\.isFinite)
            let lo = present.min() ?? 0, hi = present.max() ?? 1
            let width = hi > lo ? (hi - lo) / Double(bins) : 1
            func histogram(_ v: [Double]) -> [Double] {
                let values = v.filter(\.isFinite)
                var h = [Double](repeating: 0, count: bins)
                for x in values { h[min(bins - 1, Int((x - lo) / width))] += 1 / Double(values.count) }
                return h
            }
            (r, s) = (histogram(a), histogram(b))
            categories = (0..<bins).map { String(format: "%.3g", lo + (Double($0) + 0.5) * width) }
            range = String(format: "%.4g … %.4g", lo, hi)
        } else {
            let a = real.asCategorical(), b = synthetic.asCategorical()
            func frequencies(_ c: Column) -> [String: Double] {
                var f: [String: Double] = [:]
                let present = (0..<c.count).filter { !c.isMissing($0) }
                for i in present { f[c.text(i), default: 0] += 1 / Double(present.count) }
                return f
            }
            let fa = frequencies(a), fb = frequencies(b)
            categories = Array(Set(fa.keys).union(fb.keys).sorted { (fa[$0] ?? 0, fb[$0] ?? 0, $1) > (fa[$1] ?? 0, fb[$1] ?? 0, $0) }
                .prefix(maxCategories))
            r = categories.map { fa[$0] ?? 0 }
            s = categories.map { fb[$0] ?? 0 }
        }
        return BarChart(title: title, xLabel: real.isNumeric ? "\(bins) bins over \(range)" : "category",
                        yLabel: "share of rows", categories: categories,
                        groups: [("real", ChartColors.real, r), ("synthetic", ChartColors.synthetic, s)])
    }

    private static func correlations(real: Table, pairs: [PairScore], into page: inout HTMLDocument) throws {
        let numeric = Array(real.columns.filter(\.isNumeric).map(\.name).prefix(maxColumns))
        page.heading("Correlations of the numeric columns")
        guard numeric.count >= 2 else {
            page.paragraph("Fewer than two numeric columns: no correlation map.")
            return
        }
        let index = Dictionary(uniqueKeysWithValues: numeric.enumerated().map { ($1, $0) })
        let k = numeric.count
        var r = [Double](repeating: .nan, count: k * k), s = r
        for i in 0..<k { r[i * k + i] = 1; s[i * k + i] = 1 }
        for pair in pairs {
            guard let i = index[pair.column1], let j = index[pair.column2] else { continue }
            for (a, b) in [(i, j), (j, i)] {
                r[a * k + b] = pair.realCorrelation ?? .nan
                s[a * k + b] = pair.syntheticCorrelation ?? .nan
            }
        }
        page.paragraph("Pearson correlations, rows and columns in the order listed at the left.")
        page.grid([
            try Heatmap(names: numeric, values: r, caption: "real", showsNames: true).figure(),
            try Heatmap(names: numeric, values: s, caption: "synthetic", showsNames: false).figure(),
            try Heatmap(names: numeric, values: zip(s, r).map { $0 - $1 }, caption: "synthetic − real",
                        showsNames: false).figure(),
        ])
        page.append(try Heatmap.scale())
    }

    static func format(_ v: Double?) -> String { v.map { $0.isFinite ? String(format: "%.4f", $0) : "n/a" } ?? "n/a" }
}
