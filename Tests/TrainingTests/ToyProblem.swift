import Foundation
import NN
import TensorCore
import Training

/// The generator of the toy problem: an affine map of the latent (optionally through a batch-normalised hidden
/// layer, to put buffers into checkpoints).
final class ToyGenerator: Module {
    let hidden: Linear?
    let norm: BatchNorm1d?
    let out: Linear

    init(inputs: Int, outputs: Int, hiddenLayer: Bool, using g: inout SeededGenerator) {
        hidden = hiddenLayer ? Linear(inputs, 8, using: &g) : nil
        norm = hiddenLayer ? BatchNorm1d(8) : nil
        out = Linear(hiddenLayer ? 8 : inputs, outputs, using: &g)
        super.init()
    }

    func callAsFunction(_ z: Tensor) throws -> Tensor {
        guard let hidden, let norm else { return try out(z) }
        return try out(try norm(try hidden(z)).leakyRelu(0.2))
    }
}

/// A critic: linear (closed-form gradients) or with one hidden layer, and optionally `classes` class logits.
final class ToyCritic: Module {
    let hidden: Linear?
    let out: Linear
    let classifier: Linear?

    init(inputs: Int, hiddenLayer: Bool, classes: Int = 0, using g: inout SeededGenerator) {
        hidden = hiddenLayer ? Linear(inputs, 16, using: &g) : nil
        out = Linear(hiddenLayer ? 16 : inputs, 1, using: &g)
        classifier = classes > 0 ? Linear(hiddenLayer ? 16 : inputs, classes, using: &g) : nil
        super.init()
    }

    func callAsFunction(_ x: Tensor) throws -> (scores: Tensor, logits: Tensor?) {
        let h = try hidden.map { try $0(x).leakyRelu(0.2) } ?? x
        return (try out(h), try classifier.map { try $0(h) })
    }
}

/// A 2-D Gaussian to learn. Conditional variants append a one-hot label to the latent and to the critic input.
final class ToyProblem: GANProblem {
    struct Options {
        var mean: [Float] = [2, -1]
        var std: Float = 0.5
        var hiddenLayers = true
        var critics = 1
        var conditional = false
        /// Standard deviation of instance noise added to critic inputs (drawn from the model stream).
        var instanceNoise: Float = 0
        /// Real batches are exactly `mean` and latents are zero: every loss has a closed form.
        var deterministic = false
        /// From this `realBatch` call on (0-based), real data is NaN.
        var poisonFromBatch: Int?
        /// Weight k of an extra generator term k·mean(Σ_j fake_j) returned by `generateForUpdate` (0: none).
        var generatorPenalty: Float = 0
        /// Per-critic weighting (missing entries: the default).
        var weightings: [CriticWeighting] = []
        /// Class logits from each critic (`scoreAndClassify`), one per label of a conditional problem; `logitWidth`
        /// overrides their count (to test what the trainer refuses).
        var classifierHead = false
        var logitWidth: Int?
    }

    let options: Options
    let net: ToyGenerator
    let criticNets: [ToyCritic]
    private(set) var batchesDrawn = 0
    let latentSize = 2
    var classes: Int { options.conditional ? 2 : 0 }

    var generator: Module { net }
    var critics: [Module] { criticNets }

    init(_ options: Options = Options(), seed: UInt64 = 11) {
        self.options = options
        var g = SeededGenerator(seed: seed)
        let dim = options.mean.count, classes = options.conditional ? 2 : 0
        net = ToyGenerator(inputs: 2 + classes, outputs: dim, hiddenLayer: options.hiddenLayers, using: &g)
        criticNets = (0..<options.critics).map { _ in
            ToyCritic(inputs: dim + classes, hiddenLayer: options.hiddenLayers,
                      classes: options.classifierHead ? options.logitWidth ?? max(classes, 2) : 0, using: &g)
        }
    }

