import AudioIO
import Foundation
import Models
import NN
import TensorCore
import Training

/// What an ``AudioSynthesizer`` trains on.
public enum AudioTrainingData {
    /// Every audio file under a folder, read, resampled and sliced as `AudioTrainingOptions.clips` says (labels from
    /// first-level subfolders when `clips.labels`).
    case folder(URL)
    /// Clips in memory: `count · channels · sliceLength` samples in [−1, 1] (shape from `options.model.wavegan`), and
    /// one label index per clip for a conditional model (else empty).
    case clips([Float], labels: [Int] = [])
}

/// Trains WaveGAN-style models on audio and generates clips from them: the library form of `swiftgan audio train`
/// and `swiftgan audio generate`.
///
/// ```swift
/// let synth = try AudioSynthesizer.fit(.folder(drums), options: AudioTrainingOptions(), runDirectory: run)
/// try synth.writeClips(count: 100, seed: 1, to: outputFolder)
/// ```
public final class AudioSynthesizer: Synthesizer {
    /// Model-file `__metadata__` value of `format`.
    public static let formatName = "swiftgan.audio.wavegan"
    /// The model file a run directory ends with.
    public static let modelFileName = ModelFile.fileName

    public let config: AudioModelConfig
    /// The generator (with averaged weights when the run kept an EMA).
    public let generator: WaveGANGenerator
    /// How the training that made this synthesizer ended; nil for one loaded from a file.
    public internal(set) var trainingOutcome: TrainingOutcome?

    /// A synthesizer around `generator`, built or trained elsewhere; `config.wavegan` must describe it.
    public init(config: AudioModelConfig, generator: WaveGANGenerator) {
        self.config = config
        self.generator = generator
    }

    public var sampleRate: Int { config.wavegan.sampleRate }
    public var labels: [String] { config.labels }

    // MARK: Training

    /// Trains on `data` in `runDirectory` (a temporary folder, removed afterwards, when nil): checkpoints,
    /// previews, `metrics.jsonl` and finally `model.safetensors`, the averaged generator with a calibrated tail gate.
    /// `budget` replaces `options.training`'s when given. Files in a folder that cannot be used are skipped (see
    /// ``fit(folder:options:runDirectory:budget:progress:warning:onLog:)`` to hear about them).
    public static func fit(
        _ data: AudioTrainingData, options: AudioTrainingOptions = AudioTrainingOptions(), runDirectory: URL? = nil,
        budget: TrainingBudget? = nil, progress: ProgressDisplay? = .standardOutput(),
        onLog: ((TrainingLog) -> Void)? = nil
    ) throws -> AudioSynthesizer {
        switch data {
        case .folder(let folder):
            return try fit(folder: folder, options: options, runDirectory: runDirectory, budget: budget,
                           progress: progress, onLog: onLog)
        case .clips(let clips, let labels):
            return try fit(clips: clips, labels: labels, options: options, runDirectory: runDirectory, budget: budget,
                           progress: progress, onLog: onLog)
        }
    }

    /// Reads, resamples and slices every audio file under `folder` (labels from first-level subfolders when
    /// `options.clips.labels`), then trains as ``fit(_:options:runDirectory:budget:progress:onLog:)``. Files that
    /// cannot be used are reported through `warning` and skipped.
    public static func fit(
        folder: URL, options: AudioTrainingOptions = AudioTrainingOptions(), runDirectory: URL? = nil,
        budget: TrainingBudget? = nil, progress: ProgressDisplay? = .standardOutput(),
        warning: (String) -> Void = { _ in }, onLog: ((TrainingLog) -> Void)? = nil
    ) throws -> AudioSynthesizer {
        try options.clips.validate()
        var o = options
        if options.firstSliceOfOneShots, !options.clips.firstSliceOnly,
           try ClipPlan(directory: folder, options: options.clips).looksLikeOneShots {
            o.clips.firstSliceOnly = true
        }
        let dataset = try ClipDataset(directory: folder, options: o.clips)
        for skipped in dataset.skipped { warning("skipped \(skipped.path): \(skipped.reason)") }
        guard dataset.storage == .memory else {
            throw AudioSynthesisError.noUsableAudio(
                "\(folder.path) holds more audio than fits in memory for training; train on a subset")
        }
        o.model.wavegan.channels = dataset.channels
        o.model.wavegan.sampleRate = options.clips.sampleRate
        o.model.wavegan.sliceLength = options.clips.sliceLength
        if options.clips.labels {
            o.model.labels = dataset.labelNames
            o.model.wavegan.labelCount = dataset.labelNames.count
        }
        return try fit(clips: dataset.clips, labels: dataset.labels.map(Int.init), options: o,
                       runDirectory: runDirectory, budget: budget, progress: progress, onLog: onLog)
    }

