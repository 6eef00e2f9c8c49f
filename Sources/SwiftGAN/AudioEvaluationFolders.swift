import AudioIO
import DSP
import Evaluation
import Foundation

/// Folders of recordings as `AudioEvaluation` compares them.
extension AudioEvaluation {
    /// How a folder is read for evaluation: every file mixed to mono, resampled to the rate of the log-mel features
    /// (`LogMelFeatures.sampleRate`, 16 kHz), peak-normalised, and its first `LogMelFeatures.clipLength` (16384)
    /// samples taken, zero-padded when shorter; labels from first-level subfolders when asked for.
    public static func clipOptions(labels: Bool) -> ClipOptions {
        ClipOptions(sampleRate: LogMelFeatures.sampleRate, sliceLength: LogMelFeatures.clipLength, firstSliceOnly: true,
                    padEnd: true, normalize: true, silenceThreshold: nil, channels: .mono, labels: labels)
    }

    /// The clips under `folder` (read recursively, see `clipOptions`) and, when every audio file there lies in a
    /// first-level subfolder, their labels (the subfolder names).
    public static func clips(in folder: URL) throws -> (clips: ClipDataset, labels: ClipLabels?) {
        let labelled = try AudioCorpus.scan(folder).files.allSatisfy { $0.relativePath.contains("/") }
        let dataset = try ClipDataset(directory: folder, options: clipOptions(labels: labelled))
        let labels = labelled ? try ClipLabels(names: dataset.labelNames, indices: dataset.labels.map(Int.init)) : nil
        return (dataset, labels)
    }

    /// Evaluates the clips of folder `generated` against those of folder `real` (see `clips(in:)`); files that
    /// cannot be read are reported through `warning` and skipped.
    public static func evaluate(realFolder real: URL, generatedFolder generated: URL, bins: Int = 50, seed: UInt64 = 0,
                                classifier: AudioClassifier.Options = AudioClassifier.Options(),
                                warning: (String) -> Void = { _ in }) throws
        -> (result: AudioEvaluation, real: (clips: ClipDataset, labels: ClipLabels?),
            generated: (clips: ClipDataset, labels: ClipLabels?))
    {
        let r = try clips(in: real), g = try clips(in: generated)
        for s in r.clips.skipped + g.clips.skipped { warning("skipped \(s.path): \(s.reason)") }
        let result = try evaluate(
            real: r.clips.clips, realCount: r.clips.labels.count, generated: g.clips.clips,
            generatedCount: g.clips.labels.count, bins: bins, seed: seed, realLabels: r.labels,
            generatedLabels: g.labels, classifier: classifier, warning: warning)
        return (result, r, g)
    }
}
