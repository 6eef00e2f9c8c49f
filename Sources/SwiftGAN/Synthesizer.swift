import Foundation
import Models
import NN
import TensorCore
import Training

/// The shape the three synthesizers share (``AudioSynthesizer``, ``TableSynthesizer``, ``SeriesSynthesizer``):
/// a static `fit` that trains in a run directory and returns the trained synthesizer, a static `resume` that continues
/// such a run from its last checkpoint, `sample` for new data, and `save` / `load` for self-contained model files.
///
/// ```swift
/// func trainAndKeep<S: Synthesizer>(_ type: S.Type, on data: S.TrainingData, options: S.Options, to file: URL)
///     throws -> S.Samples
/// {
///     let synth = try S.fit(data, options: options, runDirectory: nil, budget: .minutes(5), progress: nil, onLog: nil)
///     try synth.save(to: file)
///     return try S.load(from: file).sample(count: 10, seed: 1)
/// }
/// ```
///
/// Every method throws its domain's `*SynthesisError` for problems of the domain (`AudioSynthesisError`,
/// `TableSynthesisError`, `SeriesSynthesisError`), and the lower layers' errors (`TrainingError`, `TableError`, …)
/// as they are.
public protocol Synthesizer: AnyObject {
    /// What the synthesizer learns from: ``AudioTrainingData``, `Table` or `SeriesArray`.
    associatedtype TrainingData
    /// How to build and train the model: `AudioTrainingOptions`, `TableTrainingOptions`, `SeriesSynthesizerOptions`.
    associatedtype Options
    /// What `sample` returns: clips `Tensor [count, channels, samples]`, a `Table` of `count` rows, or a
    /// `SeriesArray` of `count` windows.
    associatedtype Samples

    /// Trains on `data` in `runDirectory` (checkpoints, `metrics.jsonl`, finally `model.safetensors`; a temporary
    /// folder, removed afterwards, when nil) and returns the exported model. `budget` replaces the options' budget
    /// when given.
    static func fit(_ data: TrainingData, options: Options, runDirectory: URL?, budget: TrainingBudget?,
                    progress: ProgressDisplay?, onLog: ((TrainingLog) -> Void)?) throws -> Self

    /// Continues the run in `runDirectory` from its newest checkpoint, on the data it was started with, exactly as
    /// the uninterrupted run would have gone on. `budget` replaces the stored budget when given (counted from the
    /// start of the run: `.steps(6000)` trains to step 6000).
    static func resume(runDirectory: URL, data: TrainingData, budget: TrainingBudget?, progress: ProgressDisplay?,
                       onLog: ((TrainingLog) -> Void)?) throws -> Self

    /// `count` new samples; sample i depends only on (model, `seed`, i).
    func sample(count: Int, seed: UInt64) throws -> Samples

    /// Writes the model as one self-contained safetensors file, atomically.
    func save(to url: URL) throws

    /// A model file written by `save`, or the model of a run directory.
    static func load(from url: URL) throws -> Self

    /// How the training that made this synthesizer ended (steps, time, why); nil for one loaded from a file.
    var trainingOutcome: TrainingOutcome? { get }
}

/// How long a run trains: generator updates, wall-clock time, or both (whichever is reached first). Both count from
/// the start of the run, over all resumed sessions. `fit` and `resume` of every synthesizer take one.
///
/// ```swift
/// let quick = TrainingBudget.steps(500)
/// let overnight = TrainingBudget.minutes(8 * 60)
/// let either = TrainingBudget(steps: 3000, seconds: 210)   // whichever comes first
/// ```
public struct TrainingBudget: Codable, Equatable, Sendable, CustomStringConvertible {
    /// Generator updates (nil: no step limit).
    public var steps: Int?
    /// Wall-clock seconds (nil: no time limit).
    public var seconds: Double?

    /// A budget of `steps` generator updates and/or `seconds` of wall time; give at least one.
    public init(steps: Int? = nil, seconds: Double? = nil) {
        self.steps = steps
        self.seconds = seconds
    }

    /// `count` generator updates, however long they take.
    public static func steps(_ count: Int) -> TrainingBudget { TrainingBudget(steps: count) }
    /// `seconds` of wall time, however many steps fit.
    public static func seconds(_ seconds: Double) -> TrainingBudget { TrainingBudget(seconds: seconds) }
    /// `minutes` of wall time, however many steps fit.
    public static func minutes(_ minutes: Double) -> TrainingBudget { TrainingBudget(seconds: minutes * 60) }

    /// The budget a training configuration holds.
    public init(_ config: GANTrainingConfig) {
        self.init(steps: config.maxSteps, seconds: config.maxMinutes.map { $0 * 60 })
    }

    /// What is wrong with this budget, or nil.
    public var problem: String? {
        if steps == nil && seconds == nil { return "a training budget needs steps, seconds or both" }
        if let steps, steps < 0 { return "a training budget cannot have \(steps) steps" }
        if let seconds, !(seconds > 0 && seconds.isFinite) {
            return "a training budget's time must be a positive number of seconds, not \(seconds)"
        }
        return nil
    }

    public var description: String {
        switch (steps, seconds) {
        case let (s?, t?): return "\(s) steps or \(t) s, whichever comes first"
        case let (s?, nil): return "\(s) steps"
        case let (nil, t?): return "\(t) s"
        case (nil, nil): return "no budget"
        }
    }

