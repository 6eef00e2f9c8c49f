import Foundation
import Models
import NN
import TensorCore
import TimeSeries
import Training

/// Trains a GAN on a set of equally long multivariate windows and samples new ones: the time-series counterpart of
/// CTGAN's `fit` / `sample` / `save` / `load`, and the library form of `swiftgan series train` / `series sample`.
///
/// ```swift
/// let data = try collection.windows(length: 24, stride: 1)
/// let synthesizer = try SeriesSynthesizer.fit(data, runDirectory: URL(fileURLWithPath: "run"))
/// let fake = try synthesizer.sample(count: 1000, seed: 7)
/// try synthesizer.save(to: URL(fileURLWithPath: "model.safetensors"))
/// ```
///
/// Training runs through SwiftGAN's `GANTrainer`: the run directory gets `config.json`, `metrics.jsonl`, atomic
/// checkpoints (resume with `resume(runDirectory:data:budget:progress:onLog:)`) and, at every checkpoint,
/// `model.safetensors` — the generator (moving-average weights when the EMA is on) with everything needed to sample
/// in its `__metadata__`.
public final class SeriesSynthesizer: Synthesizer {
    /// The options the model was built with (the shape fields filled in from the data).
    public let options: SeriesSynthesizerOptions
    /// What the trained generator needs to sample.
    let trained: SeriesModelDescription
    let generator: SeriesGenerator
    /// How the training that made this synthesizer ended; nil for one loaded from a file.
    public internal(set) var trainingOutcome: TrainingOutcome?

    init(options: SeriesSynthesizerOptions, description: SeriesModelDescription, generator: SeriesGenerator) {
        var options = options
        options.model = description.model
        options.scaling = description.scaler.kind
        options.conditional = !description.labels.isEmpty
        self.options = options
        self.trained = description
        self.generator = generator
    }

    /// The name of the exported model inside a run directory.
    public static let modelFileName = ModelFile.fileName

    /// Window length T of the trained model.
    public var length: Int { trained.model.length }
    /// Feature names of the trained model.
    public var featureNames: [String] { trained.featureNames }
    /// Class labels of a conditional model (empty when unconditional).
    public var labels: [String] { trained.labels }

    // MARK: - Training

    /// Trains on `data` (windows of equal length; labels make a conditional model when `options.conditional`) in
    /// `runDirectory` (a temporary folder, removed afterwards, when nil). `budget` replaces `options.training`'s
    /// when given. Throws for NaN values, fewer than two windows or a class with a single window.
    public static func fit(
        _ data: SeriesArray, options: SeriesSynthesizerOptions = SeriesSynthesizerOptions(), runDirectory: URL? = nil,
        budget: TrainingBudget? = nil, progress: ProgressDisplay? = .standardOutput(),
        onLog: ((TrainingLog) -> Void)? = nil
    ) throws -> SeriesSynthesizer {
        try BLAS.load()
        var options = options
        options.training = try SynthesizerRun.config(options.training, budget: budget,
                                                     invalid: SeriesSynthesisError.invalidOption)
        let prepared = try prepare(data, options: options)
        let problem = try SeriesGANProblem(
            config: prepared.description.model, windows: prepared.windows, labels: prepared.labels,
            seed: options.training.seed)
        let (run, temporary) = SynthesizerRun.directory(runDirectory, kind: "series")
        defer { if temporary { try? FileManager.default.removeItem(at: run) } }
        let trainer = try GANTrainer(problem: problem, config: options.training, runDirectory: run,
                                     domainConfig: prepared.description.json())
        return try train(trainer, options: options, prepared: prepared, progress: progress, onLog: onLog)
    }

    /// Continues the run in `runDirectory` from its newest checkpoint on the same `data`. `budget` replaces the
    /// stored budget when given (a limit it does not give is then none: `.steps(6000)` trains to step 6 000 however
    /// long it takes); without one the stored budget stays.
    public static func resume(
        runDirectory: URL, data: SeriesArray, budget: TrainingBudget? = nil,
        progress: ProgressDisplay? = .standardOutput(), onLog: ((TrainingLog) -> Void)? = nil
    ) throws -> SeriesSynthesizer {
        try BLAS.load()
        let (training, stored) = try SynthesizerRun.stored(
            SeriesGANProblem.self, in: runDirectory, kind: "a series",
            decode: { try SeriesModelDescription.decode(String(decoding: $0, as: UTF8.self), path: runDirectory.path) },
            notAModel: SeriesSynthesisError.notAModel)
        var options = SeriesSynthesizerOptions()
        options.model = stored.model
        options.scaling = stored.scaler.kind
        options.conditional = !stored.labels.isEmpty
        options.training = try SynthesizerRun.config(training, budget: budget, invalid: SeriesSynthesisError.invalidOption)
        let prepared = try prepare(data, options: options)
        guard prepared.description == stored else {
            throw SeriesSynthesisError.dataMismatch(stored.mismatch(prepared.description))
        }
        let problem = try SeriesGANProblem(config: stored.model, windows: prepared.windows, labels: prepared.labels,
                                           seed: training.seed)
        let trainer = try GANTrainer.resume(from: runDirectory, problem: problem, config: options.training)
        return try train(trainer, options: options, prepared: prepared, progress: progress, onLog: onLog)
    }

