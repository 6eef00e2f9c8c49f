import Models
import NN
import Tabular
import TensorCore
import Training

/// CTGAN as a `GANProblem`. One trainer "example" is a pac group: real batches are `[G, pac, D + C]` (transformed
/// rows with the condition each satisfies, drawn by training-by-sampling), fakes likewise, so WGAN-GP's
/// interpolation and gradient norm are per group, as in CTGAN. A latent row holds `z`, the condition and the
/// Gumbel noise of the output's one-hot spans, so generation is a pure function of the latent.
public final class TableGANProblem: GANProblem {
    /// The generator with its transform and conditioning (shared with the exported model).
    public let synthesizer: TableSynthesizer
    public let critic: TableCritic
    /// Transformed training rows `[N, D]`.
    let data: [Float]
    let rowCount: Int
    let rows: ConditionSampler
    /// The numbers critic rows stand for, when the critic sees them (`TableGANConfig.criticSeesValues`).
    let values: TableCriticValues?
    /// The auxiliary classifier of the target column, when `TableGANConfig.targetClassifierWeight` asks for one.
    let classifier: TableTargetClassifier?
    /// The conditions (conditional-vector indices) of the last real batch's rows, which the next latent batch (the
    /// critic update's fakes) takes in shuffled order, as CTGAN pairs them; nil once taken.
    private var realConditions: [Int]?

    public var generator: Module { synthesizer.generator }
    public var critics: [Module] { [critic] }
    var gan: TableGANConfig { synthesizer.config.gan }

    /// Fresh models (initialised from `seed`) over `data`, the rows of `table` transformed by `transformer`.
    init(config: TableModelConfig, transformer: DataTransformer, table: Table, data: [Float], seed: UInt64) throws {
        var g = SeededGenerator(seed: seed, stream: [100])
        synthesizer = TableSynthesizer(
            config: config, transformer: transformer, generator: try TableGenerator(config.gan, using: &g))
        critic = try TableCritic(config.gan, using: &g)
        rows = try ConditionSampler(transformer: transformer, table: table)
        values = config.gan.criticSeesValues
            ? try TableCriticValues(transformer: transformer, rowWidth: config.gan.outputWidth + config.gan.conditionWidth)
            : nil
        if config.gan.targetClassifierWeight > 0, let target = config.target,
           let info = transformer.discreteColumns.first(where: { $0.name == target }) {
            classifier = try TableTargetClassifier(transformer: transformer, target: info,
                                                   layers: config.gan.targetClassifierLayers,
                                                   seesValues: config.gan.criticSeesValues, seed: seed)
        } else {
            classifier = nil
        }
        self.data = data
        rowCount = table.rowCount
    }

    public func realBatch(size: Int, using random: inout SeededGenerator) throws -> GANBatch {
        let d = transformerWidth, c = synthesizer.conditioning.width, w = d + c
        let batch = Tensor.zeros([size, gan.pac, w])
        let out = batch.storage.pointer
        let conditioning = synthesizer.conditioning
        var conditions = [Int](repeating: -1, count: c > 0 ? size * gan.pac : 0)
        data.withUnsafeBufferPointer { src in
            conditions.withUnsafeMutableBufferPointer { conditions in
                parallelDraws(size * gan.pac, perStream: Self.rowsPerStream, using: &random) { range, random in
                    for r in range {
                        var source: Int
                        if c > 0 {
                            let (column, category) = conditioning.trainingCondition(using: &random)
                            source = rows.sampleRow(column: column, category: category, using: &random) ?? 0
                            conditions[r] = conditioning.index(column: column, category: category)
                            out[r * w + d + conditions[r]] = 1
                        } else {
                            source = random.int(below: rowCount)
                        }
                        (out + r * w).update(from: src.baseAddress! + source * d, count: d)
                    }
                }
            }
        }
        realConditions = c > 0 ? conditions : nil
        return GANBatch(data: batch)
    }

    /// Latents `[batch, pac, latentWidth]`. Right after a real batch of as many rows (the critic's update), the
    /// fakes take its rows' conditions in shuffled order, so real and fake rows hold the same conditions in different
    /// pac groups (CTGAN's pairing); otherwise (the generator's update) each row draws its own.
    public func latent(batch: Int, labels: [Int]?, using random: inout SeededGenerator) -> Tensor {
        let l = synthesizer.latentWidth, count = batch * gan.pac
        let latent = Tensor(uninitialized: [batch, gan.pac, l])
        let conditioning = synthesizer.conditioning, p = latent.storage.pointer
        var shuffled = realConditions.flatMap { $0.count == count ? $0 : nil }
        realConditions = nil
        if shuffled != nil { random.shuffle(&shuffled!) }
        let paired = shuffled
        parallelDraws(count, perStream: Self.rowsPerStream, using: &random) { range, random in
            for r in range {
                let condition = paired.map { $0[r] }
                    ?? (conditioning.width > 0 ? conditioning.trainingCondition(using: &random) : nil)
                        .map { conditioning.index(column: $0.column, category: $0.category) }
                synthesizer.fillLatent(p + r * l, condition: condition, using: &random)
            }
        }
        return latent
    }

    /// Rows one random stream draws for a batch (real rows, latents): a batch of at most this many rows draws them
    /// all from the trainer's stream, as it always has; larger ones draw chunks of it on all threads.
    static let rowsPerStream = 128

    public func generate(_ latent: Tensor, labels: [Int]?) throws -> Tensor {
        try generateForUpdate(latent, labels: labels).fake
    }

    /// The fakes and the generator's own terms: CTGAN's conditional loss, the cross-entropy between each row's
    /// conditioned one-hot span (its raw outputs, before Gumbel noise) and the condition; and, with an auxiliary
    /// classifier, its term (after the classifier's step on real rows).
    public func generateForUpdate(_ latent: Tensor, labels: [Int]?) throws -> (fake: Tensor, penalty: Tensor?) {
        let groups = latent.shape[0]
        let (rows, logits, conditions) = try synthesizer.forward(latent.reshaped([groups * gan.pac, -1]))
        guard let conditions else { return (rows.reshaped([groups, gan.pac, -1]), nil) }
        let fake = Tensor.concatenated([rows, conditions], axis: 1).reshaped([groups, gan.pac, -1])
        guard GradientRecording.isEnabled else { return (fake, nil) }
        let targets = synthesizer.conditionTargets(conditions)
        var penalty = synthesizer.layout.crossEntropy(logits, targets: targets)
        if let classifier {
            // Every process of a data-parallel job takes the same step, on the whole batch's worth of real rows.
            try classifier.update(data: data, rowCount: rowCount, count: (BatchSplit.current?.total ?? groups) * gan.pac)
            penalty = penalty + (try classifier.term(rows)) * gan.targetClassifierWeight
        }
        return (fake, penalty)
    }

    /// The auxiliary classifier's weights, optimizer state and random stream, when there is one.
    public func checkpointState() -> [String: String] { classifier?.state ?? [:] }

    public func restoreCheckpointState(_ state: [String: String]) throws { try classifier?.restore(state) }

    /// Critic rows `[G, pac, D + C]`, with each numeric column's value appended when the critic sees values.
    public func criticInput(critic: Int, _ x: Tensor) throws -> Tensor {
        values?.appended(to: x) ?? x
    }

    public func score(critic: Int, _ x: Tensor, labels: [Int]?, using random: inout SeededGenerator) throws -> Tensor {
        try self.critic(x, using: &random)
    }

    private var transformerWidth: Int { synthesizer.layout.width }
}