    func realBatch(size: Int, using random: inout SeededGenerator) throws -> GANBatch {
        defer { batchesDrawn += 1 }
        let dim = options.mean.count
        var values = [Float](repeating: 0, count: size * dim)
        for i in 0..<size {
            for j in 0..<dim {
                let noise = options.deterministic ? 0 : options.std * random.nextNormal()
                values[i * dim + j] = options.mean[j] + noise
            }
        }
        if let poison = options.poisonFromBatch, batchesDrawn >= poison { values[0] = .nan }
        let labels = options.conditional ? (0..<size).map { _ in random.int(below: 2) } : nil
        return GANBatch(data: try Tensor(shape: [size, dim], values: values), labels: labels)
    }

    func latent(batch: Int, labels: [Int]?, using random: inout SeededGenerator) -> Tensor {
        let z = options.deterministic ? Tensor.zeros([batch, latentSize]) : Tensor.normal([batch, latentSize], using: &random)
        return withLabels(z, labels)
    }

    func generate(_ latent: Tensor, labels: [Int]?) throws -> Tensor { try net(latent) }

    func generateForUpdate(_ latent: Tensor, labels: [Int]?) throws -> (fake: Tensor, penalty: Tensor?) {
        let fake = try generate(latent, labels: labels)
        let k = options.generatorPenalty
        return (fake, k == 0 ? nil : fake.sum(axes: [1]).mean() * k)
    }

    func score(critic: Int, _ x: Tensor, labels: [Int]?, using random: inout SeededGenerator) throws -> Tensor {
        try scoreAndClassify(critic: critic, x, labels: labels, using: &random).scores
    }

    func scoreAndClassify(critic: Int, _ x: Tensor, labels: [Int]?, using random: inout SeededGenerator) throws
        -> (scores: Tensor, logits: Tensor?) {
        let noisy = options.instanceNoise > 0 ? x + Tensor.normal(x.shape, std: options.instanceNoise, using: &random) : x
        return try criticNets[critic](withLabels(noisy, labels))
    }

    func weighting(critic: Int) -> CriticWeighting {
        critic < options.weightings.count ? options.weightings[critic] : CriticWeighting()
    }

    private func withLabels(_ x: Tensor, _ labels: [Int]?) -> Tensor {
        guard let labels, classes > 0 else { return x }
        return Tensor.concatenated([x, Tensor.oneHot(labels, classes: classes)], axis: 1)
    }
}

/// A fresh, empty folder under the temporary directory.
func temporaryRunDirectory(_ name: String = #function) -> URL {
    let clean = name.filter { $0.isLetter || $0.isNumber }
    return FileManager.default.temporaryDirectory.appendingPathComponent("swiftgan-training-\(clean)-\(UUID().uuidString)")
}

/// A small, fast configuration: no checkpoints by time, no progress output.
func quickConfig(steps: Int = 10) -> GANTrainingConfig {
    var c = GANTrainingConfig()
    c.maxSteps = steps
    c.batchSize = 16
    c.criticSteps = 2
    c.logEvery = 1
    c.checkpointEverySteps = nil
    c.checkpointEveryMinutes = nil
    c.generatorOptimizer.learningRate = 1e-2
    c.criticOptimizer.learningRate = 1e-2
    c.seed = 3
    return c
}

/// A new run's trainer that neither prints nor touches signal handlers.
func quietTrainer(_ problem: ToyProblem, _ config: GANTrainingConfig, _ dir: URL) throws -> GANTrainer<ToyProblem> {
    quiet(try GANTrainer(problem: problem, config: config, runDirectory: dir))
}

/// `trainer` without progress output and signal handlers (tests run in parallel in one process).
func quiet<P>(_ trainer: GANTrainer<P>) -> GANTrainer<P> {
    trainer.progress = nil
    trainer.handlesSignals = false
    return trainer
}

/// The lines of `metrics.jsonl`, parsed.
func metricLines(_ dir: URL) throws -> [[String: Any]] {
    let text = try String(contentsOf: dir.appendingPathComponent("metrics.jsonl"), encoding: .utf8)
    return try text.split(separator: "\n").map {
        try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
    }
}

/// Checkpoint file names in a run directory, sorted.
func checkpointNames(_ dir: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("checkpoints").path)) ?? []).sorted()
}
