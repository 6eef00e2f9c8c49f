import ArgumentParser
import SwiftGAN

/// `swiftgan series augment`: classic augmentations of a set of series, or the series GAN, seeded.
struct SeriesAugmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "augment",
        abstract: "Write augmented copies of a set of series.",
        discussion: """
            Methods (comma-separated, each optionally with :name=value parameters): gan, \
            \(SeriesAugmentation.methods.map { $0.name }.joined(separator: ", ")). \
            Example: --methods jitter:sigma=0.05,timewarp,mixup. \
            Methods run on per-feature standardised data by default (--space), so their parameters mean the same \
            whatever the units; the output is mapped back to the input's units. \
            gan (first in the list) trains the series GAN on the data, conditioned on --label when given, and samples \
            --copies times each class's count of new series under that class (or --per-class N); the methods after \
            it transform the sampled series. With gan the output holds the original series followed by the new ones. \
            See docs/timeseries.md and docs/augmentation.md.
            """)

    @Option(help: "Input series: .csv (long or wide layout) or .npy [N, T, C].") var data: String
    @Option(help: "Output file: .csv or .npy.") var out: String
    @Option(name: [.customLong("methods"), .customLong("method")], help: "Augmentation methods, applied in order (gan only first).")
    var methods: String
    @OptionGroup var amount: SeriesAugmentAmountOptions
    @Option(help: "Random seed.") var seed: UInt64 = 0
    @Option(help: "Scale to augment in: standard, minmax, or raw (the data's own units).")
    var space = AugmentationSpace.standard
    @Flag(help: "Write the original series before the augmented copies (always so with gan).") var includeOriginal = false
    @Option(help: "CSV output layout: long or wide (default: the input's layout).") var outLayout: SeriesCSV.Layout?
    @OptionGroup var input: SeriesInputOptions

    func run() throws {
        let plan = try SeriesAugmentPlan(methods: methods, amount: amount, space: space)
        try amount.checkUsed(byGAN: plan.gan)
        let (original, layout) = try input.load(data)
        var result = try plan.added(to: original, seed: seed, progress: .standardOutput())
        if includeOriginal || plan.gan { result = try original.appending(result) }
        let outputLayout = outLayout ?? (layout == .wide ? .wide : .long)
        try SeriesFile.write(result, path: out, layout: outputLayout)
        print("wrote \(result.count) series × \(result.length) steps × \(result.features) features to \(out) "
            + "(\(plan.summary), seed \(seed))")
        if plan.gan { print(ganCaution) }
    }
}

/// How much series augmentation adds, and the GAN's training budget.
struct SeriesAugmentAmountOptions: ParsableArguments {
    @Option(help: "Augmented copies of each series (gan: copies × each class's count per class).") var copies = 1
    @Option(help: "gan: new series per class, instead of --copies.") var perClass: Int?
    @Option(help: "gan: generator updates to train for (default: as series train).") var steps: Int?
    @Option(help: "gan: minutes to train for (with --steps: whichever comes first).") var minutes: Double?

    /// Throws when GAN settings are given without the GAN.
    func checkUsed(byGAN gan: Bool) throws {
        if !gan, perClass != nil || steps != nil || minutes != nil {
            throw ValidationError("--per-class, --steps and --minutes set the GAN; add gan to --methods")
        }
    }
}

/// One `series augment` method list with its settings, as `series augment` and `series utility` apply it.
struct SeriesAugmentPlan {
    /// Whether the series GAN makes the new series (else they are transformed copies of the originals).
    let gan: Bool
    /// The classic methods (after the GAN, when there is one).
    let pipeline: SeriesAugmentation
    let amount: SeriesAugmentAmountOptions
    let space: AugmentationSpace

    init(methods: String, amount: SeriesAugmentAmountOptions, space: AugmentationSpace) throws {
        let names = methods.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        let isGAN = { (item: String) in item.lowercased() == "gan" }
        if let late = names.dropFirst().firstIndex(where: isGAN) {
            throw ValidationError("gan makes new series and must come first in --methods (it is method \(late + 1))")
        }
        gan = names.first.map(isGAN) ?? false
        let rest = names.dropFirst(gan ? 1 : 0).joined(separator: ",")
        pipeline = rest.isEmpty && gan ? SeriesAugmentation() : try SeriesAugmentation(parsing: rest)
        guard amount.copies >= 1 else { throw ValidationError("--copies must be at least 1, not \(amount.copies)") }
        self.amount = amount
        self.space = space
    }

    /// The methods' names for messages.
    var summary: String {
        let steps = (gan ? ["series GAN"] : []) + pipeline.steps.map { type(of: $0).name }
        let count = amount.perClass.map { "\($0) per class" }
            ?? "\(amount.copies) cop\(amount.copies == 1 ? "y" : "ies")"
        return steps.joined(separator: " → ") + ", " + count
    }

    /// The new series for `original` (without the originals): GAN samples or transformed copies, then the classic
    /// methods, in `space`.
    func added(to original: SeriesArray, seed: UInt64, progress: ProgressDisplay?) throws -> SeriesArray {
        var base = original
        var copies = amount.copies
        if gan {
            var options = SeriesSynthesizerOptions()
            options.training.seed = seed
            let budget = amount.steps != nil || amount.minutes != nil
                ? TrainingBudget(steps: amount.steps, seconds: amount.minutes.map { $0 * 60 }) : nil
            let result = try SeriesSynthesizer.augment(
                original, amount: amount.perClass.map { .perClass($0) } ?? .copies(amount.copies), options: options,
                budget: budget, progress: progress)
            base = result.series.selecting(Array(original.count..<result.series.count))
            copies = 1
            if pipeline.steps.isEmpty { return base }
        }
        let scaler = try scalerKind().map { try SeriesScaler(fitting: original, kind: $0) }
        let scaled = try scaler?.transform(base) ?? base
        var result = try pipeline.copies(of: scaled, count: copies, seed: seed)
        if let scaler { result = try scaler.inverse(result) }
        return result
    }

    private func scalerKind() -> SeriesScaler.Kind? {
        switch space {
        case .standard: return .standard
        case .minmax: return .minMax
        case .raw: return nil
        }
    }
}

/// What `augment` prints after GAN augmentation: the measured downstream result and how to check one's own data.
let ganCaution = "note: on the small public sets of docs/augmentation.md the GAN's samples did not help a downstream "
    + "classifier on average, where a classic method did; check yours with the domain's `utility` command"
