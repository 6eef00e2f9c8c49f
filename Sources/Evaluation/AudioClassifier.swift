import Foundation
import NN
import TensorCore

/// A classifier of clips trained on labelled real clips, for the label-aware audio metrics (Inception-style score,
/// label accuracy), as WaveGAN scored SC09 digits with a classifier trained on the real data.
///
/// Input: the per-clip log-mel summary of the Fréchet distance (mean and standard deviation over time of each of the
/// 128 bands, 256 values; see `AudioEvaluation`), standardised with the training clips' mean and standard deviation.
/// Network: one hidden layer of `hiddenSize` units with LeakyReLU (slope 0.2), then a softmax over the labels.
/// Training: cross-entropy, Adam, shuffled mini-batches, a fixed number of epochs; all randomness (split, weights,
/// batch order) comes from the seed, so the same seed gives the same classifier.
///
/// A stratified `heldOutFraction` of the clips (at least one per label, at most all but one) is kept out of
/// training; the accuracy on them says whether the scores built on this classifier can be trusted.
public final class AudioClassifier {
    /// Training settings.
    public struct Options: Codable, Sendable, Equatable {
        /// Passes over the training clips.
        public var epochs = 400
        /// Units of the hidden layer.
        public var hiddenSize = 128
        /// Clips per Adam step.
        public var batchSize = 32
        public var learningRate: Float = 1e-3
        /// Share of each label's clips held out to measure accuracy, in (0, 1).
        public var heldOutFraction = 0.2

        public init() {}

        /// Throws when a setting is out of its domain.
        public func validate() throws {
            guard epochs >= 1, hiddenSize >= 1, batchSize >= 1 else {
                throw EvaluationError.invalidInput(
                    "classifier: epochs, hidden size and batch size must be at least 1, got \(epochs), \(hiddenSize), "
                        + "\(batchSize)")
            }
            guard learningRate > 0, learningRate.isFinite, heldOutFraction > 0, heldOutFraction < 1 else {
                throw EvaluationError.invalidInput(
                    "classifier: the learning rate must be positive and the held-out fraction inside (0, 1), got "
                        + "\(learningRate) and \(heldOutFraction)")
            }
        }
    }

    /// The labels the classifier tells apart (output k is `labelNames[k]`).
    public let labelNames: [String]
    /// Rows of the training features used for training, and those held out, in increasing order.
    public let trainingRows: [Int], heldOutRows: [Int]
    /// Fraction of the held-out clips classified as their own label.
    public let heldOutAccuracy: Double
    /// Class probabilities of the held-out clips, `[heldOutRows.count, labelNames.count]`.
    public let heldOutProbabilities: [Float]

    private let network: ClipClassifierNetwork
    /// Standardisation of the inputs: `(x − mean) · inverseScale`, per feature, from the training rows.
    private let mean: [Double], inverseScale: [Double]

    /// Trains on `features` (one row per clip, e.g. `AudioEvaluation`'s log-mel summaries) with one label per row.
    /// Throws when the counts differ, the options are invalid, or `labels.classifierProblem` is not nil.
    public init(features: FeatureMatrix, labels: ClipLabels, options: Options = Options(), seed: UInt64 = 0) throws {
        guard features.count == labels.indices.count else {
            throw EvaluationError.mismatch("\(features.count) clips but \(labels.indices.count) labels")
        }
        if let problem = labels.classifierProblem { throw EvaluationError.tooFewSamples(problem) }
        try options.validate()
        var g = SeededGenerator(seed: seed, stream: [0xC1A5])
        let (train, held) = Self.split(labels, heldOutFraction: options.heldOutFraction, using: &g)
        (mean, inverseScale) = Self.standardisation(features, rows: train)
        labelNames = labels.names
        trainingRows = train
        heldOutRows = held
        let network = ClipClassifierNetwork(inputs: features.dimension, hidden: options.hiddenSize,
                                            classes: labels.names.count, using: &g)
        self.network = network
        let x = Self.standardised(features, mean: mean, inverseScale: inverseScale)  // [N, D]
        try Self.fit(network, x: x.gathered(axis: 0, indices: train), labels: train.map { labels.indices[$0] },
                     classes: labels.names.count, options: options, using: &g)
        heldOutProbabilities = try GradientRecording.disabled {
            try network(x.gathered(axis: 0, indices: held)).softmax(axis: 1).scalars
        }
        let predicted = Self.mostLikely(heldOutProbabilities, classes: labels.names.count)
        heldOutAccuracy = Double(zip(predicted, held).filter { $0 == labels.indices[$1] }.count) / Double(held.count)
    }

