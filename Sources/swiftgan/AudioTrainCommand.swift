import ArgumentParser
import SwiftGAN

/// `swiftgan audio train --data DIR --out RUN …`
struct AudioTrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a WaveGAN-style generator on a folder of sounds.",
        discussion: """
            Every audio file under --data (any format libsndfile reads, any sample rate) is resampled, \
            peak-normalised and cut into clips of --slice samples (short files are zero-padded). Training runs for \
            --steps generator updates or --minutes of wall time, prints a progress line, checkpoints into --out \
            (Ctrl-C stops cleanly after a checkpoint) and finally writes --out/model.safetensors for \
            `swiftgan audio generate`. Defaults are the recipe that learns fastest on a CPU; --preset paper gives \
            the published WaveGAN configuration.
            """)

    @OptionGroup var common: TrainRunOptions
    @Option(help: "Training sample rate in Hz.") var sampleRate = 16000
    @Option(help: "Samples per clip: 4096, 8192, 16384, 32768 or 65536.") var slice = 16384
    @Option(help: "Fraction of a clip shared with the next when cutting long files, in [0, 1).") var overlap = 0.0
    @Option(help: "Model size d: channel widths are multiples of it (paper: 64; default 16).") var modelSize: Int?
    @Option(help: "Clips per batch.") var batch: Int?
    @Option(help: "Loss: wgan-gp (with a gradient penalty), hinge, ns (non-saturating) or lsgan.") var loss: GANLoss?
    @Option(help: "Critic updates per generator update.") var criticSteps: Int?
    @Option(help: "Critics: both (default; the spectrogram critic at half the waveform critic's weight), wave (WaveGAN's) or spectrogram (multi-resolution STFT).") var discriminator: AudioCritics?
    @Option(help: "Output gate: hard (default; reaches exact silence), sigmoid or none (the paper's bare tanh).")
    var outputGate: WaveGANConfig.OutputGate?
    @Option(help: "Tail gate of the exported model: auto (silence generated clips after their sound, calibrated on the data; default) or off.")
    var tailGate: TailGateSetting?
    @Flag(help: "Label clips by their first-level subfolder and train a label-conditioned model.") var conditional = false
    @Option(help: "Stop after this many generator updates.") var steps: Int?
    @Option(help: "Stop after this many minutes (default 10 when --steps is not given).") var minutes: Double?
    @Option(help: "Settings preset: paper for the published WaveGAN configuration.") var preset: AudioPreset?
    @Flag(help: "Mix every file down to mono.") var mono = false
    @Option(help: "Log quality figures (Fréchet distance, NDB/K, D_self, D_train) at every N-th checkpoint (0 = off).")
    var evalEvery = 1
    @Option(help: ArgumentHelp("A JSON file of training options that replace the defaults' (after --preset, before the other flags).",
                               discussion: "Keys are those of AudioTrainingOptions, e.g. {\"model\": {\"critics\": \"wave\"}, \"training\": {\"batchSize\": 32}}."))
    var options: String?

    func run() throws {
        let runURL = common.runURL, dataURL = URL(fileURLWithPath: common.data)
        if common.resume {
            let budget = steps != nil || minutes != nil
                ? TrainingBudget(steps: steps, seconds: minutes.map { $0 * 60 }) : nil
            let synth = try AudioSynthesizer.resume(runDirectory: runURL, data: .folder(dataURL), budget: budget)
            print("model written to \(runURL.appendingPathComponent("model.safetensors").path) "
                  + "(\(synth.sampleRate) Hz)")
            return
        }
        var o = try overridden(preset == .paper ? AudioTrainingOptions.paper : AudioTrainingOptions(), by: options)
        o.clips.sampleRate = sampleRate
        o.clips.sliceLength = slice
        o.clips.overlap = overlap
        o.clips.labels = conditional
        if mono { o.clips.channels = .mono }
        if let modelSize { o.model.wavegan.modelSize = modelSize }
        if let batch { o.training.batchSize = batch }
        if let tailGate { o.tailGate = tailGate == .auto }
        if let outputGate { o.model.wavegan.outputGate = outputGate }
        if let loss { o.training.loss = loss }  // Wasserstein brings its gradient penalty (GANTrainingConfig.loss)
        if let criticSteps { o.training.criticSteps = criticSteps }
        if let discriminator { o.model.critics = discriminator }
        if steps != nil || minutes != nil {
            o.training.maxSteps = steps
            o.training.maxMinutes = minutes
        }
        o.training.seed = common.seed
        o.evaluateEvery = evalEvery
        guard WaveGANConfig.sliceLengths.contains(slice) else {
            throw ValidationError("--slice must be one of \(WaveGANConfig.sliceLengths.map(String.init).joined(separator: ", "))")
        }
        let synth = try AudioSynthesizer.fit(folder: dataURL, options: o, runDirectory: runURL,
                                             warning: { printError("warning: \($0)") })
        print("model written to \(runURL.appendingPathComponent("model.safetensors").path) (\(synth.sampleRate) Hz"
              + (synth.labels.isEmpty ? ")" : ", labels: \(synth.labels.joined(separator: ", ")))"))
    }
}
