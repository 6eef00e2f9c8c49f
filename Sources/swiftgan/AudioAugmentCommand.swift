import ArgumentParser
import SwiftGAN

/// `swiftgan audio augment --data DIR --out DIR --methods … [--copies K] [--seed S]`
struct AudioAugmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "augment",
        abstract: "Write augmented copies of every audio file in a folder.",
        discussion: """
            Methods (parameter drawn uniformly from the range; defaults in brackets): gain dB [-12:12], \
            noise SNR dB [5:40], shift fraction of the length [-0.5:0.5], pitch semitones [-4:4], \
            stretch rate [0.8:1.25] (length kept), lowpass Hz [150:7500], highpass Hz [20:2400], polarity, \
            mix SNR dB with another file of the folder [3:30]. Give a range as name=low:high, e.g. \
            --methods gain=-6:6,noise=20:30,pitch. \
            gan (first in the list) trains the audio GAN on the folder (conditioned on its label subfolders when it \
            has them, as `audio train --conditional`) and writes a copy of every file plus --copies times each \
            label's clip count of new clips (or --per-class N) into label/synthetic/ of --out; the methods after it \
            transform the new clips. See docs/augmentation.md.
            """)

    @Option(help: "Folder of recordings (searched recursively).") var data: String
    @Option(help: "New or empty folder for the augmented files.") var out: String
    @Option(name: [.customLong("methods"), .customLong("method")], help: "Comma-separated augmentations, applied in order.")
    var methods: String
    @Option(help: "Augmented copies per file (gan: copies × each label's clip count per label).") var copies = 1
    @Option(help: "gan: new clips per label, instead of --copies.") var perClass: Int?
    @Option(help: "gan: generator updates to train for.") var steps: Int?
    @Option(help: "gan: minutes to train for (default 10; with --steps: whichever comes first).") var minutes: Double?
    @Option(help: "Random seed; the same seed gives the same files.") var seed: UInt64 = 0
    @Option(help: "Probability that each method applies.") var probability = 1.0
    @Option(help: "Output format: wav-float (default, keeps levels above 0 dBFS), wav16, wav24, flac16, flac24.")
    var format = AudioFileFormat.wavFloat

    func run() throws {
        let plan = try AudioAugmentPlan(methods: methods, probability: probability)
        if plan.gan {
            var options = AudioTrainingOptions()
            options.training.seed = seed
            let result = try AudioSynthesizer.augment(
                folder: URL(fileURLWithPath: data), to: URL(fileURLWithPath: out),
                amount: perClass.map { .perClass($0) } ?? .copies(copies),
                pipeline: plan.pipeline.steps.isEmpty ? nil : plan.pipeline, options: options,
                budget: steps != nil || minutes != nil ? TrainingBudget(steps: steps, seconds: minutes.map { $0 * 60 }) : nil,
                format: format, progress: .standardOutput())
            warn(result.skipped)
            print("copied \(result.filesCopied) file(s) and wrote \(result.labels.reduce(0) { $0 + $1.added }) new clip(s) "
                + "to \(out)")
            for l in result.labels {
                print("  \(l.label.padding(toLength: 24, withPad: " ", startingAt: 0)) \(l.clips) + \(l.added)")
            }
            print(ganCaution)
            return
        }
        if perClass != nil || steps != nil || minutes != nil {
            throw ValidationError("--per-class, --steps and --minutes set the GAN; add gan to --methods")
        }
        let summary = try FolderAugmenter.run(
            from: URL(fileURLWithPath: data), to: URL(fileURLWithPath: out), pipeline: plan.pipeline,
            copies: copies, seed: seed, format: format)
        warn(summary.skipped)
        print("augmented \(summary.filesRead) file(s), skipped \(summary.skipped.count); wrote "
              + "\(summary.filesWritten) file(s), \(formatDuration(summary.secondsWritten)) in total, to \(out)")
    }
}

/// An `audio augment --methods` list: the GAN (first, optional) and the classic methods.
struct AudioAugmentPlan {
    let gan: Bool
    let pipeline: AudioAugmentationPipeline

    init(methods: String, probability: Double) throws {
        let names = methods.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
        let isGAN = { (name: String) in name.lowercased() == "gan" }
        if let late = names.dropFirst().firstIndex(where: isGAN) {
            throw ValidationError("gan makes new clips and must come first in --methods (it is method \(late + 1))")
        }
        gan = names.first.map(isGAN) ?? false
        pipeline = AudioAugmentationPipeline(try names.dropFirst(gan ? 1 : 0).map {
            try AudioAugmentation.parse($0, probability: probability)
        })
        guard gan || !pipeline.steps.isEmpty else { throw ValidationError("--methods names no method") }
    }
}
