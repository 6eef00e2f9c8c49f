import ArgumentParser
import SwiftGAN

/// `swiftgan table train --data in.csv --out RUN …`
struct TableTrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a CTGAN-class generator on a CSV table.",
        discussion: """
            Numeric columns get CTGAN's mode-specific normalisation, discrete columns a one-hot and a place in the \
            conditional vector (training-by-sampling). Training prints a progress line, checkpoints into --out \
            (Ctrl-C stops cleanly after a checkpoint; --resume continues) and finally writes \
            --out/model.safetensors, which holds the fitted transform too, for `swiftgan table sample`. Without \
            --epochs the budget follows the table size (at least 300 epochs and 5000 steps). --target names the \
            column to condition on preferentially, e.g. the class of a downstream task. --preset ctgan gives \
            CTGAN 0.12's defaults (batch 500, 300 epochs, no EMA).
            """)

    @OptionGroup var common: TrainRunOptions
    @Option(help: "Passes over the data (default: by table size).") var epochs: Int?
    @Option(help: "Column to condition on preferentially (e.g. a class label).") var target: String?
    @Option(help: "Rows per batch (a multiple of --pac).") var batch: Int?
    @Option(help: "Rows the critic judges together.") var pac: Int?
    @Option(help: "Decay of the generator's weight average used for sampling (0 = off).") var ema: Float?
    @Option(help: "Learning rate of both optimizers.") var learningRate: Float?
    @Option(help: "Critic updates per generator update.") var criticSteps: Int?
    @Option(help: "Training threads (default 1: the networks' matrices are small; 0 = all cores).") var threads: Int?
    @Option(help: "Settings preset: ctgan for CTGAN 0.12's defaults.") var preset: TablePreset?
    @OptionGroup var csv: TableCSVOptions

    func run() throws {
        let table = try csv.read(common.data)
        let runURL = common.runURL
        let synth: TableSynthesizer
        if common.resume {
            var budget: TrainingBudget?
            if let epochs {
                var stored = try TableSynthesizer.storedOptions(in: runURL)
                stored.epochs = epochs
                budget = .steps(stored.steps(rows: table.rowCount))
            }
            synth = try TableSynthesizer.resume(runDirectory: runURL, data: table, budget: budget)
        } else {
            var o = preset == .ctgan ? TableTrainingOptions.ctgan : TableTrainingOptions()
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
            o.discrete = try Array(csv.csvOptions().discrete).sorted()
            o.training.seed = common.seed
            synth = try TableSynthesizer.fit(table, options: o, runDirectory: runURL)
        }
        var line = "model written to \(runURL.appendingPathComponent(TableSynthesizer.modelFileName).path)"
        if let quality = MetricsLog.lastValue(of: "quality", runDirectory: runURL) {
            line += String(format: " (quality of 1000 sampled rows: %.3f)", quality)
        }
        print(line + "; columns: \(synth.columnNames.count)")
    }
}
