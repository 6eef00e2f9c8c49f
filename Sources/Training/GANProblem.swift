import NN
import TensorCore

/// A batch of training data: `data` `[B, …]` and, for conditional models, one class label per example.
public struct GANBatch {
    public var data: Tensor
    public var labels: [Int]?

    public init(data: Tensor, labels: [Int]? = nil) {
        self.data = data
        self.labels = labels
    }
}

/// What a domain (audio, tables, series) gives the trainer: its models, its data and how they connect.
///
/// The trainer owns every random stream and passes them in, so a run is a pure function of its seed and resumes
/// exactly. Implementations draw randomness only from the generators they are given (or keep extra state through
/// `checkpointState`).
///
/// In data-parallel training (`mpirun`), the trainer asks for whole batches and latents and hands `generate`,
/// `criticInput` and `score` this process's rows of them. Their per-example random draws go through
/// `BatchSplit.draw` (as dropout, phase shuffle and the gradient penalty's do) and the extra terms they return are
/// means over the examples they were given, so that the job computes what one process computes.
public protocol GANProblem {
    /// The generator; its parameters are trained by the generator optimizer and averaged by the EMA.
    var generator: Module { get }
    /// One or more critics; their losses are summed, each trained by its own Adam with `criticOptimizer`'s settings
    /// scaled by its `weighting(critic:)`.
    var critics: [Module] { get }

    /// `size` real examples, drawn from `random`.
    func realBatch(size: Int, using random: inout SeededGenerator) throws -> GANBatch
    /// Latent input for `batch` fakes (conditioned on `labels` when given), drawn from `random`.
    func latent(batch: Int, labels: [Int]?, using random: inout SeededGenerator) -> Tensor
    /// The generator applied to `latent`; returns a tensor shaped like `realBatch`'s data.
    func generate(_ latent: Tensor, labels: [Int]?) throws -> Tensor
    /// The generator applied to `latent` for a generator update, with an extra term for the generator's loss (e.g.
    /// CTGAN's cross-entropy between conditioned outputs and their conditions), or nil. Default: `generate`, no term.
    func generateForUpdate(_ latent: Tensor, labels: [Int]?) throws -> (fake: Tensor, penalty: Tensor?)
    /// What critic `critic` reads of examples `x` (shaped like `realBatch`'s data): the input its R1 penalty is
    /// taken against. A critic on features (log spectrograms, say) returns them, so the penalty regularises the
    /// critic and not the fixed transform in front of it. Must be differentiable in `x`. Default: `x`.
    func criticInput(critic: Int, _ x: Tensor) throws -> Tensor
    /// Raw scores (`[B, 1]` or `[B]`, no sigmoid) of critic `critic` for `input`, which `criticInput` made.
    /// `random` serves stochastic layers (phase shuffle, dropout).
    func score(critic: Int, _ input: Tensor, labels: [Int]?, using random: inout SeededGenerator) throws -> Tensor
    /// `score`'s scores and, when critic `critic` has a classifier head (AC-GAN, Odena et al. 2017), class logits
    /// `[B, classes]` from the same forward pass; the trainer uses them where `weighting(critic:)` gives them a weight.
    /// Default: `score`, no logits.
    func scoreAndClassify(critic: Int, _ input: Tensor, labels: [Int]?, using random: inout SeededGenerator) throws
        -> (scores: Tensor, logits: Tensor?)

    /// How critic `critic` takes part in training. Default: `CriticWeighting()` (every critic counts the same).
    func weighting(critic: Int) -> CriticWeighting

    /// Extra state that a checkpoint must hold for an exact resume (e.g. a data loader's position). Default: none.
    func checkpointState() -> [String: String]
    /// Restores what `checkpointState` returned. Default: nothing to restore.
    func restoreCheckpointState(_ state: [String: String]) throws
}

extension GANProblem {
    public func generateForUpdate(_ latent: Tensor, labels: [Int]?) throws -> (fake: Tensor, penalty: Tensor?) {
        (try generate(latent, labels: labels), nil)
    }

    public func criticInput(critic: Int, _ x: Tensor) throws -> Tensor { x }

    public func scoreAndClassify(critic: Int, _ input: Tensor, labels: [Int]?, using random: inout SeededGenerator)
        throws -> (scores: Tensor, logits: Tensor?) {
        (try score(critic: critic, input, labels: labels, using: &random), nil)
    }

    public func weighting(critic: Int) -> CriticWeighting { CriticWeighting() }

    public func checkpointState() -> [String: String] { [:] }
    public func restoreCheckpointState(_ state: [String: String]) throws {}
}

/// How one critic takes part in training, relative to the training configuration.
public struct CriticWeighting: Equatable, Sendable {
    /// Weight of the critic's term in the generator's loss (0: the critic trains but the generator ignores it).
    public var generatorLoss: Float
    /// The critic's learning rate relative to `GANTrainingConfig.criticOptimizer`'s.
    public var learningRateScale: Float
    /// The critic's R1 weight relative to `GANTrainingConfig.r1Gamma` (0: no R1 for this critic).
    public var r1Scale: Float
    /// Weight of the matching-aware term of a conditional critic (Reed et al. 2016): real examples paired with another
    /// example's label are scored as fakes, so the critic learns what each label looks like from real data alone
    /// (0: off; ignored by unconditional problems).
    public var mismatchedLabels: Float
    /// Weight of the cross-entropy of the critic's class logits (`scoreAndClassify`) on real examples and their
    /// labels in the critic's loss: the auxiliary classifier of AC-GAN (0: off).
    public var classifier: Float
    /// Weight of the same cross-entropy on fakes and the labels they were generated for, in the generator's loss
    /// (0: off), so that each fake is pushed towards what the critic recognises as its label.
    public var generatorClassifier: Float

    public init(generatorLoss: Float = 1, learningRateScale: Float = 1, r1Scale: Float = 1, mismatchedLabels: Float = 0,
                classifier: Float = 0, generatorClassifier: Float = 0) {
        self.generatorLoss = generatorLoss
        self.learningRateScale = learningRateScale
        self.r1Scale = r1Scale
        self.mismatchedLabels = mismatchedLabels
        self.classifier = classifier
        self.generatorClassifier = generatorClassifier
    }

    func validate(critic: Int) throws {
        for (name, v) in [("generatorLoss", generatorLoss), ("learningRateScale", learningRateScale), ("r1Scale", r1Scale),
                          ("mismatchedLabels", mismatchedLabels), ("classifier", classifier),
                          ("generatorClassifier", generatorClassifier)] {
            guard v >= 0, v.isFinite else {
                throw TrainingError.invalidProblem("critic \(critic)'s \(name) is \(v); it must be finite and ≥ 0")
            }
        }
        guard learningRateScale > 0 else {
            throw TrainingError.invalidProblem("critic \(critic)'s learningRateScale is 0; it must be positive")
        }
    }
}
