import ArgumentParser
import SwiftGAN

/// `swiftgan audio utility`: does augmentation help a classifier trained on labelled clips? (`AudioUtility`)
struct AudioUtilityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "utility",
        abstract: "Test whether augmenting labelled clips helps a classifier trained on them.",
        discussion: """
            The test to run before trusting augmentation. --data holds one subfolder per label; its files are read as \
            mono 16 kHz clips of 16 384 samples (the first slice of each file for one-shot sounds, as `audio train` \
            does). Over --splits repeated stratified splits, --test-fraction of each label is held out; each \
            --method (a method list as `audio augment --methods` takes, e.g. noise=20:30, pitch,gain or gan; repeat \
            the option to compare several) augments the rest, and logistic regression and a random forest on the \
            clips' log-mel summaries (the audio metrics' features) are trained on the real training clips and on the \
            augmented ones, then scored on the held-out real clips: balanced accuracy, F1 of the rarest label and \
            ROC AUC. The gain is augmented minus real-only, averaged over splits, with a 95 % interval. gan trains a \
            conditional GAN on every split's training clips (10 minutes each unless --minutes or --steps).
            """)

    @Option(help: "Folder with one subfolder of recordings per label.") var data: String
    @Option(help: "A method list to test (repeat for several): noise=20:30, pitch,gain, gan, ….")
    var method: [String] = ["pitch=-2:2", "stretch=0.9:1.1", "noise=20:30"]
    @Option(help: "Augmented copies per clip (gan: copies × each label's clip count per label).") var copies = 1
    @Option(help: "gan: new clips per label, instead of --copies.") var perClass: Int?
    @Option(help: "gan: generator updates to train for, per split.") var steps: Int?
    @Option(help: "gan: minutes to train for, per split.") var minutes: Double?
    @Option(help: "Probability that each classic method applies.") var probability = 1.0
    @Option(help: "Repeated stratified splits.") var splits = 5
    @Option(help: "Share of each label held out for testing in each split.") var testFraction = 0.3
    @Option(help: "Random seed (splits, augmentation, models).") var seed: UInt64 = 0
    @Flag(help: "Print JSON instead of a table.") var json = false

    func run() throws {
        let plans = try method.map { ($0, try AudioAugmentPlan(methods: $0, probability: probability)) }
        guard copies >= 1 else { throw ValidationError("--copies must be at least 1, not \(copies)") }
        if !plans.contains(where: { $0.1.gan }), perClass != nil || steps != nil || minutes != nil {
            throw ValidationError("--per-class, --steps and --minutes set the GAN; add a gan method")
        }
        let folder = URL(fileURLWithPath: data)
        var options = AudioTrainingOptions()
        options.clips = ClipOptions(sampleRate: 16000, sliceLength: 16384, padEnd: true, channels: .mono, labels: true)
        if try ClipPlan(directory: folder, options: options.clips).looksLikeOneShots { options.clips.firstSliceOnly = true }
        let dataset = try ClipDataset(directory: folder, options: options.clips)
        warn(dataset.skipped)
        let labels = try ClipLabels(names: dataset.labelNames, indices: dataset.labels.map(Int.init))
        let budget = steps != nil || minutes != nil ? TrainingBudget(steps: steps, seconds: minutes.map { $0 * 60 }) : nil
        var reports: [(name: String, report: AudioUtility)] = []
        for (name, plan) in plans {
            let utility = try AudioUtility(clips: dataset.clips, labels: labels, splits: splits,
                                           testFraction: testFraction, seed: seed) { clips, indices, split in
                let seedOfSplit = seed &+ UInt64(split)
                var added: (clips: [Float], labels: [Int])
                if plan.gan {
                    var o = options
                    o.training.seed = seedOfSplit
                    added = try AudioSynthesizer.augment(
                        clips: clips, labels: try ClipLabels(names: labels.names, indices: indices),
                        amount: perClass.map { .perClass($0) } ?? .copies(copies), options: o, budget: budget)
                } else {
                    added = ([], [])
                    for _ in 0..<copies { added.clips += clips; added.labels += indices }
                }
                let n = options.clips.sliceLength
                if !plan.pipeline.steps.isEmpty {
                    for i in added.labels.indices {
                        var g = SeededGenerator(seed: seedOfSplit, stream: [0xA06, i])
                        let clip = try AudioBuffer(samples: Array(added.clips[(i * n)..<((i + 1) * n)]), channels: 1,
                                                   sampleRate: options.clips.sampleRate)
                        let out = try plan.pipeline.apply(clip, generator: &g).samples
                        added.clips.replaceSubrange((i * n)..<((i + 1) * n), with: out)
                    }
                }
                return (clips + added.clips, indices + added.labels)
            }
            reports.append((name, utility))
        }
        if json { return try UtilityReport.printJSON(reports) }
        for (name, u) in reports {
            UtilityReport.print(
                method: name, heading: "on \(labels.names.count) labels: \(u.splits) splits, "
                    + "\(Int(u.testFraction * 100)) % held out, "
                    + String(format: "training clips %.0f → %.0f", u.trainingClips, u.augmentedClips),
                gains: u.gains, subject: "data set")
        }
    }
}
