import ArgumentParser
import SwiftGAN

/// `swiftgan series utility`: does augmentation help a classifier trained on the series? (`SeriesUtility`)
struct SeriesUtilityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "utility",
        abstract: "Test whether augmenting a set of labelled series helps a classifier trained on it.",
        discussion: """
            The test to run before trusting augmentation. Over --splits repeated stratified splits, --test-fraction \
            of each class is held out (or, with --test, every repeat trains on --data and tests on --test); each \
            --method (a method list as `series augment --methods` takes, e.g. jitter, timewarp,jitter or gan; \
            repeat the option to compare several) augments the rest as `series augment` does, and MiniRocket (about \
            10 000 random-convolution features and a ridge classifier) and a small 1-D CNN are trained on the real \
            training series and on the augmented ones, then scored on the held-out real series: balanced accuracy, \
            F1 of the rarest class and ROC AUC. The gain is augmented minus real-only, averaged over splits, with a \
            95 % interval. A method whose intervals lie below 0 makes these classifiers worse.
            """)

    @Option(help: "Labelled input series: .csv (long or wide layout) with --label.") var data: String
    @Option(help: "Held-out labelled series (e.g. an archive's TEST split); default: splits of --data.") var test: String?
    @Option(help: "A method list to test (repeat for several): gan, jitter, timewarp,jitter, ….")
    var method: [String] = ["windowwarp", "timewarp", "jitter"]
    @OptionGroup var amount: SeriesAugmentAmountOptions
    @Option(help: "Scale to augment in: standard, minmax, or raw.") var space = AugmentationSpace.standard
    @Option(help: "Repeated stratified splits (or repeats with --test).") var splits = 5
    @Option(help: "Share of each class held out for testing in each split.") var testFraction = 0.3
    @Option(help: "Random seed (splits, augmentation, models).") var seed: UInt64 = 0
    @Flag(help: "Print JSON instead of a table.") var json = false
    @OptionGroup var input: SeriesInputOptions

    func run() throws {
        guard input.label != nil else {
            throw ValidationError("the utility test needs a class per series; name the label column with --label")
        }
        let plans = try method.map { ($0, try SeriesAugmentPlan(methods: $0, amount: amount, space: space)) }
        try amount.checkUsed(byGAN: plans.contains { $0.1.gan })
        let (series, _) = try input.load(data)
        let held = try test.map { try input.load($0).0 }
        var reports: [(name: String, report: SeriesUtility)] = []
        for (name, plan) in plans {
            let utility = try SeriesUtility(data: series, test: held, splits: splits, testFraction: testFraction,
                                            seed: seed) { training, split in
                try training.appending(plan.added(to: training, seed: seed &+ UInt64(split), progress: nil))
            }
            reports.append((name, utility))
        }
        if json { return try UtilityReport.printJSON(reports) }
        for (name, u) in reports {
            let protocolText = u.testFraction.map { "\(u.splits) splits, \(Int($0 * 100)) % held out" }
                ?? "\(u.splits) repeats on the test set"
            UtilityReport.print(
                method: name, heading: "on '\(input.label ?? "label")': \(protocolText), "
                    + String(format: "training series %.0f → %.0f", u.trainingSeries, u.augmentedSeries),
                gains: u.gains, subject: "data set")
        }
    }
}
