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
    /// Whether training ends when the quality estimate stops improving (the automatic budget).
    var stopsOnPlateau: Bool

    init(options: TableTrainingOptions, model: TableModelConfig, transformer: DataTransformer, data: TableFingerprint,
         stopsOnPlateau: Bool) {
        self.options = options
        self.model = model
        self.transformer = transformer
        self.data = data
        self.stopsOnPlateau = stopsOnPlateau
    }

    /// Decodes a record; runs started before the quality plateau existed do not stop on one.
    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        options = try c.decode(TableTrainingOptions.self, forKey: .options)
        model = try c.decode(TableModelConfig.self, forKey: .model)
        transformer = try c.decode(DataTransformer.self, forKey: .transformer)
        data = try c.decode(TableFingerprint.self, forKey: .data)
        stopsOnPlateau = try c.decode(.stopsOnPlateau, default: false)
    }
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
    /// A table of `options.largeTables.fromRows` rows or more trains with that recipe (``TableTrainingOptions/adapted(toRows:)``).
    /// Columns named in `options.identifiers` or `options.drop` are left out of the model. Columns that look like
    /// row identifiers or constants but are not named there are modelled, with a note on `progress`
    /// (``columnNotes(_:options:)``).
    ///
    /// At the end the generator's averaged weights (when `options.training.emaDecay` > 0) are exported with batch-norm
    /// statistics re-estimated for them. Every `options.qualityEvery` steps and at each checkpoint, the line of
    /// `metrics.jsonl` carries SDMetrics' quality figures (`quality`, `column_shapes`,
    /// `pair_trends`, all pairs) of 1000 rows sampled that way against at most 10 000 of the table's rows.
    public static func fit(
        _ table: Table, options: TableTrainingOptions = TableTrainingOptions(), runDirectory: URL? = nil,
        budget: TrainingBudget? = nil, progress: ProgressDisplay? = .standardOutput(),
        onLog: ((TrainingLog) -> Void)? = nil
    ) throws -> TableSynthesizer {
        let started = DispatchTime.now().uptimeNanoseconds
        try options.validate()
        try BLAS.load()
        let full = table
        let table = try modelled(full, options: options)
        for note in columnNotes(full, options: options) { progress?.note(note) }
        var options = options.adapted(toRows: table.rowCount)
        options.discrete = try discreteColumns(table, options: options)
        let seed = options.training.seed
        var fitRandom = SeededGenerator(seed: seed, stream: [200])
        let transformer = try DataTransformer.fit(table, discrete: Set(options.discrete), options: options.transform,
                                                  using: &fitRandom)
        var gan = options.model
        gan.spans = TableModelConfig.spans(of: transformer)
        gan.conditionWidth = transformer.conditionWidth
        let target = options.target.flatMap { t in transformer.discreteColumns.contains { $0.name == t } ? t : nil }
        let identifiers = options.identifiers.map { name in
            TableModelConfig.IdentifierColumn(name: name, position: full.columnNames.filter {
                !options.drop.contains($0) }.firstIndex(of: name)!)
        }.sorted { $0.position < $1.position }
        let model = TableModelConfig(
            gan: gan, target: target,
            conditionColumnWeights: TableConditioning.columnWeights(
                transformer.discreteColumns, target: target, targetShare: options.targetShare),
            identifiers: identifiers)
        options.training.batchSize = options.batchSize / gan.pac
        options.training.maxSteps = options.steps(rows: table.rowCount)
        if options.epochs == nil, budget == nil, let cap = options.maximumMinutes {
            // The cap counts from the start of `fit`: fitting the transform is part of the user's wait.
            let spent = Double(DispatchTime.now().uptimeNanoseconds - started) / 6e10
            options.training.maxMinutes = Swift.max(cap - spent, cap / 10)
        }
        options.training = try SynthesizerRun.config(options.training, budget: budget,
                                                     invalid: TableSynthesisError.invalidOption)
        let record = TableRunRecord(options: options, model: model, transformer: transformer,
                                    data: TableFingerprint(full), stopsOnPlateau: options.epochs == nil && budget == nil)

        let (run, temporary) = SynthesizerRun.directory(runDirectory, kind: "table")
        defer { if temporary { try? FileManager.default.removeItem(at: run) } }
        let problem = try makeProblem(record, table: table)
        let trainer = try GANTrainer(problem: problem, config: options.training, runDirectory: run,
                                     domainConfig: try JSONEncoder().encode(record))
        return try train(trainer, record: record, table: table, progress: progress, onLog: onLog)
    }

    /// What to tell the user about `table`'s columns before training with `options`: the columns that look like row
    /// identifiers or constants and are modelled all the same, with what to do about them.
    public static func columnNotes(_ table: Table, options: TableTrainingOptions) -> [String] {
        let excluded = Set(options.identifiers + options.drop)
        return table.suspiciousColumns().filter { !excluded.contains($0.column) }.map { finding in
            switch finding.kind {
            case .identifier:
                return "note: \(finding); it is modelled like any other column (--id \(finding.column) keeps it as "
                    + "row numbers, --drop \(finding.column) leaves it out)"
            case .constant:
                return "note: \(finding); it is modelled like any other column (--drop \(finding.column) leaves it out)"
            }
        }
    }

    /// `table` without the identifier and dropped columns of `options`.
    static func modelled(_ table: Table, options: TableTrainingOptions) throws -> Table {
        let modelled = try table.removing(columns: options.identifiers + options.drop)
        guard !modelled.columns.isEmpty else {
            throw TableSynthesisError.invalidOption("no column is left to model once --id and --drop columns are removed")
        }
        return modelled
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
        let modelled = try modelled(table, options: record.options)
        var resumed = record
        if budget != nil { resumed.stopsOnPlateau = false }
        let trainer = try GANTrainer.resume(from: runDirectory, problem: try makeProblem(record, table: modelled),
                                            config: config)
        return try train(trainer, record: resumed, table: modelled, progress: progress, onLog: onLog)
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

    /// Rows of the real table the quality estimate compares with (a fixed sample of larger tables).
    static let qualityReferenceRows = 10_000

    private static func train(
        _ trainer: GANTrainer<TableGANProblem>, record: TableRunRecord, table: Table, progress: ProgressDisplay?,
        onLog: ((TrainingLog) -> Void)?
    ) throws -> TableSynthesizer {
        let threads = record.options.threads
        let before = Threads.count
        if let threads { Threads.set(threads) }
        defer { if threads != nil { Threads.set(before) } }
        let synth = trainer.problem.synthesizer
        let seed = trainer.config.seed
        var sampler = SeededGenerator(seed: seed, stream: [202])
        let reference = table.rowCount <= qualityReferenceRows ? table
            : table.selecting(rows: Array((0..<table.rowCount).shuffled(using: &sampler).prefix(qualityReferenceRows)))
        let options = record.options
        // Only the estimates every `qualityEvery` steps count towards the plateau: those that time-based
        // checkpoints add fall at steps that depend on the machine's speed, and would make the stopping step do so.
        let scheduled = { (step: Int) in step % options.qualityEvery == 0 }
        var estimates: [(step: Int, quality: Double)] = MetricsLog.read(runDirectory: trainer.runDirectory)
            .compactMap { line in
                guard let step = line["step"].map(Int.init), step <= trainer.step, scheduled(step), let q = line["quality"] else { return nil }
                return (step, q)
            }
        // The automatic budget: at each plateau the learning rates drop, until `learningRateDrops` drops are done
        // and the next plateau stops the run. Replayed from the stored estimates when a run resumes.
        let plateaus = {
            options.qualityPlateau.phases(of: estimates.map(\.quality)) { estimates[$0].step >= options.minimumSteps }
                .plateaus
        }
        let scale = { (plateaus: Int) in
            Float(pow(Double(options.learningRateDropFactor), Double(min(plateaus, options.learningRateDrops))))
        }
        if record.stopsOnPlateau { trainer.learningRateScale = scale(plateaus()) }
        trainer.evaluateEverySteps = options.qualityEvery
        trainer.progressMetrics = ["quality"]
        trainer.onCheckpoint = { step, t in
            let figures = try t.withAveragedGenerator {
                let rows = try synth.withRecalibratedNormalization(seed: seed) { try synth.sample(count: 1000, seed: seed) }
                let report = try TableQualityReport(real: reference,
                                                    synthetic: rows.removing(columns: options.identifiers))
                return ["quality": report.overall ?? .nan, "column_shapes": report.columnShapes ?? .nan,
                        "pair_trends": report.columnPairTrends ?? .nan]
            }
            guard scheduled(step), record.stopsOnPlateau else { return figures }
            estimates.append((step, figures["quality"]!))
            let reached = plateaus()
            if reached > options.learningRateDrops {
                t.finishEarly()
            } else {
                t.learningRateScale = scale(reached)
            }
            return figures
        }
        let (outcome, trained) = try SynthesizerRun.run(trainer, progress: progress, onLog: onLog, export: { file in
            try synth.recalibrateNormalization(seed: seed)
            try synth.save(to: file)
        }, load: load(from:))
        trained.trainingOutcome = outcome
        return trained
    }
}