    private static func train(
        _ trainer: GANTrainer<SeriesGANProblem>, options: SeriesSynthesizerOptions, prepared: Prepared,
        progress: ProgressDisplay?, onLog: ((TrainingLog) -> Void)?
    ) throws -> SeriesSynthesizer {
        let modelURL = trainer.runDirectory.appendingPathComponent(modelFileName)
        let reference = referenceWindows(prepared.scaledData, count: options.checkpointSampleCount)
        let description = prepared.description, problem = trainer.problem
        // The generator as it stands (call inside `withAveragedGenerator`), copied. It holds the problem, not the
        // trainer: `onCheckpoint` keeps it, and a trainer that held itself would never be freed.
        func current() -> SeriesSynthesizer {
            SeriesSynthesizer(options: options, description: description,
                              generator: copy(problem.seriesGenerator, description: description))
        }
        trainer.onCheckpoint = { _, trainer in
            try trainer.withAveragedGenerator {
                let synth = current()
                try synth.save(to: modelURL)
                return try synth.checkpointMetrics(reference: reference, count: options.checkpointSampleCount)
            }
        }
        var exported: SeriesSynthesizer?
        let (outcome, synth) = try SynthesizerRun.run(trainer, progress: progress, onLog: onLog, export: { file in
            exported = current()
            try exported!.save(to: file)
        }, load: { _ in exported! })
        synth.trainingOutcome = outcome
        return synth
    }

    /// Windows computed together, in groups aligned to multiples of this (window numbers from 0): window i is the
    /// same whether it is sampled alone, with others, or by a shard (``Shard/range(of:first:group:)``).
    public static let generationGroup = 256

    /// A copy of `source`'s current weights.
    private static func copy(_ source: SeriesGenerator, description: SeriesModelDescription) -> SeriesGenerator {
        var g = SeededGenerator(seed: 0)
        let copy = try! SeriesGenerator(description.model, using: &g)
        try! copy.loadStateDict(Dictionary(uniqueKeysWithValues: source.stateDict().map { ($0.name, $0.tensor.copied()) }))
        copy.eval()
        return copy
    }

    // MARK: - Data

    struct Prepared {
        var description: SeriesModelDescription
        /// The training windows in scaled units.
        var scaledData: SeriesArray
        /// `[N, C, T]`.
        var windows: Tensor
        var labels: [Int]?
    }

    /// Checks and scales the training data, and fixes the model's shape from it.
    static func prepare(_ data: SeriesArray, options: SeriesSynthesizerOptions) throws -> Prepared {
        guard data.count >= 2 else { throw SeriesSynthesisError.tooFewWindows(count: data.count) }
        try data.checkFinite()
        var classes: [String] = [], counts: [Int] = [], indices: [Int]?
        if options.conditional, let labels = data.labels {
            classes = Array(Set(labels)).sorted()
            let position = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
            indices = labels.map { position[$0]! }
            counts = [Int](repeating: 0, count: classes.count)
            for i in indices! { counts[i] += 1 }
            if let small = counts.indices.first(where: { counts[$0] < 2 }) {
                throw SeriesError.labelTooSmall(
                    label: classes[small], members: counts[small], needed: 2, operation: "conditional training")
            }
        }
        let scaler = try SeriesScaler(fitting: data, kind: options.scaling)
        let scaled = try scaler.transform(data)
        var model = options.model
        model.length = data.length
        model.features = data.features
        model.labelCount = classes.count
        model.output = options.scaling == .minMax ? .sigmoid : .linear
        try model.validate()
        let description = SeriesModelDescription(
            model: model, scaler: scaler, featureNames: data.featureNames, labels: classes, labelCounts: counts,
            labelName: classes.isEmpty ? nil : data.labelName, trainingWindows: data.count)
        let windows = try Tensor(shape: [data.count, data.features, data.length], values: scaled.channelsFirst())
        return Prepared(description: description, scaledData: scaled, windows: windows, labels: indices)
    }

    /// An evenly spread subset of `count` windows (all when fewer).
    static func referenceWindows(_ data: SeriesArray, count: Int) -> SeriesArray {
        guard count > 0, data.count > count else { return data }
        return data.selecting((0..<count).map { $0 * data.count / count })
    }

