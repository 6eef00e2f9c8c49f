import Foundation
import NN

/// Settings of one optimizer (the generator's or the critics').
public struct OptimizerSettings: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, Sendable {
        case adam, rmsprop
    }

    public var kind: Kind
    public var learningRate: Float
    /// Adam's first-moment decay.
    public var beta1: Float
    /// Adam's second-moment decay.
    public var beta2: Float
    /// RMSProp's squared-gradient decay.
    public var alpha: Float
    public var epsilon: Float
    /// L2 weight decay added to the gradient.
    public var weightDecay: Float

    /// Defaults are WaveGAN's: Adam, β = (0.5, 0.9).
    public init(kind: Kind = .adam, learningRate: Float = 1e-4, beta1: Float = 0.5, beta2: Float = 0.9,
                alpha: Float = 0.99, epsilon: Float = 1e-8, weightDecay: Float = 0) {
        self.kind = kind
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.alpha = alpha
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    /// A fresh optimizer with these settings.
    func makeOptimizer() -> Optimizer {
        switch kind {
        case .adam:
            return Adam(learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon, weightDecay: weightDecay)
        case .rmsprop:
            return RMSProp(learningRate: learningRate, alpha: alpha, epsilon: epsilon, weightDecay: weightDecay)
        }
    }

    func validate(_ name: String) throws {
        try require(learningRate > 0 && learningRate.isFinite, "\(name).learningRate", learningRate, "must be positive")
        for (field, v) in [("beta1", beta1), ("beta2", beta2), ("alpha", alpha)] {
            try require(v >= 0 && v < 1, "\(name).\(field)", v, "must lie in [0, 1)")
        }
        try require(epsilon > 0 && epsilon.isFinite, "\(name).epsilon", epsilon, "must be positive")
        try require(weightDecay >= 0 && weightDecay.isFinite, "\(name).weightDecay", weightDecay, "must be ≥ 0")
    }
}

/// Everything the trainer needs besides the problem: loss, schedule, optimizers, budget, checkpoints and logging.
public struct GANTrainingConfig: Codable, Equatable, Sendable {
    /// The adversarial objective. The Wasserstein loss needs a Lipschitz constraint: choosing it while no gradient
    /// penalty is set sets WGAN-GP's (λ = 10) and turns R1 off. Set `gradientPenaltyWeight` afterwards to override.
    public var loss: GANLoss = .wasserstein {
        didSet {
            if loss == .wasserstein && oldValue != .wasserstein && gradientPenaltyWeight == 0 {
                gradientPenaltyWeight = 10
                r1Gamma = 0
            }
        }
    }
    /// Critic updates per generator update.
    public var criticSteps = 5
    /// WGAN-GP weight λ (0 turns the penalty off).
    public var gradientPenaltyWeight: Float = 10
    /// R1 weight γ on real data (0 turns it off).
    public var r1Gamma: Float = 0
    /// Lazy R1: applied every `r1Every`-th critic update with weight γ/2·`r1Every` (StyleGAN2).
    public var r1Every = 16
    public var generatorOptimizer = OptimizerSettings()
    public var criticOptimizer = OptimizerSettings()
    /// Decay of the exponential moving average of the generator's parameters (0 turns it off), ramped up over the
    /// first steps as `min(decay, (1 + step)/(10 + step))`.
    public var emaDecay: Float = 0
    public var batchSize = 64
    /// Stop after this many generator updates (nil: no step limit).
    public var maxSteps: Int? = 10_000
    /// Stop after this much wall time in minutes, counted over all resumed segments (nil: no time limit).
    public var maxMinutes: Double?
    /// Write a checkpoint every this many steps (nil: not by steps).
    public var checkpointEverySteps: Int? = 1_000
    /// Write a checkpoint every this many minutes (nil: not by time).
    public var checkpointEveryMinutes: Double? = 30
    /// Steps between lines of `metrics.jsonl` (losses are averaged over them).
    public var logEvery = 100
    /// Checkpoints kept on disk; older ones are deleted.
    public var keepCheckpoints = 3
    /// Seed of every random stream of the run.
    public var seed: UInt64 = 0

    public init() {}

    /// Fields that may change when a run is resumed; every other field must match the stored configuration.
    static let resumableFields: Set<String> = [
        "maxSteps", "maxMinutes", "checkpointEverySteps", "checkpointEveryMinutes", "logEvery", "keepCheckpoints",
    ]

    /// Throws `TrainingError.invalidConfig` naming the first unusable field.
    /// The largest batch the trainer takes.
    public static let maximumBatchSize = 1 << 16

    public func validate() throws {
        try require((1...1000).contains(criticSteps), "criticSteps", criticSteps, "must lie in 1…1000")
        try require(gradientPenaltyWeight >= 0 && gradientPenaltyWeight.isFinite, "gradientPenaltyWeight",
                    gradientPenaltyWeight, "must be ≥ 0")
        try require(r1Gamma >= 0 && r1Gamma.isFinite, "r1Gamma", r1Gamma, "must be ≥ 0")
        try require(r1Every >= 1, "r1Every", r1Every, "must be at least 1")
        try generatorOptimizer.validate("generatorOptimizer")
        try criticOptimizer.validate("criticOptimizer")
        try require(emaDecay >= 0 && emaDecay < 1, "emaDecay", emaDecay, "must lie in [0, 1)")
        try require((1...Self.maximumBatchSize).contains(batchSize), "batchSize", batchSize,
                    "must lie in 1…\(Self.maximumBatchSize)")
        try require(maxSteps != nil || maxMinutes != nil, "maxSteps", "nil", "set maxSteps or maxMinutes")
        if let s = maxSteps { try require(s >= 0, "maxSteps", s, "must be ≥ 0") }
        if let m = maxMinutes { try require(m > 0 && m.isFinite, "maxMinutes", m, "must be positive") }
        if let s = checkpointEverySteps { try require(s >= 1, "checkpointEverySteps", s, "must be at least 1") }
        if let m = checkpointEveryMinutes {
            try require(m > 0 && m.isFinite, "checkpointEveryMinutes", m, "must be positive")
        }
        try require(logEvery >= 1, "logEvery", logEvery, "must be at least 1")
        try require(keepCheckpoints >= 1, "keepCheckpoints", keepCheckpoints, "must be at least 1")
    }
}

/// Throws `invalidConfig` unless `condition` holds.
private func require(_ condition: Bool, _ field: String, _ value: Any, _ reason: String) throws {
    if !condition { throw TrainingError.invalidConfig(field: field, value: "\(value)", reason: reason) }
}
