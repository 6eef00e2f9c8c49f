import Foundation
import NN
import TensorCore
import TimeSeries

/// TimeGAN's discriminative score (Yoon et al. 2019, `metrics/discriminative_metrics.py`): a post-hoc one-layer GRU
/// classifier (hidden size ⌊C/2⌋) with a dense logit on its last state learns to tell real from synthetic series;
/// the score is |accuracy − 0.5| on held-out series. 0 = indistinguishable, 0.5 = perfectly told apart.
///
/// As the reference: each set is split 80/20 at random (separately); each of `iterations` Adam steps (lr 0.001)
/// minimises the sigmoid cross-entropy on `batchSize` real and `batchSize` synthetic training series, each batch the
/// first entries of a fresh random permutation; accuracy is measured on all test series of both sets with threshold
/// 0.5. TimeGAN's `main_timegan.py` reports the mean of 10 runs (`repeats`).
public struct SeriesDiscriminativeScore: Codable, Sendable, Equatable {
    /// Settings (defaults are TimeGAN's).
    public struct Options: Codable, Sendable, Equatable {
        public var iterations = 2000
        public var batchSize = 128
        public var trainFraction = 0.8
        public var learningRate: Float = 1e-3
        /// Independent runs averaged (TimeGAN: 10).
        public var repeats = 10

        public init() {}
    }

    /// The mean score over the runs.
    public var score: Double
    /// Each run's score.
    public var runs: [Double]
    /// Each run's test accuracy.
    public var accuracies: [Double]

    /// Trains the classifiers on `real` and `synthetic` (same length and features, at least 2 series each; already
    /// scaled as wanted). Runs are seeded by `seed` and independent, so they are computed in parallel.
    public init(real: SeriesArray, synthetic: SeriesArray, options: Options = Options(), seed: UInt64 = 0) throws {
        try SeriesMetricModels.validate(real: real, synthetic: synthetic, needed: 2, metric: "the discriminative score")
        guard options.iterations >= 1, options.batchSize >= 1, options.repeats >= 1,
              options.trainFraction > 0, options.trainFraction < 1
        else {
            throw SeriesMetricError.invalidOption(
                "discriminative score: iterations, batch size and repeats must be positive and the train fraction "
                    + "inside (0, 1)")
        }
        let a = SeriesMetricModels.tensor(real), b = SeriesMetricModels.tensor(synthetic)
        var accuracies = [Double](repeating: 0, count: options.repeats)
        accuracies.withUnsafeMutableBufferPointer { out in
            parallelFor(options.repeats) { r in
                out[r] = SeriesDiscriminativeScore.run(real: a, synthetic: b, options: options, seed: seed, index: r)
            }
        }
        self.accuracies = accuracies
        runs = accuracies.map { abs($0 - 0.5) }
        score = runs.reduce(0, +) / Double(runs.count)
    }

    /// One run: test accuracy of a classifier trained from stream `index` of `seed`.
    static func run(real: Tensor, synthetic: Tensor, options: Options, seed: UInt64, index: Int) -> Double {
        var g = SeededGenerator(seed: seed, stream: [0xD15C, index])
        func split(_ n: Int) -> (train: [Int], test: [Int]) {
            var order = Array(0..<n)
            g.shuffle(&order)
            let cut = min(max(1, Int(Double(n) * options.trainFraction)), n - 1)
            return (Array(order[..<cut]), Array(order[cut...]))
        }
        let (realTrain, realTest) = split(real.shape[0]), (fakeTrain, fakeTest) = split(synthetic.shape[0])
        let model = SeriesClassifier(features: real.shape[2], using: &g)
        let optimizer = Adam(learningRate: options.learningRate)
        let parameters = model.parameters()
        var realPool = realTrain, fakePool = fakeTrain
        for _ in 0..<options.iterations {
            let xr = real.gathered(axis: 0, indices: SeriesMetricModels.batch(&realPool, size: options.batchSize, using: &g))
            let xf = synthetic.gathered(
                axis: 0, indices: SeriesMetricModels.batch(&fakePool, size: options.batchSize, using: &g))
            let loss = (-model(xr)).softplus().mean() + model(xf).softplus().mean()
            optimizer.update(parameters, gradients: gradients(of: loss, with: parameters.map(\.value)))
        }
        return GradientRecording.disabled {
            let right = model(real.gathered(axis: 0, indices: realTest)).scalars.filter { $0 > 0 }.count
                + model(synthetic.gathered(axis: 0, indices: fakeTest)).scalars.filter { $0 <= 0 }.count
            return Double(right) / Double(realTest.count + fakeTest.count)
        }
    }
}

/// The post-hoc classifier: GRU(C → ⌊C/2⌋) then a dense logit on the last hidden state, with Keras' initialisers
/// (Glorot-uniform kernels, orthogonal recurrent kernel, zero biases).
final class SeriesClassifier: Module {
    let gru: GRU
    let head: Linear

    init(features: Int, using g: inout SeededGenerator) {
        let h = SeriesMetricModels.hiddenSize(features: features)
        gru = GRU(inputSize: features, hiddenSize: h, using: &g)
        head = Linear(h, 1, using: &g)
        super.init()
        try! gru.weight_ih_l0.assign(SeriesMetricModels.glorot(3 * h, features, using: &g))
        try! gru.weight_hh_l0.assign(SeriesMetricModels.orthogonalColumns(3 * h, h, using: &g))
        try! gru.bias_ih_l0!.assign(Tensor.zeros([3 * h]))
        try! gru.bias_hh_l0!.assign(Tensor.zeros([3 * h]))
        try! head.weight.assign(SeriesMetricModels.glorot(1, h, using: &g))
        try! head.bias!.assign(Tensor.zeros([1]))
    }

    /// Logits `[B, 1]` for series `[B, T, C]`.
    func callAsFunction(_ x: Tensor) -> Tensor { try! head(try! gru(x).last) }
}
