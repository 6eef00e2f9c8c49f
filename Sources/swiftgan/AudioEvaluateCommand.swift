import ArgumentParser
import Foundation
import SwiftGAN

/// `swiftgan audio evaluate --real DIR --generated DIR`
struct AudioEvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Compare generated clips with real ones (Fréchet distance, NDB/K, nearest-neighbour scores; with "
            + "labels, an Inception-style score and label accuracy).",
        discussion: """
            Both folders are read recursively; every file is mixed to mono, resampled to 16 kHz, peak-normalised \
            and its first 16384 samples (zero-padded) are compared on WaveGAN's log-mel features.

            A folder whose audio files all lie in first-level subfolders is labelled by their names. With labelled \
            real clips, a classifier trained on 80 % of them (its accuracy on the other 20 % is shown) gives the \
            Inception-style score; with labelled generated clips too (subfolders named after real labels), the \
            fraction classified as their folder's label.
            """)

    @Option(help: "Folder of real recordings.") var real: String
    @Option(help: "Folder of generated clips.") var generated: String
    @Option(help: "K-means bins for NDB.") var bins = 50
    @Option(help: "Random seed (K-means, classifier).") var seed: UInt64 = 0
    @Option(help: "Training epochs of the label classifier.") var classifierEpochs = AudioClassifier.Options().epochs
    @Flag(help: "Print JSON.") var json = false
    @Option(help: "Also write a self-contained HTML report (metrics, nearest-neighbour pairs, clips per label).")
    var report: String?

    func run() throws {
        let (r, realLabels) = try Self.clips(in: real)
        let (g, generatedLabels) = try Self.clips(in: generated)
        warn(r.skipped + g.skipped)
        var classifier = AudioClassifier.Options()
        classifier.epochs = classifierEpochs
        let result = try AudioEvaluation.evaluate(
            real: r.clips, realCount: r.labels.count, generated: g.clips, generatedCount: g.labels.count, bins: bins,
            seed: seed, realLabels: realLabels, generatedLabels: generatedLabels, classifier: classifier,
            warning: { printError("warning: \($0)") })
        if json {
            let enc = JSONEncoder()
            enc.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try enc.encode(result), as: UTF8.self))
        } else {
            print(result.text)
        }
        if let report {
            let page = try AudioEvaluationReport.make(
                real: r.clips, realLabels: realLabels, generated: g.clips, generatedLabels: generatedLabels,
                result: result, title: "SwiftGAN audio evaluation: \(generated) against \(real)")
            try writeReport(page, to: report, json: json)
        }
    }

    /// The clips under `path` and, when every audio file there lies in a first-level subfolder, their labels.
    static func clips(in path: String) throws -> (ClipDataset, ClipLabels?) {
        let folder = URL(fileURLWithPath: path)
        let labelled = try AudioCorpus.scan(folder).files.allSatisfy { $0.relativePath.contains("/") }
        let options = ClipOptions(sampleRate: 16000, sliceLength: 16384, firstSliceOnly: true, padEnd: true,
                                  normalize: true, silenceThreshold: nil, channels: .mono, labels: labelled)
        let dataset = try ClipDataset(directory: folder, options: options)
        let labels = labelled ? try ClipLabels(names: dataset.labelNames, indices: dataset.labels.map(Int.init)) : nil
        return (dataset, labels)
    }
}
