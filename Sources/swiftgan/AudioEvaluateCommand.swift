import ArgumentParser
import Foundation
import SwiftGAN

/// `swiftgan audio evaluate --real DIR --generated DIR`
struct AudioEvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Compare generated clips with real ones (Fréchet distance, NDB/K, nearest-neighbour scores).",
        discussion: """
            Both folders are read recursively; every file is mixed to mono, resampled to 16 kHz, peak-normalised \
            and its first 16384 samples (zero-padded) are compared on WaveGAN's log-mel features.
            """)

    @Option(help: "Folder of real recordings.") var real: String
    @Option(help: "Folder of generated clips.") var generated: String
    @Option(help: "K-means bins for NDB.") var bins = 50
    @Option(help: "Random seed (K-means).") var seed: UInt64 = 0
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let options = ClipOptions(sampleRate: 16000, sliceLength: 16384, firstSliceOnly: true, padEnd: true,
                                  normalize: true, silenceThreshold: nil, channels: .mono)
        let r = try ClipDataset(directory: URL(fileURLWithPath: real), options: options)
        let g = try ClipDataset(directory: URL(fileURLWithPath: generated), options: options)
        warn(r.skipped + g.skipped)
        let result = try AudioEvaluation.evaluate(real: r.clips, realCount: r.labels.count, generated: g.clips,
                                                  generatedCount: g.labels.count, bins: bins, seed: seed)
        if json {
            let enc = JSONEncoder()
            enc.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try enc.encode(result), as: UTF8.self))
        } else {
            print(result.text)
        }
    }
}
