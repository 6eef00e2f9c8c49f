import Foundation
import TimeSeries

/// Every series fidelity metric of SwiftGAN for a synthetic set against its real set: TimeGAN's discriminative and
/// predictive scores (with the predictive score of the real set itself as the reference), the autocorrelation
/// distance and the per-feature marginal Kolmogorov–Smirnov statistic.
public struct SeriesEvaluation: Codable, Sendable, Equatable {
    /// Settings of the whole evaluation.
    public struct Options: Codable, Sendable, Equatable {
        public var discriminative = SeriesDiscriminativeScore.Options()
        public var predictive = SeriesPredictiveScore.Options()
        /// Scaling before the recurrent metrics (the statistics use the data as given).
        public var scaling = SeriesMetricScaling.auto
        /// Also train the predictor on the real set and test it there (the figure the predictive score is compared
        /// with; TimeGAN's "original data" row).
        public var realReference = true
        /// Seed of every random draw.
        public var seed: UInt64 = 0

        public init() {}
    }

    public var realSeries: Int
    public var syntheticSeries: Int
    public var length: Int
    public var features: Int
    public var featureNames: [String]
    /// Whether the recurrent metrics saw min-max scaled data.
    public var scaledToUnitRange: Bool
    public var discriminative: SeriesDiscriminativeScore
    /// Trained on synthetic, tested on real.
    public var predictive: SeriesPredictiveScore
    /// Trained on real, tested on real (when `realReference`).
    public var predictiveReal: SeriesPredictiveScore?
    /// Distance between the mean autocorrelation functions (lags 1 … ⌊T/2⌋), averaged over features.
    public var autocorrelationDistance: Double
    /// Per-feature two-sample Kolmogorov–Smirnov statistic of the pooled values.
    public var marginalKS: [Double]
    public var options: Options

    /// Evaluates `synthetic` against `real` (same length and features; at least 2 series each).
    public init(real: SeriesArray, synthetic: SeriesArray, options: Options = Options()) throws {
        try SeriesMetricModels.validate(real: real, synthetic: synthetic, needed: 2, metric: "series evaluation")
        let (a, b) = try options.scaling.apply(real: real, synthetic: synthetic)
        scaledToUnitRange = a.values != real.values
        discriminative = try SeriesDiscriminativeScore(
            real: a, synthetic: b, options: options.discriminative, seed: options.seed)
        predictive = try SeriesPredictiveScore(train: b, test: a, options: options.predictive, seed: options.seed)
        predictiveReal = options.realReference
            ? try SeriesPredictiveScore(train: a, test: a, options: options.predictive, seed: options.seed) : nil
        autocorrelationDistance = try TimeSeries.autocorrelationDistance(real: real, synthetic: synthetic)
        marginalKS = try marginalKolmogorovSmirnov(real: real, synthetic: synthetic)
        realSeries = real.count
        syntheticSeries = synthetic.count
        length = real.length
        features = real.features
        featureNames = real.featureNames
        self.options = options
    }

    /// Mean of the per-feature KS statistics.
    public var meanMarginalKS: Double { marginalKS.reduce(0, +) / Double(max(marginalKS.count, 1)) }

    /// Pretty-printed JSON with sorted keys (the same figures as `text()`).
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// A readable report.
    public func text() -> String {
        func f(_ v: Double) -> String { String(format: "%.4f", v) }
        func spread(_ runs: [Double]) -> String {
            guard runs.count > 1 else { return "" }
            let m = runs.reduce(0, +) / Double(runs.count)
            let sd = (runs.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(runs.count - 1)).squareRoot()
            return "  (± \(f(sd)) over \(runs.count) runs)"
        }
        var lines = ["SwiftGAN series evaluation: \(syntheticSeries) synthetic against \(realSeries) real series, "
            + "\(length) steps × \(features) features (seed \(options.seed))", ""]
        func row(_ label: String, _ value: String) {
            lines.append("  " + label.padding(toLength: 50, withPad: " ", startingAt: 0) + value)
        }
        lines.append("TimeGAN scores" + (scaledToUnitRange ? " (on data min-max scaled by the real set)" : ""))
        row("discriminative |accuracy − 0.5| (lower better)", f(discriminative.score) + spread(discriminative.runs))
        row("predictive MAE, train synthetic → test real", f(predictive.score) + spread(predictive.runs))
        if let r = predictiveReal { row("predictive MAE, train real → test real", f(r.score) + spread(r.runs)) }
        lines.append("")
        lines.append("Statistics")
        row("autocorrelation distance (lags 1…\(length / 2))", f(autocorrelationDistance))
        row("marginal KS statistic, mean over features", f(meanMarginalKS))
        for (name, ks) in zip(featureNames, marginalKS) { row("  " + name, f(ks)) }
        return lines.joined(separator: "\n")
    }
}
