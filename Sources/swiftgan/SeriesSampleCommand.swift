import ArgumentParser
import SwiftGAN

/// `swiftgan series sample`: new windows from a trained series model.
struct SeriesSampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Generate windows from a trained series model.",
        discussion: """
            --model takes a model file (.safetensors) or a run directory. Window i depends only on the model, \
            --seed and i, so the same command gives the same file whatever --count's batching. Without --label a \
            conditional model samples classes in their training proportions. --shard k/n writes only part k of n of \
            the windows (a CSV with its header line, or an .npy of its windows): the shards joined in order are \
            what one process writes. Under mpirun -np n, process k writes part k to OUT with k-of-n before its \
            extension (synth.npy → synth.0-of-2.npy).
            """)

    @Option(help: "Model file (.safetensors) or run directory.") var model: String
    @Option(help: "Number of windows.") var count: Int
    @Option(help: "Output file: .csv or .npy [N, T, C].") var out: String
    @Option(help: "Class to sample (conditional models).") var label: String?
    @Option(help: "Random seed.") var seed: UInt64 = 0
    @Option(help: "CSV layout: long or wide.") var outLayout: SeriesCSV.Layout = .long
    @Option(help: shardHelp, transform: Shard.init(parsing:)) var shard: Shard = .whole

    func run() throws {
        guard count >= 1 else { throw ValidationError("--count must be at least 1") }
        _ = try SeriesFile.format(of: out)  // an unknown extension fails before any work
        let synthesizer = try SeriesSynthesizer.load(from: URL(fileURLWithPath: model))
        let shard = try jobShard(self.shard), out = shardFile(self.out, shard, given: self.shard)
        let part = shard.range(of: count, first: 0, group: SeriesSynthesizer.generationGroup)
        let data = try synthesizer.sample(count: part.count, seed: seed, label: label, first: part.lowerBound)
        try SeriesFile.write(data, path: out, layout: outLayout)
        print("wrote \(data.count) windows × \(data.length) steps × \(data.features) features to \(out) (seed \(seed)"
            + (shard == .whole ? ")" : ", windows \(part.lowerBound)..<\(part.upperBound) of \(count), shard \(shard))"))
    }
}