    private static func fit(
        clips: [Float], labels: [Int], options: AudioTrainingOptions, runDirectory: URL?, budget: TrainingBudget?,
        progress: ProgressDisplay?, onLog: ((TrainingLog) -> Void)?
    ) throws -> AudioSynthesizer {
        try BLAS.load()
        var options = options
        options.training = try SynthesizerRun.config(options.training, budget: budget,
                                                     invalid: AudioSynthesisError.invalidOption)
        let (run, temporary) = SynthesizerRun.directory(runDirectory, kind: "audio")
        defer { if temporary { try? FileManager.default.removeItem(at: run) } }
        let problem = try AudioGANProblem(config: options.model, clips: clips, labels: labels,
                                          seed: options.training.seed)
        let trainer = try GANTrainer(problem: problem, config: options.training, runDirectory: run,
                                     domainConfig: try JSONEncoder().encode(options))
        return try train(trainer, evaluation: evaluation(options, clips: clips), tailGate: options.tailGate,
                         progress: progress, onLog: onLog)
    }

    /// Continues the run in `runDirectory` from its last checkpoint. A folder is read again with the run's clip
    /// options; clips in memory must be those the run started on. `budget` replaces the stored budget when given.
    public static func resume(
        runDirectory: URL, data: AudioTrainingData, budget: TrainingBudget? = nil,
        progress: ProgressDisplay? = .standardOutput(), onLog: ((TrainingLog) -> Void)? = nil
    ) throws -> AudioSynthesizer {
        try BLAS.load()
        let (training, options) = try SynthesizerRun.stored(
            AudioGANProblem.self, in: runDirectory, kind: "an audio",
            decode: { try JSONDecoder().decode(AudioTrainingOptions.self, from: $0) },
            notAModel: AudioSynthesisError.notAModel)
        let clips: [Float], labels: [Int]
        switch data {
        case .folder(let folder):
            let dataset = try ClipDataset(directory: folder, options: options.clips)
            (clips, labels) = (dataset.clips, dataset.labels.map(Int.init))
        case .clips(let c, let l):
            (clips, labels) = (c, l)
        }
        let problem = try AudioGANProblem(config: options.model, clips: clips, labels: labels,
                                          seed: options.training.seed)
        let config = try SynthesizerRun.config(training, budget: budget, invalid: AudioSynthesisError.invalidOption)
        let trainer = try GANTrainer.resume(from: runDirectory, problem: problem, config: config)
        return try train(trainer, evaluation: evaluation(options, clips: clips), tailGate: options.tailGate,
                         progress: progress, onLog: onLog)
    }

    /// Real clips to score checkpoints against (at most 256 of the training clips), or nil when evaluation is off
    /// or the clips are not mono 16 kHz.
    private static func evaluation(_ options: AudioTrainingOptions, clips: [Float]) -> (every: Int, real: [Float])? {
        let w = options.model.wavegan
        guard options.evaluateEvery > 0, w.channels == 1, w.sampleRate == LogMelFeatures.sampleRate else { return nil }
        let count = Swift.min(256, clips.count / w.sliceLength)
        return count >= 2 ? (options.evaluateEvery, Array(clips[..<(count * w.sliceLength)])) : nil
    }

