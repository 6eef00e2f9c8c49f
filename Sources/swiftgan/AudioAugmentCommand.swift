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
            --methods gain=-6:6,noise=20:30,pitch.
            """)

    @Option(help: "Folder of recordings (searched recursively).") var data: String
    @Option(help: "New or empty folder for the augmented files.") var out: String
    @Option(help: "Comma-separated augmentations, applied in order.") var methods: String
    @Option(help: "Augmented copies per file.") var copies = 1
    @Option(help: "Random seed; the same seed gives the same files.") var seed: UInt64 = 0
    @Option(help: "Probability that each method applies.") var probability = 1.0
    @Option(help: "Output format: wav-float (default, keeps levels above 0 dBFS), wav16, wav24, flac16, flac24.")
    var format = AudioFileFormat.wavFloat

    func run() throws {
        let steps = try methods.split(separator: ",").map {
            try AudioAugmentation.parse(String($0).trimmingCharacters(in: .whitespaces), probability: probability)
        }
        let summary = try FolderAugmenter.run(
            from: URL(fileURLWithPath: data), to: URL(fileURLWithPath: out), pipeline: AudioAugmentationPipeline(steps),
            copies: copies, seed: seed, format: format)
        warn(summary.skipped)
        print("augmented \(summary.filesRead) file(s), skipped \(summary.skipped.count); wrote "
              + "\(summary.filesWritten) file(s), \(formatDuration(summary.secondsWritten)) in total, to \(out)")
    }
}
