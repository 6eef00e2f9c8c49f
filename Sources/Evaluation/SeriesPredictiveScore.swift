import Foundation
import NN
import TensorCore
import TimeSeries

/// TimeGAN's predictive score (Yoon et al. 2019, `metrics/predictive_metrics.py`), "train on synthetic, test on
/// real": a post-hoc one-layer GRU (hidden size ⌊C/2⌋) with a dense sigmoid output at every step learns to predict
/// the next step of the last feature from the other features, `x[:, 1:, C−1]` from `x[:, :−1, :C−1]`, on the
/// synthetic set; the score is its mean absolute error on the real set. Lower is better; compare it with the same
/// model trained on the real set (`trainOnReal`).
///
/// As the reference: `iterations` Adam steps (lr 0.001) on the mean absolute error of `batchSize` series, each batch
/// the first entries of a fresh random permutation; MAE over every real series and step. TimeGAN reports the mean of
/// 10 runs (`repeats`). A univariate set (C = 1) has no other feature: its single feature is the input.
public struct SeriesPredictiveScore: Codable, Sendable, Equatable {
    /// Settings (defaults are TimeGAN's).
    public struct Options: Codable, Sendable, Equatable {
        public var iterations = 5000
        public var batchSize = 128
        public var learningRate: Float = 1e-3
        /// Independent runs averaged (TimeGAN: 10).
        public var repeats = 10

        public init() {}
    }

    /// The mean MAE on the real set over the runs.
    public var score: Double
    /// Each run's MAE.
    public var runs: [Double]

    /// Trains on `train` and tests on `test` (same length ≥ 2 and features, already scaled as wanted). Pass the
    /// synthetic set as `train` for the score, the real set for the real-data reference. Runs are computed in
    /// parallel, each from its own stream of `seed`.
    public init(train: SeriesArray, test: SeriesArray, options: Options = Options(), seed: UInt64 = 0) throws {
        try SeriesMetricModels.validate(real: test, synthetic: train, needed: 1, metric: "the predictive score")
        guard train.length >= 2 else {
            throw SeriesMetricError.invalidOption("the predictive score needs series of at least 2 steps")
        }
        guard options.iterations >= 1, options.batchSize >= 1, options.repeats >= 1 else {
            throw SeriesMetricError.invalidOption("predictive score: iterations, batch size and repeats must be positive")
        }
        let (trainX, trainY) = SeriesPredictiveScore.pairs(train), (testX, testY) = SeriesPredictiveScore.pairs(test)
        var runs = [Double](repeating: 0, count: options.repeats)
        runs.withUnsafeMutableBufferPointer { out in
            parallelFor(options.repeats) { r in
                var g = SeededGenerator(seed: seed, stream: [0x9ED, r])
                let model = SeriesPredictor(inputs: trainX.shape[2], features: train.features, using: &g)
                let optimizer = Adam(learningRate: options.learningRate)
                let parameters = model.parameters()
                var pool = Array(0..<trainX.shape[0])
                for _ in 0..<options.iterations {
                    let batch = SeriesMetricModels.batch(&pool, size: options.batchSize, using: &g)
                    let loss = (model(trainX.gathered(axis: 0, indices: batch)) - trainY.gathered(axis: 0, indices: batch))
                        .abs().mean()
                    optimizer.update(parameters, gradients: gradients(of: loss, with: parameters.map(\.value)))
                }
                out[r] = GradientRecording.disabled { Double((model(testX) - testY).abs().mean().item) }
            }
        }
        self.runs = runs
        score = runs.reduce(0, +) / Double(runs.count)
    }

    /// Inputs `[N, T−1, C−1]` (all features but the last; the only feature when C = 1) and targets `[N, T−1, 1]`
    /// (the last feature one step later).
    static func pairs(_ data: SeriesArray) -> (x: Tensor, y: Tensor) {
        let all = SeriesMetricModels.tensor(data), c = data.features, t = data.length
        let past = all.sliced(axis: 1, 0..<(t - 1))
        let x = c == 1 ? past : past.sliced(axis: 2, 0..<(c - 1))
        let y = all.sliced(axis: 1, 1..<t).sliced(axis: 2, (c - 1)..<c)
        return (x, y)
    }
}

/// The post-hoc predictor: GRU(inputs → ⌊C/2⌋) and a dense sigmoid output per step, with the initialisers of
/// TensorFlow 1's `GRUCell` and `dense` (Glorot-uniform kernels, gate biases 1, other biases 0).
final class SeriesPredictor: Module {
    let gru: GRU
    let head: Linear

    init(inputs: Int, features: Int, using g: inout SeededGenerator) {
        let h = SeriesMetricModels.hiddenSize(features: features)
        gru = GRU(inputSize: inputs, hiddenSize: h, using: &g)
        head = Linear(h, 1, using: &g)
        super.init()
        // TF1's GRUCell has one kernel over [x, h] for both gates (Glorot over its joint fan-in) and one for the
        // candidate; the split into PyTorch's input and hidden weights keeps those bounds.
        let gates = SeriesMetricModels.glorot(2 * h, inputs + h, using: &g).scalars
        let candidate = SeriesMetricModels.glorot(h, inputs + h, using: &g).scalars
        let joint = gates + candidate  // [3H, inputs + H], rows r, z, n
        var wih = [Float](), whh = [Float]()
        for row in 0..<(3 * h) {
            wih += joint[(row * (inputs + h))..<(row * (inputs + h) + inputs)]
            whh += joint[(row * (inputs + h) + inputs)..<((row + 1) * (inputs + h))]
        }
        try! gru.weight_ih_l0.assign(Tensor(shape: [3 * h, inputs], values: wih))
        try! gru.weight_hh_l0.assign(Tensor(shape: [3 * h, h], values: whh))
        try! gru.bias_ih_l0!.assign(Tensor(Array(repeating: 1, count: 2 * h) + Array(repeating: 0, count: h)))
        try! gru.bias_hh_l0!.assign(Tensor.zeros([3 * h]))
        try! head.weight.assign(SeriesMetricModels.glorot(1, h, using: &g))
        try! head.bias!.assign(Tensor.zeros([1]))
    }

    /// Predictions `[B, T, 1]` in (0, 1) for inputs `[B, T, inputs]`.
    func callAsFunction(_ x: Tensor) -> Tensor {
        let states = try! gru(x).outputs
        let (b, t, h) = (states.shape[0], states.shape[1], states.shape[2])
        return try! head(states.reshaped([b * t, h])).sigmoid().reshaped([b, t, 1])
    }
}
