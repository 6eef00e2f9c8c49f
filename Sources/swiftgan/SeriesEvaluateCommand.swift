import ArgumentParser
import SwiftGAN


/// `swiftgan series evaluate`: TimeGAN's discriminative and predictive scores, autocorrelation distance and marginal
/// KS for a synthetic set against the real one.
struct SeriesEvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Compare synthetic series with real ones (TimeGAN's discriminative and predictive scores, "
            + "autocorrelation distance, marginal KS).",
        discussion: """
            The discriminative score trains a post-hoc GRU classifier (hidden ⌊C/2⌋, 2000 Adam steps of 128 + 128 \
            series) on 80 % of each set and reports |accuracy − 0.5| on the rest; the predictive score trains a GRU \
            on the synthetic set to predict the next step of the last feature from the others (5000 steps) and \
            reports its mean absolute error on the real set, next to the same model trained on the real set. Each \
            is the mean of --repeats runs (TimeGAN: 10). Data outside [0, 1] is min-max scaled by the real set \
            first (--scaling).
            """)

    @Option(help: "Real series (.csv or .npy).") var real: String
    @Option(help: "Synthetic series (.csv or .npy).") var synthetic: String
    @Option(help: "Independent runs of each recurrent metric, averaged (TimeGAN: 10).") var repeats = 10
    @Option(help: "Scaling before the recurrent metrics: auto (min-max when data leave [0, 1]), minmax or none.")
    var scaling: SeriesMetricScaling = .auto
    @Option(help: "Classifier training steps of the discriminative score.") var discriminativeSteps = 2000
    @Option(help: "Predictor training steps of the predictive score.") var predictiveSteps = 5000
    @Flag(help: "Skip the predictive score of the real set (train real → test real).") var noRealReference = false
    @Option(help: "Random seed (splits, batches, initial weights).") var seed: UInt64 = 0
    @Flag(help: "Print JSON instead of the readable report.") var json = false
    @Option(help: "Also write a self-contained HTML report (overlaid samples, PCA map, autocorrelation).")
    var report: String?
    @OptionGroup var input: SeriesInputOptions

    func run() throws {
        let (a, _) = try input.load(real)
        let (b, _) = try input.load(synthetic)
        var options = SeriesEvaluation.Options()
        options.discriminative.repeats = repeats
        options.predictive.repeats = repeats
        options.discriminative.iterations = discriminativeSteps
        options.predictive.iterations = predictiveSteps
        options.scaling = scaling
        options.realReference = !noRealReference
        options.seed = seed
        let result = try SeriesEvaluation(real: a, synthetic: b, options: options)
        print(json ? try result.json() : result.text())
        if let report {
            let page = try SeriesEvaluationReport.make(
                real: a, synthetic: b, result: result, title: "SwiftGAN series evaluation: \(synthetic) against \(real)")
            try writeReport(page, to: report, json: json)
        }
    }
}