    private static func train(
        _ trainer: GANTrainer<AudioGANProblem>, evaluation: (every: Int, real: [Float])?, tailGate: Bool,
        progress: ProgressDisplay?, onLog: ((TrainingLog) -> Void)?
    ) throws -> AudioSynthesizer {
        let problem = trainer.problem, runDirectory = trainer.runDirectory
        // The generator as it stands (call inside `withAveragedGenerator`), with its tail gate calibrated.
        func current() throws -> AudioSynthesizer {
            let raw = AudioSynthesizer(config: problem.config, generator: problem.waveGenerator)
            guard tailGate else { return raw }
            var config = problem.config
            config.tailGate = try raw.calibratedTailGate(real: problem.clips)
            return AudioSynthesizer(config: config, generator: problem.waveGenerator)
        }
        if trainer.leads { try writeRealPreviews(problem.clips, config: problem.config.wavegan,
                              to: runDirectory.appendingPathComponent("previews/real")) }
        var checkpoints = 0
        trainer.onCheckpoint = { step, t in
            checkpoints += 1
            return try t.withAveragedGenerator {
                let synth = try current()
                let folder = runDirectory.appendingPathComponent("previews/step-\(String(format: "%08d", step))")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try synth.writeClips(count: 4, seed: 0, to: folder, overwrite: true)
                guard let evaluation, checkpoints % evaluation.every == 0 else { return [:] }
                let n = Swift.min(64, evaluation.real.count / problem.config.wavegan.sliceLength)
                let fake = try synth.sample(count: n, seed: 1)
                let score = try AudioEvaluation.evaluate(
                    real: evaluation.real, realCount: evaluation.real.count / problem.config.wavegan.sliceLength,
                    generated: fake.scalars, generatedCount: n, bins: 10)
                var metrics = ["fd": score.frechetDistance, "d_self": score.dSelf, "d_train": score.dTrain]
                if let ndb = score.ndbOverK { metrics["ndb_k"] = ndb }
                return metrics
            }
        }
        // Export the averaged generator as a self-contained model file.
        let (outcome, synth) = try SynthesizerRun.run(
            trainer, progress: progress, onLog: onLog, export: { try current().save(to: $0) }, load: load(from:))
        synth.trainingOutcome = outcome
        return synth
    }

    /// Writes four training clips, spread over the set, into `folder` (once per run: kept when it exists), so the
    /// run's report can set real clips beside the previews.
    private static func writeRealPreviews(_ clips: [Float], config: WaveGANConfig, to folder: URL) throws {
        guard !FileManager.default.fileExists(atPath: folder.path) else { return }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let size = config.channels * config.sliceLength, count = clips.count / size
        for k in 0..<Swift.min(4, count) {
            let i = count <= 4 ? k : k * (count - 1) / 3
            let buffer = try AudioBuffer(samples: Array(clips[(i * size)..<((i + 1) * size)]), channels: config.channels,
                                         sampleRate: config.sampleRate)
            try AudioFile.write(buffer, to: folder.appendingPathComponent(String(format: "%06d.wav", i)))
        }
    }

    // MARK: Generation

    /// Samples computed together by the generator. Generation always runs the network on exactly this many latents
    /// (sample i in group ⌊i / 16⌋), so results never depend on the batch size, the count or the first index.
    public static let generationGroup = 16