    private func checkpointMetrics(reference: SeriesArray, count: Int) throws -> [String: Double] {
        guard count > 0 else { return [:] }
        let description = trained
        let n = reference.count
        let labels = description.labels.isEmpty ? nil : (0..<n).map { description.labelIndex(forSample: $0, seed: 0) }
        let fake = try reference.replacing(
            channelsFirst: try generate(generator, indices: 0..<n, labels: labels, seed: 0).scalars, count: n)
        return ["acf_distance": try autocorrelationDistance(real: reference, synthetic: fake),
                "marginal_ks": try marginalKolmogorovSmirnov(real: reference, synthetic: fake).reduce(0, +) / Double(fake.features)]
    }

    // MARK: - Sampling

    /// `count` new windows in the data's units: ``sample(count:seed:label:first:)`` without a label.
    public func sample(count: Int, seed: UInt64) throws -> SeriesArray {
        try sample(count: count, seed: seed, label: nil)
    }

    /// `count` new windows in the data's units. Window i depends only on (model, `seed`, i). With `label`, every
    /// window is of that class; otherwise classes follow their training proportions. `first` is the index of the
    /// first window (windows `first..<first + count` of a longer sample, as one shard of it writes them; their ids
    /// are `synthetic-i`).
    public func sample(count: Int, seed: UInt64 = 0, label: String? = nil, first: Int = 0) throws -> SeriesArray {
        let description = trained
        guard count >= 0, CheckedSize.elements([count, description.model.length, description.model.features]) != nil else {
            let most = CheckedSize.maximumElements / (description.model.length * description.model.features)
            throw SeriesSynthesisError.invalidOption("cannot sample \(count) windows; ask for 0 to \(most) at a time")
        }
        guard first >= 0, CheckedSize.sum([first, count]) != nil else {
            throw SeriesSynthesisError.invalidOption("cannot sample from window \(first); the first window is 0 or later")
        }
        let indices = first..<first + count
        var labels: [Int]?
        if let label {
            guard let index = description.labels.firstIndex(of: label) else {
                throw SeriesSynthesisError.unknownLabel(label, known: description.labels)
            }
            labels = Array(repeating: index, count: count)
        } else if !description.labels.isEmpty {
            labels = indices.map { description.labelIndex(forSample: $0, seed: seed) }
        }
        let values = try generate(generator, indices: indices, labels: labels, seed: seed).scalars
        let template = try SeriesArray(
            count: 0, length: description.model.length, features: description.model.features, values: [],
            featureNames: description.featureNames, labelName: description.labelName)
        var out = try description.scaler.inverse(try template.replacing(channelsFirst: values, count: count))
        out.ids = indices.map { "synthetic-\($0)" }
        out.labels = labels.map { $0.map { description.labels[$0] } }
        return out
    }

    /// Generator outputs `[indices.count, C, T]` (scaled units) in generation groups; the latent of window i from
    /// stream i of `seed`; `labels[k]` is the class of window `indices.lowerBound + k`.
    private func generate(_ generator: SeriesGenerator, indices: Range<Int>, labels: [Int]?, seed: UInt64) throws
        -> Tensor {
        var parts: [Tensor] = []
        try GradientRecording.disabled {
            for group in Shard.groups(indices, size: Self.generationGroup) {
                let latents = group.map { i -> Tensor in
                    var g = SeededGenerator(seed: seed, stream: [i])
                    return generator.latent(count: 1, using: &g)
                }
                let range = (group.lowerBound - indices.lowerBound)..<(group.upperBound - indices.lowerBound)
                parts.append(try generator(Tensor.concatenated(latents, axis: 0), labels: labels.map { Array($0[range]) }))
            }
        }
        let c = generator.config
        return parts.isEmpty ? Tensor.zeros([0, c.features, c.length]) : Tensor.concatenated(parts, axis: 0)
    }
}

extension SeriesModelDescription {
    /// The class of unlabelled sample i: drawn in proportion to the training counts from its own stream of `seed`.
    func labelIndex(forSample i: Int, seed: UInt64) -> Int {
        var g = SeededGenerator(seed: seed, stream: [i, 0x1ABE1])
        var r = g.int(below: labelCounts.reduce(0, +))
        for (k, c) in labelCounts.enumerated() {
            if r < c { return k }
            r -= c
        }
        return labelCounts.count - 1
    }

    /// What differs from `other`, for messages.
    func mismatch(_ other: SeriesModelDescription) -> String {
        if model.length != other.model.length || model.features != other.model.features {
            return "the run has windows of \(model.length) steps × \(model.features) features, the data "
                + "\(other.model.length) × \(other.model.features)"
        }
        if labels != other.labels { return "the run has labels [\(labels.joined(separator: ", "))], the data [\(other.labels.joined(separator: ", "))]" }
        if featureNames != other.featureNames { return "the feature names differ" }
        return "the run was trained on \(trainingWindows) windows with other values; the data has \(other.trainingWindows)"
    }
}
