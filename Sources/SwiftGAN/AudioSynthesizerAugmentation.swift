import AudioIO
import Evaluation
import Foundation
import Training

extension AudioSynthesizer {
    /// Augmentation with the audio GAN: a model trained on `clips` (`[count, channels · sliceLength]`, shaped by
    /// `options.clips` and `options.model.wavegan.channels`; conditional on `labels` when given, else
    /// unconditional) generates `amount` new clips of every label, each under its label, through the model's tail
    /// gate. Returns the new clips only, in the same layout, with their label indices (all 0 without labels).
    /// `budget` replaces `options.training`'s when given. Throws as `fit` does.
    public static func augment(
        clips: [Float], labels: ClipLabels?, amount: AugmentationAmount = .copies(1),
        options: AudioTrainingOptions = AudioTrainingOptions(), budget: TrainingBudget? = nil,
        progress: ProgressDisplay? = nil
    ) throws -> (clips: [Float], labels: [Int]) {
        if let problem = amount.problem { throw AudioSynthesisError.invalidOption(problem) }
        var o = options
        o.model.wavegan.sliceLength = o.clips.sliceLength
        o.model.wavegan.sampleRate = o.clips.sampleRate
        o.evaluateEvery = 0
        let clipSize = o.model.wavegan.channels * o.clips.sliceLength
        let count = clips.count / clipSize
        guard count >= 1, clips.count == count * clipSize, labels.map({ $0.indices.count == count }) ?? true else {
            throw AudioSynthesisError.invalidOption(
                "\(clips.count) samples are not whole clips of \(clipSize) samples with one label each")
        }
        if let labels {
            o.model.labels = labels.names
            o.model.wavegan.labelCount = labels.names.count
        } else {
            o.model.labels = []
            o.model.wavegan.labelCount = 0
        }
        let synthesizer = try fit(.clips(clips, labels: labels?.indices ?? []), options: o, budget: budget,
                                  progress: progress)
        let counts = labels?.counts ?? [count]
        var out: [Float] = [], outLabels: [Int] = []
        for (l, have) in counts.enumerated() {
            let n = amount.added(to: have)
            let made = try synthesizer.sample(count: n, seed: o.training.seed &+ UInt64(l + 1),
                                              label: labels.map { $0.names[l] })
            out += made.scalars
            outLabels += Array(repeating: l, count: n)
        }
        return (out, outLabels)
    }
}

/// What `AudioSynthesizer.augment(folder:to:…)` wrote.
public struct AudioFolderAugmentation: Sendable {
    /// Original files copied into the output.
    public var filesCopied: Int
    /// Per label (one "(all clips)" entry for a folder without label subfolders): training clips and clips added.
    public var labels: [(label: String, clips: Int, added: Int)]
    /// Files of the folder that could not be used for training (copied all the same).
    public var skipped: [SkippedFile]
}

extension AudioSynthesizer {
    /// `audio augment --methods gan`: trains the GAN on the audio under `input` (conditional on its first-level
    /// subfolders when it has them, read as `options.clips` says) and writes to `output` (new or empty, not inside
    /// `input`) a copy of every audio file of `input` at its relative path, plus the new clips (`amount` per label,
    /// each through `pipeline` when given, seeded per clip) as `label/synthetic/NNNNNN.ext` (`synthetic/…` without
    /// labels) at the clips' rate.
    public static func augment(
        folder input: URL, to output: URL, amount: AugmentationAmount = .copies(1),
        pipeline: AudioAugmentationPipeline? = nil, options: AudioTrainingOptions = AudioTrainingOptions(),
        budget: TrainingBudget? = nil, format: AudioFileFormat = .wavFloat, progress: ProgressDisplay? = nil
    ) throws -> AudioFolderAugmentation {
        let fm = FileManager.default
        let source = input.standardizedFileURL, target = output.standardizedFileURL
        if target.path == source.path || target.path.hasPrefix(source.path + "/") {
            throw AudioSynthesisError.invalidOption("output folder \(target.path) lies inside the data folder; choose another")
        }
        if let contents = try? fm.contentsOfDirectory(atPath: target.path), !contents.isEmpty {
            throw AudioSynthesisError.invalidOption(
                "output folder \(target.path) is not empty; choose a new folder so results do not mix with old ones")
        }
        var o = options
        o.clips.labels = !(try AudioCorpus.scan(source, labels: true).labelNames.isEmpty)
        if o.firstSliceOfOneShots, !o.clips.firstSliceOnly, try ClipPlan(directory: source, options: o.clips).looksLikeOneShots {
            o.clips.firstSliceOnly = true
        }
        let dataset = try ClipDataset(directory: source, options: o.clips)
        guard dataset.storage == .memory else {
            throw AudioSynthesisError.noUsableAudio("\(source.path) holds more audio than fits in memory for training; "
                + "augment a subset")
        }
        o.model.wavegan.channels = dataset.channels
        let labels = o.clips.labels ? try ClipLabels(names: dataset.labelNames, indices: dataset.labels.map(Int.init)) : nil
        let made = try augment(clips: dataset.clips, labels: labels, amount: amount, options: o, budget: budget,
                               progress: progress)
        try fm.createDirectory(at: target, withIntermediateDirectories: true)
        let corpus = dataset.plan.corpus
        for file in corpus.files {
            let destination = target.appendingPathComponent(file.relativePath)
            try fm.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            try fm.copyItem(at: file.url, to: destination)
        }
        let clipSize = dataset.channels * o.clips.sliceLength
        var written = [Int](repeating: 0, count: Swift.max(labels?.names.count ?? 1, 1))
        for (i, l) in made.labels.enumerated() {
            let folder = labels.map { target.appendingPathComponent($0.names[l]) } ?? target
            let synthetic = folder.appendingPathComponent("synthetic")
            try fm.createDirectory(at: synthetic, withIntermediateDirectories: true)
            var clip = try AudioBuffer(samples: Array(made.clips[(i * clipSize)..<((i + 1) * clipSize)]),
                                       channels: dataset.channels, sampleRate: o.clips.sampleRate)
            if let pipeline {
                var g = SeededGenerator(seed: o.training.seed, stream: [0xA06, i])
                clip = try pipeline.apply(clip, generator: &g)
            }
            let name = String(written[l]).leftPadded(to: 6) + "." + format.fileExtension
            try AudioFile.write(clip, to: synthetic.appendingPathComponent(name), format: format, durable: false)
            written[l] += 1
        }
        let counts = labels?.counts ?? [dataset.labels.count]
        return AudioFolderAugmentation(
            filesCopied: corpus.files.count,
            labels: counts.indices.map { (labels?.names[$0] ?? "(all clips)", counts[$0], written[$0]) },
            skipped: dataset.skipped)
    }
}

extension String {
    /// This string with leading zeros up to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: Swift.max(0, width - count)) + self }
}