    /// Clips `[count, channels, sliceLength]` for sample indices `first..<first+count`. Sample i's latent comes from
    /// its own random stream of `seed` and is computed in a fixed group of indices, so it is the same whatever the
    /// batch size or count. A conditional model without `label` cycles through its labels by sample index.
    /// `batchSize` is the number of clips computed per network pass (rounded up to whole groups). The model's tail gate
    /// (`AudioModelConfig.tailGate`) is applied to every channel of every clip unless `gated` is false.
    public func sample(count: Int, seed: UInt64, label: String? = nil, first: Int = 0, batchSize: Int = 16,
                       gated: Bool = true) throws -> Tensor
    {
        let labelIndex = try label.map { name -> Int in
            guard let i = config.labels.firstIndex(of: name) else {
                throw AudioSynthesisError.unknownLabel(name, known: config.labels)
            }
            return i
        }
        let w = config.wavegan, group = AudioSynthesizer.generationGroup
        try AudioSynthesizer.checkBatch(batchSize)
        guard count >= 0, first >= 0, CheckedSize.sum([first, count, group]) != nil,
              CheckedSize.elements([count, w.channels, w.sliceLength]) != nil
        else {
            throw AudioSynthesisError.invalidOption(
                "cannot generate \(count) clips from index \(first) at once; ask for at most "
                    + "\(CheckedSize.maximumElements / (w.channels * w.sliceLength)) clips per call")
        }
        let out = Tensor(uninitialized: [count, w.channels, w.sliceLength])
        let clipSize = w.channels * w.sliceLength
        generator.eval()
        defer { generator.train() }
        // Groups covering first..<first+count, `groupsPerPass` at a time.
        let firstGroup = first / group, endGroup = (first + count + group - 1) / group
        let groupsPerPass = Swift.max(1, (batchSize + group - 1) / group)
        var g0 = firstGroup
        while g0 < endGroup {
            let g1 = Swift.min(endGroup, g0 + groupsPerPass)
            for g in g0..<g1 {
                let indices = Array((g * group)..<((g + 1) * group))
                var z: [Float] = []
                for i in indices {
                    var random = SeededGenerator(seed: seed, stream: [i])
                    z += generator.latent(count: 1, using: &random).scalars
                }
                let labels: [Int]? = w.labelCount > 0 ? indices.map { labelIndex ?? $0 % w.labelCount } : nil
                let clips = try GradientRecording.disabled {
                    try generator(try Tensor(shape: [group, w.latentDimension], values: z), labels: labels)
                }
                for (k, i) in indices.enumerated() where i >= first && i < first + count {
                    (out.storage.pointer + (i - first) * clipSize)
                        .update(from: clips.storage.pointer + k * clipSize, count: clipSize)
                }
            }
            g0 = g1
        }
        if gated, let threshold = config.tailGate {
            let rows = count * w.channels, length = w.sliceLength, base = out.storage.pointer
            parallelFor(rows) { r in
                TailGate.apply(UnsafeMutableBufferPointer(start: base + r * length, count: length), threshold: threshold)
            }
        }
        return out
    }

    /// The tail-gate threshold for this generator against `real` clips (`[count, channels, sliceLength]`): where 256
    /// generated clips fall silent, on average, where the real ones do (`TailGate.threshold`); nil when the real
    /// clips rarely end in silence.
    func calibratedTailGate(real: [Float]) throws -> Float? {
        let length = config.wavegan.sliceLength
        let realOnsets = real.withUnsafeBufferPointer { p in
            (0..<(real.count / length)).map { r in
                TailGate.silenceOnset(UnsafeBufferPointer(rebasing: p[(r * length)..<((r + 1) * length)]))
            }
        }
        let fake = try sample(count: 256, seed: 0x7A11_6A7E, batchSize: 64, gated: false)
        let levels = (0..<(fake.count / length)).map { r in
            TailGate.levels(UnsafeBufferPointer(start: fake.storage.pointer + r * length, count: length))
        }
        return TailGate.threshold(realOnsets: realOnsets, generatedLevels: levels, length: length)
    }

