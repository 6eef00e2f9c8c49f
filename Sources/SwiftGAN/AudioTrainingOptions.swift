import AudioIO
import Models
import NN
import Training

/// How to train an audio GAN: model shape, training recipe and how recordings become clips.
public struct AudioTrainingOptions: Codable, Equatable, Sendable {
    public var model: AudioModelConfig
    public var training: GANTrainingConfig
    public var clips: ClipOptions
    /// Score the generator (Fréchet distance, NDB/K, D_self, D_train against the training clips, see
    /// `AudioEvaluation`) at every `evaluateEvery`-th checkpoint and log the figures in `metrics.jsonl` (0 = never).
    /// Needs mono 16 kHz clips, the features' rate.
    public var evaluateEvery = 1
    /// Calibrate a tail gate for the exported model (see `AudioModelConfig.tailGate`); it stays off when few training
    /// clips end in silence.
    public var tailGate = true
    /// Train on each file's first slice only when the folder holds one-shot sounds (`ClipPlan.looksLikeOneShots`),
    /// whatever `clips.firstSliceOnly` says; otherwise `clips` decides.
    public var firstSliceOfOneShots = true

    /// SwiftGAN's defaults: the recipe that learns fastest on a CPU (see docs/experiments-audio.md), with the
    /// spectrogram critic beside the waveform critic at half the waveform critic's weight in the generator's loss.
    public init() {
        model = AudioModelConfig()
        model.wavegan.modelSize = 16
        model.wavegan.outputGate = .hard
        model.critics = .both
        model.spectrogram.lossWeight = 0.5
        clips = ClipOptions(padEnd: true)
        training = GANTrainingConfig()
        training.loss = .nonSaturating
        training.criticSteps = 1
        training.gradientPenaltyWeight = 0
        training.r1Gamma = 1
        training.r1Every = 4
        training.generatorOptimizer = OptimizerSettings(learningRate: 2e-4, beta1: 0.5, beta2: 0.99)
        training.criticOptimizer = OptimizerSettings(learningRate: 2e-4, beta1: 0.5, beta2: 0.99)
        training.emaDecay = 0.999
        training.batchSize = 16
        training.maxSteps = nil
        training.maxMinutes = 10
        training.checkpointEverySteps = nil
        training.checkpointEveryMinutes = 2
        training.logEvery = 50
        model.spectralTemplates.weight = 12
    }

    /// The published WaveGAN configuration: d = 64, batch 64, WGAN-GP (λ 10), 5 critic steps, Adam 1e-4 (0.5, 0.9),
    /// waveform critic only, no EMA.
    public static var paper: AudioTrainingOptions {
        var o = AudioTrainingOptions()
        o.model.wavegan.modelSize = 64
        o.model.wavegan.outputGate = .none
        o.model.critics = .wave
        o.training.loss = .wasserstein
        o.training.gradientPenaltyWeight = 10
        o.training.r1Gamma = 0
        o.training.criticSteps = 5
        o.training.generatorOptimizer = OptimizerSettings(learningRate: 1e-4, beta1: 0.5, beta2: 0.9)
        o.training.criticOptimizer = OptimizerSettings(learningRate: 1e-4, beta1: 0.5, beta2: 0.9)
        o.training.emaDecay = 0
        o.training.batchSize = 64
        o.tailGate = false
        o.model.spectralTemplates.weight = 0
        return o
    }
}