    /// Class probabilities `[features.count, labelNames.count]` of clips given by the same kind of features.
    public func probabilities(_ features: FeatureMatrix) throws -> [Float] {
        guard features.dimension == mean.count else {
            throw EvaluationError.mismatch(
                "the classifier takes \(mean.count) features per clip, got \(features.dimension)")
        }
        let x = Self.standardised(features, mean: mean, inverseScale: inverseScale)
        return try GradientRecording.disabled { try network(x).softmax(axis: 1).scalars }
    }

    /// The most probable class of each row of `probabilities` (`[count, classes]`; the first on a tie).
    public static func mostLikely(_ probabilities: [Float], classes: Int) -> [Int] {
        (0..<(probabilities.count / classes)).map { r in
            let row = probabilities[(r * classes)..<((r + 1) * classes)]
            return row.indices.max { row[$0] < row[$1] || (row[$0] == row[$1] && $0 > $1) }! - r * classes
        }
    }

    /// Each label's rows shuffled, the first `round(fraction · count)` of them (clamped to 1…count − 1) held out.
    static func split(_ labels: ClipLabels, heldOutFraction: Double, using g: inout SeededGenerator)
        -> (train: [Int], heldOut: [Int]) {
        let byLabel = Dictionary(grouping: labels.indices.indices, by: { labels.indices[$0] })
        var train: [Int] = [], held: [Int] = []
        for k in labels.names.indices {
            var rows = byLabel[k] ?? []
            g.shuffle(&rows)
            let h = min(max(1, Int((heldOutFraction * Double(rows.count)).rounded())), rows.count - 1)
            held += rows[..<h]
            train += rows[h...]
        }
        return (train.sorted(), held.sorted())
    }

    /// Per-feature mean and inverse standard deviation over `rows` (scale 1 for a constant feature).
    static func standardisation(_ f: FeatureMatrix, rows: [Int]) -> (mean: [Double], inverseScale: [Double]) {
        let d = f.dimension
        var sum = [Double](repeating: 0, count: d), square = sum
        f.values.withUnsafeBufferPointer { v in
            for r in rows {
                for j in 0..<d {
                    let x = v[r * d + j]
                    sum[j] += x
                    square[j] += x * x
                }
            }
        }
        let n = Double(rows.count)
        let mean = sum.map { $0 / n }
        let inverse = (0..<d).map { j in
            let std = Swift.max(0, square[j] / n - mean[j] * mean[j]).squareRoot()
            return std > 1e-6 ? 1 / std : 1
        }
        return (mean, inverse)
    }

    /// `features` standardised, as a `[count, dimension]` tensor.
    static func standardised(_ f: FeatureMatrix, mean: [Double], inverseScale: [Double]) -> Tensor {
        let d = f.dimension
        let x = Tensor(uninitialized: [f.count, d])
        let out = x.storage.pointer
        f.values.withUnsafeBufferPointer { v in
            for r in 0..<f.count {
                for j in 0..<d { out[r * d + j] = Float((v[r * d + j] - mean[j]) * inverseScale[j]) }
            }
        }
        return x
    }

    /// Minimises the mean cross-entropy of `network` on `x` `[N, D]` with `labels` (N of them).
    static func fit(_ network: ClipClassifierNetwork, x: Tensor, labels: [Int], classes: Int, options: Options,
                    using g: inout SeededGenerator) throws {
        let optimizer = Adam(learningRate: options.learningRate)
        let parameters = network.parameters()
        var order = Array(labels.indices)
        for _ in 0..<options.epochs {
            g.shuffle(&order)
            for start in stride(from: 0, to: order.count, by: options.batchSize) {
                let rows = Array(order[start..<Swift.min(start + options.batchSize, order.count)])
                var oneHot = [Float](repeating: 0, count: rows.count * classes)  // [B, K]
                for (r, i) in rows.enumerated() { oneHot[r * classes + labels[i]] = 1 }
                let logits = try network(x.gathered(axis: 0, indices: rows))  // [B, K]
                let target = try Tensor(shape: [rows.count, classes], values: oneHot)
                let loss = -(logits.logSoftmax(axis: 1) * target).sum() / Float(rows.count)
                optimizer.update(parameters, gradients: gradients(of: loss, with: parameters.map(\.value)))
            }
        }
    }
}

/// Linear → LeakyReLU(0.2) → Linear: logits `[B, classes]` for standardised features `[B, inputs]`.
final class ClipClassifierNetwork: Module {
    let hidden: Linear
    let output: Linear

    init(inputs: Int, hidden: Int, classes: Int, using g: inout SeededGenerator) {
        self.hidden = Linear(inputs, hidden, using: &g)
        output = Linear(hidden, classes, using: &g)
        super.init()
    }

    func callAsFunction(_ x: Tensor) throws -> Tensor { try output(try hidden(x).leakyRelu(0.2)) }
}
