import ArgumentParser
import SwiftGAN

/// `swiftgan series augment`: classic augmentations of a set of series, seeded.
struct SeriesAugmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "augment",
        abstract: "Write augmented copies of a set of series.",
        discussion: """
            Methods (comma-separated, each optionally with :name=value parameters): \
            \(SeriesAugmentation.methods.map { $0.name }.joined(separator: ", ")). \
            Example: --methods jitter:sigma=0.05,timewarp,mixup. \
            Methods run on per-feature standardised data by default (--space), so their parameters mean the same \
            whatever the units; the output is mapped back to the input's units. See docs/timeseries.md.
            """)

    @Option(help: "Input series: .csv (long or wide layout) or .npy [N, T, C].") var data: String
    @Option(help: "Output file: .csv or .npy.") var out: String
    @Option(help: "Augmentation methods, applied in order.") var methods: String
    @Option(help: "Augmented copies of each series.") var copies = 1
    @Option(help: "Random seed.") var seed: UInt64 = 0
    @Option(help: "Scale to augment in: standard, minmax, or raw (the data's own units).")
    var space = AugmentationSpace.standard
    @Flag(help: "Write the original series before the augmented copies.") var includeOriginal = false
    @Option(help: "CSV output layout: long or wide (default: the input's layout).") var outLayout: SeriesCSV.Layout?
    @OptionGroup var input: SeriesInputOptions

    func run() throws {
        let pipeline = try SeriesAugmentation(parsing: methods)
        let (original, layout) = try input.load(data)
        let scaler = try scalerKind().map { try SeriesScaler(fitting: original, kind: $0) }
        let scaled = try scaler?.transform(original) ?? original
        var result = try pipeline.copies(of: scaled, count: copies, seed: seed)
        if let scaler { result = try scaler.inverse(result) }
        if includeOriginal { result = try original.appending(result) }
        let outputLayout = outLayout ?? (layout == .wide ? .wide : .long)
        try SeriesFile.write(result, path: out, layout: outputLayout)
        print("wrote \(result.count) series × \(result.length) steps × \(result.features) features to \(out) "
            + "(\(pipeline.steps.map { type(of: $0).name }.joined(separator: " → ")), \(copies) "
            + "cop\(copies == 1 ? "y" : "ies"), seed \(seed))")
    }

    private func scalerKind() -> SeriesScaler.Kind? {
        switch space {
        case .standard: return .standard
        case .minmax: return .minMax
        case .raw: return nil
        }
    }
}