    /// Writes `count` clips named by index (`000000.wav`, …) into `folder` (created if needed; it must be empty of
    /// other files unless `overwrite`). Each file appears whole or not at all, without waiting for the disk: clips are
    /// a pure function of (model, seed, index), so any lost to a power cut can be made again. Returns the files
    /// written.
    ///
    /// With `shard` k/n, only part k of the `count` clips is written (``Shard/range(of:first:group:)``, whole
    /// generation groups), under the names the whole
    /// job gives them: the other shards write into the same folder, so it may hold other files, but none of this
    /// shard's unless `overwrite`.
    @discardableResult
    public func writeClips(
        count: Int, seed: UInt64, label: String? = nil, to folder: URL, format: AudioFileFormat = .wav16,
        batchSize: Int = 16, first: Int = 0, shard: Shard = .whole, overwrite: Bool = false, gated: Bool = true
    ) throws -> [URL] {
        try AudioSynthesizer.checkBatch(batchSize)
        guard (0...AudioSynthesizer.maximumClipCount).contains(count), first >= 0,
              first <= Int.max - AudioSynthesizer.maximumClipCount
        else {
            throw AudioSynthesisError.invalidOption(
                "cannot write \(count) clips; ask for 0 to \(AudioSynthesizer.maximumClipCount) clips at a time")
        }
        let fm = FileManager.default
        let digits = Swift.max(6, String(first + count - 1).count)
        func url(_ index: Int) -> URL {
            folder.appendingPathComponent(String(repeating: "0", count: Swift.max(0, digits - String(index).count))
                                          + String(index) + "." + format.fileExtension)
        }
        let part = shard.range(of: count, first: first, group: AudioSynthesizer.generationGroup)
        if !overwrite, let existing = try? fm.contentsOfDirectory(atPath: folder.path) {
            if shard == .whole {
                if existing.contains(where: { !$0.hasPrefix(".") }) { throw AudioSynthesisError.outputNotEmpty(folder.path) }
            } else if let clash = part.lazy.map({ url(first + $0).lastPathComponent }).first(where: Set(existing).contains) {
                throw AudioSynthesisError.invalidOption(
                    "output folder \(folder.path) already holds \(clash), a clip of shard \(shard); remove it or allow "
                        + "overwriting (`writeClips(overwrite:)`)")
            }
        }
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        // One group of clips at a time; its files are written in the background while the next group computes.
        let writer = ClipWriter(format: format, channels: config.wavegan.channels, sampleRate: config.wavegan.sampleRate)
        defer { writer.wait() }  // no file is written after this returns or throws
        var written: [URL] = []
        var start = part.lowerBound
        while start < part.upperBound {
            try writer.check()
            let groupEnd = ((first + start) / AudioSynthesizer.generationGroup + 1) * AudioSynthesizer.generationGroup
            let n = Swift.min(groupEnd - first, part.upperBound) - start
            let clips = try sample(count: n, seed: seed, label: label, first: first + start, batchSize: batchSize,
                                   gated: gated)
            let urls = (first + start..<first + start + n).map(url)
            writer.write(clips, to: urls)
            written += urls
            start += n
        }
        writer.wait()
        try writer.check()
        return written
    }

    /// The most clips `writeClips` writes in one call.
    public static let maximumClipCount = 1_000_000
    /// The largest batch size `sample` and `writeClips` take.
    public static let maximumBatchSize = 4096

    private static func checkBatch(_ batchSize: Int) throws {
        guard (1...maximumBatchSize).contains(batchSize) else {
            throw AudioSynthesisError.invalidOption(
                "batch size \(batchSize) is out of range; use 1 to \(maximumBatchSize) clips at once")
        }
    }

    // MARK: Model files

    /// `count` clips `[count, channels, sliceLength]` from seed `seed`, gated: ``sample(count:seed:label:first:batchSize:gated:)``
    /// with its defaults.
    public func sample(count: Int, seed: UInt64) throws -> Tensor {
        try sample(count: count, seed: seed, label: nil)
    }

    /// Saves the generator and its configuration as a self-contained safetensors file (PyTorch layout and names),
    /// atomically.
    public func save(to url: URL) throws {
        let json = String(decoding: try JSONEncoder().encode(config), as: UTF8.self)
        try ModelFile.write(generator, format: AudioSynthesizer.formatName, metadata: [
            "config": json, "sample_rate": String(config.wavegan.sampleRate),
            "labels": config.labels.joined(separator: "\n"),
        ], to: url)
    }

    /// Loads a model file written by `save`, or the model of a run directory.
    public static func load(from url: URL) throws -> AudioSynthesizer {
        guard let file = try ModelFile.resolve(url, notAModel: AudioSynthesisError.notAModel) else {
            throw AudioSynthesisError.notAModel(ModelFile.notYet(url))
        }
        let contents = try Safetensors.read(file)
        guard contents.metadata[ModelFile.formatKey] == formatName, let json = contents.metadata["config"],
              let config = try? JSONDecoder().decode(AudioModelConfig.self, from: Data(json.utf8))
        else {
            throw AudioSynthesisError.notAModel("\(file.path) is not a SwiftGAN audio model (no \(formatName) metadata)")
        }
        do { try config.validate() } catch {
            throw AudioSynthesisError.notAModel("\(file.path) holds an unusable audio configuration: \(error)")
        }
        let generator = try ModelFile.restore(
            { () throws -> WaveGANGenerator in
                var g = SeededGenerator(seed: 0)
                return try WaveGANGenerator(config.wavegan, using: &g)
            },
            expectedWeights: config.wavegan.generatorWeights, tensors: contents.tensors, path: file.path,
            notAModel: AudioSynthesisError.notAModel)
        return AudioSynthesizer(config: config, generator: generator)
    }
}
