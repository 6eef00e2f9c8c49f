import ArgumentParser
import SwiftGAN


/// `swiftgan series train`: trains the series GAN on windows of a series file; resumable.
struct SeriesTrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a GAN on multivariate time series.",
        discussion: """
            The series (cut into windows with --window L [--stride S] when they are long or of different lengths) \
            are min-max scaled per feature and a convolutional WGAN-GP is trained on them; with --label the model \
            is conditional on the class. The run directory gets config.json, metrics.jsonl, checkpoints/ and \
            model.safetensors (self-contained: weights, scaler, labels). Ctrl-C stops after the current step with \
            a checkpoint; --resume continues a run (give the same data and options). See docs/timeseries.md.
            """)

    @OptionGroup var common: TrainRunOptions
    @OptionGroup var input: SeriesInputOptions

    @Option(help: "Generator updates to train for (default: 3000, or 3.5 minutes, whichever comes first).")
    var steps: Int?
    @Option(help: "Minutes to train for, over all resumed sessions (with --steps: whichever comes first).")
    var minutes: Double?
    @Option(help: "Windows per batch.") var batchSize: Int?
    @Option(help: "Network layers: conv or gru.") var architecture: SeriesGANConfig.Architecture?
    @Option(help: "Channels (conv) or hidden units (gru) per layer.") var width: Int?
    @Option(help: "Layers in each network.") var layers: Int?
    @Option(help: "Dimension of the global latent vector.") var latent: Int?
    @Option(help: "Channels of per-step noise fed to the generator.") var noise: Int?
    @Option(help: "Convolution kernel size (odd).") var kernelSize: Int?
    @Option(help: "Per-feature scaling: minmax (sigmoid output) or standard (linear output).")
    var scaling: SeriesScaler.Kind?
    @Option(help: "Adversarial loss: wgan-gp, hinge, ns or lsgan.") var loss: GANLoss?
    @Option(help: "Critic updates per generator update.") var criticSteps: Int?
    @Option(help: "WGAN-GP weight λ (0: off).") var gradientPenalty: Float?
    @Option(help: "R1 weight γ on real data (0: off; pair with --loss ns).") var r1: Float?
    @Option(help: "Learning rate of both networks (Adam, β = 0.5, 0.9).") var learningRate: Float?
    @Option(help: "Decay of the generator's moving average used for sampling (0: off).") var ema: Float?
    @Option(help: "Checkpoint every this many steps.") var checkpointEvery: Int?
    @Flag(help: "Ignore labels: train one unconditional model.") var unconditional = false

    func run() throws {
        let (windows, _) = try input.load(common.data)
        if common.resume {
            let budget = steps != nil || minutes != nil
                ? TrainingBudget(steps: steps, seconds: minutes.map { $0 * 60 }) : nil
            report(try SeriesSynthesizer.resume(runDirectory: common.runURL, data: windows, budget: budget))
            return
        }
        report(try SeriesSynthesizer.fit(windows, options: try options(), runDirectory: common.runURL))
    }

    /// The defaults with the options given on the command line.
    func options() throws -> SeriesSynthesizerOptions {
        var o = SeriesSynthesizerOptions()
        func set<T>(_ value: T?, _ path: WritableKeyPath<SeriesSynthesizerOptions, T>) {
            if let value { o[keyPath: path] = value }
        }
        set(architecture, \.model.architecture)
        set(width, \.model.width)
        set(layers, \.model.layers)
        set(latent, \.model.latentDimension)
        set(noise, \.model.noiseChannels)
        set(kernelSize, \.model.kernelSize)
        set(scaling, \.scaling)
        set(batchSize, \.training.batchSize)
        set(loss, \.training.loss)
        set(criticSteps, \.training.criticSteps)
        set(gradientPenalty, \.training.gradientPenaltyWeight)
        set(r1, \.training.r1Gamma)
        set(learningRate, \.training.generatorOptimizer.learningRate)
        set(learningRate, \.training.criticOptimizer.learningRate)
        set(ema, \.training.emaDecay)
        set(checkpointEvery, \.training.checkpointEverySteps)
        o.training.seed = common.seed
        if steps != nil || minutes != nil {  // a budget given replaces both defaults
            o.training.maxSteps = steps
            o.training.maxMinutes = minutes
        }
        o.conditional = !unconditional
        return o
    }

    private func report(_ synthesizer: SeriesSynthesizer) {
        guard let outcome = synthesizer.trainingOutcome else { return }
        let labels = synthesizer.labels.isEmpty ? "" : ", labels: \(synthesizer.labels.joined(separator: ", "))"
        print("trained \(outcome.step) steps in \(String(format: "%.1f", outcome.elapsedSeconds)) s (\(outcome.status.summary))\(labels); "
            + "model: \(common.runURL.appendingPathComponent(SeriesSynthesizer.modelFileName).path)")
    }
}
