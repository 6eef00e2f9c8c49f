import Foundation
import Models
import TensorCore
import TimeSeries
import Training

/// How a `SeriesSynthesizer` builds and trains its GAN. The window length, feature count and labels come from the
/// data; everything else is here. Defaults were chosen on TimeGAN's Sines benchmark and checked on real data (see
/// `docs/experiments-series.md`).
public struct SeriesSynthesizerOptions: Codable, Equatable, Sendable {
    /// Architecture, widths and latent size (its `length`, `features`, `labelCount` and `output` are set by `fit`).
    public var model = SeriesGANConfig()
    /// How the data is scaled per feature before training: `.minMax` (generator ends in a sigmoid, output stays in
    /// the training range) or `.standard` (linear output).
    public var scaling = SeriesScaler.Kind.minMax
    /// Loss, schedule, optimizers, budget, checkpoints, seed.
    public var training = GANTrainingConfig()
    /// Train a conditional model when the data has labels.
    public var conditional = true
    /// Metrics written to `metrics.jsonl` at each checkpoint: `acf_distance` and `marginal_ks` (mean over features)
    /// of this many generated windows against as many training windows (0 = none).
    public var checkpointSampleCount = 500

    public init() {
        model.layers = 1
        training.loss = .wasserstein
        training.gradientPenaltyWeight = 10
        training.criticSteps = 2
        training.batchSize = 128
        training.maxSteps = 3000
        training.maxMinutes = 3.5
        training.emaDecay = 0.99
        training.checkpointEverySteps = 500
        training.checkpointEveryMinutes = 5
        training.logEvery = 100
        training.generatorOptimizer = OptimizerSettings(learningRate: 1e-3, beta1: 0.5, beta2: 0.9)
        training.criticOptimizer = OptimizerSettings(learningRate: 1e-3, beta1: 0.5, beta2: 0.9)
    }
}

/// What a trained series model needs besides its weights; stored as the domain configuration of a run and in the
/// `__metadata__` of a model file, so both are self-contained.
struct SeriesModelDescription: Codable, Equatable {
    static let format = "swiftgan-series-1"

    var format = SeriesModelDescription.format
    var model: SeriesGANConfig
    var scaler: SeriesScaler
    var featureNames: [String]
    /// Class names in label-index order (empty for an unconditional model).
    var labels: [String]
    /// Training windows per class, for sampling labels in their training proportions.
    var labelCounts: [Int]
    /// The CSV column the labels came from.
    var labelName: String?
    /// Windows the model was trained on.
    var trainingWindows: Int

    /// What contradicts the rest of the description (sizes against the model, labels against their counts), or nil.
    var inconsistency: String? {
        let c = model.features
        if scaler.offset.count != c { return "a scaler of \(scaler.offset.count) features for a model of \(c)" }
        if featureNames.count != c { return "\(featureNames.count) feature names for a model of \(c) features" }
        if labels.count != model.labelCount { return "\(labels.count) labels for a model of \(model.labelCount)" }
        if Set(labels).count != labels.count { return "a label is named twice" }
        if labelCounts.count != labels.count { return "\(labelCounts.count) label counts for \(labels.count) labels" }
        if labelCounts.contains(where: { $0 < 1 }) || CheckedSize.sum(labelCounts) == nil {
            return "label counts must be positive and not overflow"
        }
        if trainingWindows < 0 { return "a negative number of training windows" }
        return nil
    }

    func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(self)
    }

    static func decode(_ text: String, path: String) throws -> SeriesModelDescription {
        do {
            let d = try JSONDecoder().decode(SeriesModelDescription.self, from: Data(text.utf8))
            guard d.format == format else {
                throw SeriesSynthesisError.unusable(path: path, reason: "format '\(d.format)', expected '\(format)'")
            }
            try d.model.validate()
            if let problem = d.inconsistency {
                throw SeriesSynthesisError.unusable(path: path, reason: "its series description is inconsistent: \(problem)")
            }
            return d
        } catch let error as SeriesSynthesisError {
            throw error
        } catch {
            throw SeriesSynthesisError.unusable(path: path, reason: "its series description is unreadable (\(error))")
        }
    }
}
