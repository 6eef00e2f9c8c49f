import Evaluation
import Foundation
import TimeSeries

/// The report of `swiftgan series evaluate`: real and synthetic samples overlaid per feature, a PCA map of real
/// against synthetic windows (as in TimeGAN's figures) and the mean autocorrelation of each feature.
public enum SeriesEvaluationReport {
    /// Features drawn at most.
    public static let maxFeatures = 12
    /// Series of each side overlaid per feature.
    public static let overlaidSeries = 6
    /// Windows of each side on the PCA map.
    public static let mapPoints = 400

    public static func make(real: SeriesArray, synthetic: SeriesArray, result: SeriesEvaluation, title: String) throws
        -> HTMLDocument
    {
        guard real.length == synthetic.length, real.features == synthetic.features else {
            throw ReportError.invalidInput(
                "real series are \(real.length) steps × \(real.features) features, synthetic \(synthetic.length) × "
                    + "\(synthetic.features); a report needs the same shape")
        }
        var page = HTMLDocument(title: title)
        page.heading("Metrics")
        page.preformatted(result.text())

        let features = min(real.features, maxFeatures)
        page.heading("Samples per feature")
        page.paragraph("The first \(min(overlaidSeries, real.count)) real and \(min(overlaidSeries, synthetic.count)) "
                       + "synthetic series, overlaid.")
        page.grid((0..<features).map { f in
            func lines(_ data: SeriesArray, _ name: String, _ color: String) -> [LineChart.Series] {
                (0..<min(overlaidSeries, data.count)).map { s in
                    LineChart.Series(name: name, color: color,
                                     points: (0..<data.length).map { (Double($0), Double(data[s, $0, f])) },
                                     showsInLegend: s == 0, opacity: 0.7)
                }
            }
            var chart = LineChart(title: real.featureNames[f], xLabel: "time step", yLabel: "value",
                                  series: lines(real, "real", ChartColors.real)
                                      + lines(synthetic, "synthetic", ChartColors.synthetic))
            chart.width = 380
            chart.height = 220
            return chart.svg
        })

        page.heading("PCA map of windows")
        let d = real.seriesStride
        let r = evenlySpaced(Array(0..<real.count), limit: mapPoints), s = evenlySpaced(Array(0..<synthetic.count), limit: mapPoints)
        let rv = r.flatMap { real.series($0).map(Double.init) }, sv = s.flatMap { synthetic.series($0).map(Double.init) }
        let pca = PrincipalComponents(rv, dimension: d)
        let shares = pca.explained.map { String(format: "%.0f %%", $0 * 100) }
        page.paragraph("\(r.count) real and \(s.count) synthetic windows, each flattened to \(d) values; axes are the "
                       + "first two principal components of the real windows (\(shares[0]) and \(shares[1]) of their "
                       + "variance). Synthetic windows covering the real cloud, and nothing else, is the aim.")
        page.append(ScatterChart(title: "Windows on PC 1 and PC 2", xLabel: "PC 1",
                                 yLabel: "PC 2",
                                 groups: [("real", ChartColors.real, pca.project(rv, dimension: d)),
                                          ("synthetic", ChartColors.synthetic, pca.project(sv, dimension: d))]).svg)

        page.heading("Autocorrelation per feature")
        let lags = max(1, real.length / 2)
        let ra = meanAutocorrelation(real, maxLag: lags), sa = meanAutocorrelation(synthetic, maxLag: lags)
        page.paragraph("Mean over series of each feature's autocorrelation at lags 1 … \(lags).")
        page.grid((0..<features).map { f in
            func line(_ acf: [[Double]], _ name: String, _ color: String) -> LineChart.Series {
                LineChart.Series(name: name, color: color, points: acf[f].enumerated().map { (Double($0 + 1), $1) })
            }
            var chart = LineChart(title: real.featureNames[f], xLabel: "lag", yLabel: "autocorrelation",
                                  series: [line(ra, "real", ChartColors.real),
                                           line(sa, "synthetic", ChartColors.synthetic)])
            chart.width = 300
            chart.height = 200
            return chart.svg
        })
        return page
    }
}
