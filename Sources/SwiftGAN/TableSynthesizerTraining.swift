import Evaluation
import Foundation
import Models
import Tabular
import TensorCore
import Training

/// What a table run directory stores about its domain (in `config.json` and every checkpoint): the options, the
/// fitted transform, the model configuration and a fingerprint of the training table, so a resumed run rebuilds
/// exactly the same problem and refuses other data.
struct TableRunRecord: Codable, Equatable {
    var options: TableTrainingOptions
    var model: TableModelConfig
    var transformer: DataTransformer
    var data: TableFingerprint
}

/// Rows, column names and kinds, and a hash of every cell's text.
struct TableFingerprint: Codable, Equatable {
    var rows: Int
    var columns: [String]
    var kinds: [ColumnKind]
    var hash: String

    init(_ table: Table) {
        rows = table.rowCount
        columns = table.columnNames
        kinds = table.columns.map(\.kind)
        var h: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a
        for column in table.columns {
            for i in 0..<table.rowCount {
                for byte in column.text(i).utf8 + [0x1F] { h = (h ^ UInt64(byte)) &* 0x100_0000_01B3 }
            }
        }
        hash = String(h, radix: 16)
    }
}

extension TableSynthesizer {
    /// Fits the transform and trains the GAN on `table`, writing checkpoints, `metrics.jsonl` and finally
    /// `model.safetensors` into `runDirectory` (a temporary folder, removed afterwards, when nil). `budget` replaces
    /// the options' epoch budget when given.
    ///
    /// At the end the generator's averaged weights (when `options.training.emaDecay` > 0) are exported with batch-norm
    /// statistics re-estimated for them. Each checkpoint's line of `metrics.jsonl` carries SDMetrics' quality figures
    /// (`quality`, `column_shapes`, `pair_trends`, all pairs) of 1000 rows sampled that way against `table`.
    public static func fit(
        _ table: Table, options: TableTrainingOptions = TableTrainingOptions(), runDirectory: URL? = nil,
        budget: TrainingBudget? = nil, progress: ProgressDisplay? = .standardOutput(),
        onLog: ((TrainingLog) -> Void)? = nil
    ) throws -> TableSynthesizer {
        try options.validate()
        try BLAS.load()
        var options = options
        options.discrete = try discreteColumns(table, options: options)
        let seed = options.training.seed
        var fitRandom = SeededGenerator(seed: seed, stream: [200])
        let transformer = try DataTransformer.fit(table, discrete: Set(options.discrete), options: options.transform,
                                                  using: &fitRandom)
        var gan = options.model
        gan.spans = TableModelConfig.spans(of: transformer)
        gan.conditionWidth = transformer.conditionWidth
        let target = options.target.flatMap { t in transformer.discreteColumns.contains { $0.name == t } ? t : nil }
        let model = TableModelConfig(
            gan: gan, target: target,
            conditionColumnWeights: TableConditioning.columnWeights(
                transformer.discreteColumns, target: target, targetShare: options.targetShare))
        options.training.batchSize = options.batchSize / gan.pac
        options.training.maxSteps = options.steps(rows: table.rowCount)
        options.training = try SynthesizerRun.config(options.training, budget: budget,
                                                     invalid: TableSynthesisError.invalidOption)
        let record = TableRunRecord(options: options, model: model, transformer: transformer,
                                    data: TableFingerprint(table))

        let (run, temporary) = SynthesizerRun.directory(runDirectory, kind: "table")
        defer { if temporary { try? FileManager.default.removeItem(at: run) } }
        let problem = try makeProblem(record, table: table)
        let trainer = try GANTrainer(problem: problem, config: options.training, runDirectory: run,
                                     domainConfig: try JSONEncoder().encode(record))
        return try train(trainer, table: table, threads: options.threads, progress: progress, onLog: onLog)
    }

