import ArgumentParser
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
        var classifier = AudioClassifier.Options()
        classifier.epochs = classifierEpochs
        let (result, r, g) = try AudioEvaluation.evaluate(
            realFolder: URL(fileURLWithPath: real), generatedFolder: URL(fileURLWithPath: generated), bins: bins,
            seed: seed, classifier: classifier, warning: { printError("warning: \($0)") })
        if json {
            let enc = JSONEncoder()
            enc.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try enc.encode(result), as: UTF8.self))
        } else {
            print(result.text)
        }
        if let report {
            let page = try AudioEvaluationReport.make(
                real: r.clips.clips, realLabels: r.labels, generated: g.clips.clips, generatedLabels: g.labels,
                result: result, title: "SwiftGAN audio evaluation: \(generated) against \(real)")
            try writeReport(page, to: report, json: json)
        }
    }
}
