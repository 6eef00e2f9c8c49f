import ArgumentParser
import SwiftGAN

/// `swiftgan table train --data in.csv --out RUN …`
struct TableTrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a CTGAN-class generator on a CSV table.",
        discussion: """
            Numeric columns get CTGAN's mode-specific normalisation, discrete columns a one-hot and a place in the \
            conditional vector (training-by-sampling); the critic also sees the value each numeric column encodes. \
            Training prints a progress line, checkpoints into --out \
            (Ctrl-C stops cleanly after a checkpoint; --resume continues) and finally writes \
            --out/model.safetensors, which holds the fitted transform too, for `swiftgan table sample`. Without \
            --epochs training runs at least 5000 steps, then stops when the quality estimate (shown on the \
            progress line, taken every 500 steps) has not improved for 4 estimates, after 300 epochs, or after 10 \
            minutes. From 20 000 rows it trains batches of 500 on all cores with a generator of 128 × 2 and pac \
            groups of 2, at learning rates of 5e-4 (generator) and 1e-3 (critic), at least 4500 steps, with an estimate every 200, and stops when means of 3 estimates have not improved for 4. \
            --target names the column to condition on preferentially, e.g. the class of a downstream \
            task. Columns that look like row ids or constants are reported; --id keeps such a column as row \
            numbers without modelling it, --drop leaves a column out. --preset ctgan gives CTGAN 0.12's defaults \
            (its critic, batch 500, 300 epochs, no EMA).
            """)

    @OptionGroup var common: TrainRunOptions
    @Option(help: "Passes over the data (replaces the automatic budget).") var epochs: Int?
    @Option(help: "Minutes of training (replaces the automatic budget; with --epochs, whichever comes first).")
    var minutes: Double?
    @Option(help: "Column to condition on preferentially (e.g. a class label).") var target: String?
    @Option(help: "Rows per batch (a multiple of --pac; default: 100, 500 from 20 000 rows).") var batch: Int?
    @Option(help: "Rows the critic judges together (default: 10, 2 from 20 000 rows).") var pac: Int?
    @Option(help: "Decay of the generator's weight average used for sampling (0 = off).") var ema: Float?
    @Option(help: "Learning rate of both optimizers (default: 2e-4; from 20 000 rows 5e-4 for the generator, 1e-3 for the critic).") var learningRate: Float?
    @Option(help: "Critic updates per generator update.") var criticSteps: Int?
    @Option(help: "Training threads (0 = all cores; default: 1, all cores from 20 000 rows).") var threads: Int?
    @Option(help: "Settings preset: ctgan for CTGAN 0.12's defaults.") var preset: TablePreset?
    @Option(help: ArgumentHelp("A JSON file of training options that replace the defaults' (after --preset, before the other flags).",
                               discussion: "Keys are those of TableTrainingOptions, e.g. {\"targetShare\": 0.8, \"largeTables\": {\"learningRate\": 1e-3}, \"model\": {\"targetClassifierWeight\": 0.2}}."))
    var options: String?
    @OptionGroup var columns: TableColumnChoices
    @OptionGroup var csv: TableCSVOptions

    func run() throws {
        let table = try csv.read(common.data)
        let runURL = common.runURL
        let synth: TableSynthesizer
        if let minutes, !(minutes > 0 && minutes.isFinite) {
            throw ValidationError("--minutes must be a positive number, got \(minutes)")
        }
        if common.resume {
            var budget: TrainingBudget?
            if epochs != nil || minutes != nil {
                var stored = try TableSynthesizer.storedOptions(in: runURL)
                stored.epochs = epochs
                budget = TrainingBudget(steps: epochs.map { _ in stored.steps(rows: table.rowCount) },
                                        seconds: minutes.map { $0 * 60 })
            }
            synth = try TableSynthesizer.resume(runDirectory: runURL, data: table, budget: budget)
        } else {
            var o = try overridden(preset == .ctgan ? TableTrainingOptions.ctgan : TableTrainingOptions(), by: options)
                .adapted(toRows: table.rowCount)
            if let epochs { o.epochs = epochs }
            if let batch { o.batchSize = batch }
            if let pac { o.model.pac = pac }
            if let ema { o.training.emaDecay = ema }
            if let learningRate {
                o.training.generatorOptimizer.learningRate = learningRate
                o.training.criticOptimizer.learningRate = learningRate
            }
            if let criticSteps { o.training.criticSteps = criticSteps }
            if let threads { o.threads = threads == 0 ? nil : threads }
            o.target = target
            o.identifiers = columns.identifiers
            o.drop = columns.dropped
            o.discrete = try Array(csv.csvOptions().discrete).sorted()
            o.training.seed = common.seed
            var budget: TrainingBudget?
            if let minutes {
                budget = TrainingBudget(steps: epochs.map { _ in o.steps(rows: table.rowCount) }, seconds: minutes * 60)
            }
            synth = try TableSynthesizer.fit(table, options: o, runDirectory: runURL, budget: budget)
        }
        if let outcome = synth.trainingOutcome {
            print("trained \(outcome.step) steps in \(String(format: "%.1f", outcome.elapsedSeconds)) s "
                + "(\(outcome.status.summary))")
        }
        var line = "model written to \(runURL.appendingPathComponent(TableSynthesizer.modelFileName).path)"
        if let quality = MetricsLog.lastValue(of: "quality", runDirectory: runURL) {
            line += String(format: " (quality of 1000 sampled rows: %.3f)", quality)
        }
        print(line + "; columns: \(synth.columnNames.count)")
    }
}
