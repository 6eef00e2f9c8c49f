import ArgumentParser
import SwiftGAN

/// `swiftgan series stats`: how close two sets of series are (autocorrelation distance, marginal KS).
struct SeriesStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Compare real and synthetic series: autocorrelation distance and per-feature marginal KS statistic.")

    @Option(help: "Real series (.csv or .npy).") var real: String
    @Option(help: "Synthetic or augmented series (.csv or .npy).") var synthetic: String
    @OptionGroup var input: SeriesInputOptions

    func run() throws {
        let (a, _) = try input.load(real)
        let (b, _) = try input.load(synthetic)
        let acf = try autocorrelationDistance(real: a, synthetic: b)
        let ks = try marginalKolmogorovSmirnov(real: a, synthetic: b)
        print("real \(a.count) series, synthetic \(b.count) series, \(a.length) steps, \(a.features) features")
        print(String(format: "autocorrelation distance (lags 1…%d): %.4f", a.length / 2, acf))
        print(String(format: "marginal KS statistic, mean over features: %.4f", ks.reduce(0, +) / Double(ks.count)))
        for (name, value) in zip(a.featureNames, ks) { print("  \(name): " + String(format: "%.4f", value)) }
    }
}