    /// Continues the run in `runDirectory` from its last checkpoint on the same table (`data`); `budget` replaces
    /// the stored budget when given (``TableTrainingOptions/steps(rows:)`` turns epochs into steps).
    public static func resume(
        runDirectory: URL, data table: Table, budget: TrainingBudget? = nil,
        progress: ProgressDisplay? = .standardOutput(), onLog: ((TrainingLog) -> Void)? = nil
    ) throws -> TableSynthesizer {
        try BLAS.load()
        let (training, record) = try SynthesizerRun.stored(
            TableGANProblem.self, in: runDirectory, kind: "a table",
            decode: { try JSONDecoder().decode(TableRunRecord.self, from: $0) }, notAModel: TableSynthesisError.notAModel)
        guard TableFingerprint(table) == record.data else {
            throw TableSynthesisError.notAModel(
                "the data differs from the table the run in \(runDirectory.path) was started on "
                    + "(\(record.data.rows) rows, columns \(record.data.columns.joined(separator: ", "))); "
                    + "resume with the same file and options")
        }
        let config = try SynthesizerRun.config(training, budget: budget, invalid: TableSynthesisError.invalidOption)
        let trainer = try GANTrainer.resume(from: runDirectory, problem: try makeProblem(record, table: table),
                                            config: config)
        return try train(trainer, table: table, threads: record.options.threads, progress: progress, onLog: onLog)
    }

    /// The training options a run directory was started with (to read its data the same way on resume).
    public static func storedOptions(in runDirectory: URL) throws -> TableTrainingOptions {
        try storedRecord(in: runDirectory).options
    }

    static func storedRecord(in runDirectory: URL) throws -> TableRunRecord {
        try SynthesizerRun.stored(
            TableGANProblem.self, in: runDirectory, kind: "a table",
            decode: { try JSONDecoder().decode(TableRunRecord.self, from: $0) }, notAModel: TableSynthesisError.notAModel
        ).record
    }

    /// The discrete columns to model: those asked for, plus a whole-number target with at most 50 values.
    static func discreteColumns(_ table: Table, options: TableTrainingOptions) throws -> [String] {
        var names = options.discrete
        for name in names + (options.target.map { [$0] } ?? []) { _ = try table.index(of: name) }
        if let t = options.target, !names.contains(t) {
            let column = try table.column(t)
            let levels = Set((0..<column.count).filter { !column.isMissing($0) }.map { column.text($0) })
            if column.kind == .integer && levels.count <= Oversampler.maxNumericClasses { names.append(t) }
        }
        return names
    }

    static func makeProblem(_ record: TableRunRecord, table: Table) throws -> TableGANProblem {
        var transformRandom = SeededGenerator(seed: record.options.training.seed, stream: [201])
        let data = try record.transformer.transform(table, using: &transformRandom)
        return try TableGANProblem(config: record.model, transformer: record.transformer, table: table, data: data,
                                   seed: record.options.training.seed)
    }

    private static func train(
        _ trainer: GANTrainer<TableGANProblem>, table: Table, threads: Int?, progress: ProgressDisplay?,
        onLog: ((TrainingLog) -> Void)?
    ) throws -> TableSynthesizer {
        let before = Threads.count
        if let threads { Threads.set(threads) }
        defer { if threads != nil { Threads.set(before) } }
        let synth = trainer.problem.synthesizer
        let seed = trainer.config.seed
        trainer.onCheckpoint = { _, t in
            try t.withAveragedGenerator {
                let rows = try synth.withRecalibratedNormalization(seed: seed) { try synth.sample(count: 1000, seed: seed) }
                let report = try TableQualityReport(real: table, synthetic: rows)
                return ["quality": report.overall ?? .nan, "column_shapes": report.columnShapes ?? .nan,
                        "pair_trends": report.columnPairTrends ?? .nan]
            }
        }
        let outcome = try SynthesizerRun.run(trainer, progress: progress, onLog: onLog) { file in
            try synth.recalibrateNormalization(seed: seed)
            try synth.save(to: file)
        }
        let trained = try load(from: trainer.runDirectory.appendingPathComponent(modelFileName))
        trained.trainingOutcome = outcome
        return trained
    }
}