    /// `config` with this budget in place of its own (a limit not given becomes none).
    func applied(to config: GANTrainingConfig) -> GANTrainingConfig {
        var c = config
        c.maxSteps = steps
        c.maxMinutes = seconds.map { $0 / 60 }
        return c
    }
}

// MARK: - The run and model-file path the synthesizers share

/// Model files and run directories as the three synthesizers write and read them: the generator's weights (PyTorch
/// names and layouts) in a safetensors file written atomically (temporary file, fsync, rename), with the model's
/// description and the SwiftGAN version in `__metadata__`; a run directory ends with one as `model.safetensors`.
enum ModelFile {
    /// The model file a run directory ends with.
    static let fileName = "model.safetensors"
    /// `__metadata__` key of the format name (`swiftgan.audio.wavegan`, …).
    static let formatKey = "format"
    /// `__metadata__` key of the SwiftGAN version that wrote the file.
    static let versionKey = "swiftgan_version"

    /// Writes `generator`'s weights with `metadata`, the format name and the version, atomically.
    static func write(_ generator: Module, format: String, metadata: [String: String], to url: URL) throws {
        var all = metadata
        all[formatKey] = format
        all[versionKey] = SwiftGANVersion.current
        try generator.save(to: url, metadata: all)
    }

    /// The model file `url` names: `url` itself, or a run directory's `model.safetensors` (nil when the directory has
    /// none yet). Loads OpenBLAS first, as every model needs it.
    static func resolve(_ url: URL, notAModel: (String) -> Error) throws -> URL? {
        try BLAS.load()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw notAModel("\(url.path): no such file or directory; give a model file or a run directory")
        }
        guard isDirectory.boolValue else { return url }
        let file = url.appendingPathComponent(fileName)
        return FileManager.default.fileExists(atPath: file.path) ? file : nil
    }

    /// The message for a run directory without a model file.
    static func notYet(_ url: URL) -> String {
        "\(url.path) has no \(fileName) yet; let training finish (or stop it with Ctrl-C) first"
    }

    /// A generator made by `make` with `tensors` loaded, after checking that the file's size fits the configuration
    /// (so a crafted file cannot ask for a huge allocation). Errors name `path`.
    static func restore<G: Module>(
        _ make: () throws -> G, expectedWeights: Int?, tensors: [String: Tensor], path: String,
        notAModel: (String) -> Error
    ) throws -> G {
        try GeneratorSize.check(expectedWeights, fileValues: tensors.values.reduce(0) { $0 + $1.count }, path: path)
        let generator: G
        do {
            generator = try make()
            try generator.loadStateDict(tensors)
        } catch {
            throw notAModel("\(path) does not match its own configuration: \(error)")
        }
        generator.eval()
        return generator
    }
}

enum SynthesizerRun {
    /// The run directory to train in: `url`, or a new temporary folder to remove afterwards.
    static func directory(_ url: URL?, kind: String) -> (url: URL, temporary: Bool) {
        if let url { return (url, false) }
        return (FileManager.default.temporaryDirectory.appendingPathComponent("swiftgan-\(kind)-\(UUID().uuidString)"),
                true)
    }

    /// The training configuration of `options` with `budget` in place of its own when given; throws `invalid` for an
    /// unusable budget.
    static func config(_ config: GANTrainingConfig, budget: TrainingBudget?, invalid: (String) -> Error) throws
        -> GANTrainingConfig
    {
        guard let budget else { return config }
        if let problem = budget.problem { throw invalid(problem) }
        return budget.applied(to: config)
    }

    /// The stored training configuration of a run and its domain record, decoded by `decode`; `notAModel` when the
    /// folder is not a run of this kind.
    static func stored<P: GANProblem, R>(
        _ problem: P.Type, in runDirectory: URL, kind: String, decode: (Data) throws -> R,
        notAModel: (String) -> Error
    ) throws -> (training: GANTrainingConfig, record: R) {
        let stored = try GANTrainer<P>.storedConfiguration(in: runDirectory)
        guard let blob = stored.domain, let record = try? decode(blob) else {
            throw notAModel("\(runDirectory.path) is not \(kind) training run")
        }
        return (stored.training, record)
    }

    /// Runs `trainer` to the end of its budget (or a stop), then, with the generator's averaged weights in place,
    /// calls `export` to write the run's model file and `load` to read it back. Process 0 of a data-parallel job
    /// writes the run's file; the others, which hold the same weights, write theirs to a temporary file (removed
    /// after `load`). Returns how the run ended and what `load` returned.
    static func run<P: GANProblem, S>(
        _ trainer: GANTrainer<P>, progress: ProgressDisplay?, onLog: ((TrainingLog) -> Void)?,
        export: (URL) throws -> Void, load: (URL) throws -> S
    ) throws -> (outcome: TrainingOutcome, model: S) {
        trainer.progress = progress
        trainer.onLog = onLog
        let outcome = try trainer.run()
        let file = trainer.leads ? trainer.runDirectory.appendingPathComponent(ModelFile.fileName)
            : FileManager.default.temporaryDirectory.appendingPathComponent("swiftgan-\(UUID().uuidString).safetensors")
        defer { if !trainer.leads { try? FileManager.default.removeItem(at: file) } }
        try trainer.withAveragedGenerator { try export(file) }
        return (outcome, try load(file))
    }
}
