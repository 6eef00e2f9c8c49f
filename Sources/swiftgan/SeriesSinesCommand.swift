import ArgumentParser
import SwiftGAN

/// `swiftgan series sines`: TimeGAN's Sines benchmark data.
struct SeriesSinesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sines",
        abstract: "Write TimeGAN's Sines benchmark: (sin(f·t + φ) + 1)/2 with f, φ ~ U(0, 0.1) per series and feature.")

    @Option(help: "Number of series.") var count = 10_000
    @Option(help: "Steps per series.") var length = 24
    @Option(help: "Features per series.") var features = 5
    @Option(help: "Random seed.") var seed: UInt64 = 0
    @Option(help: "Output file: .csv (long layout) or .npy [N, T, C].") var out: String

    func run() throws {
        let data = try Sines.generate(count: count, length: length, features: features, seed: seed)
        try SeriesFile.write(data, path: out, layout: .long)
        print("wrote \(count) Sines series × \(length) steps × \(features) features to \(out) (seed \(seed))")
    }
}
