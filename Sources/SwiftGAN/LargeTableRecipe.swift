import Training

/// The recipe `TableSynthesizer.fit` switches to for a table of ``fromRows`` rows or more: bigger batches on all
/// cores, a narrower generator, smaller pac groups, the critic at twice the generator's learning rate, and a floor for
/// the automatic budget high enough that a lucky early quality estimate does not end the run. Measured on 43 152 and
/// 336 776-row tables (docs/experiments-tabular.md, "Tables at scale"): batch 500 on two threads feeds 1.8× the rows
/// per second of batch 100 on one, for the same quality per minute.
public struct LargeTableRecipe: Codable, Equatable, Sendable {
    /// Rows from which the recipe applies.
    public var fromRows = 20_000
    /// Rows per batch (a multiple of ``pac``).
    public var batchSize = 500
    /// Learning rate of the generator's optimizer.
    public var learningRate: Float = 5e-4
    /// Learning rate of the critic's optimizer: twice the generator's (two time-scale updates), which gave the
    /// target column's dependence on the others more in the same minutes (docs/experiments-tabular.md).
    public var criticLearningRate: Float = 1e-3
    /// Training threads (nil: all cores).
    public var threads: Int? = nil
    /// Hidden widths of the generator's residual layers. Training time is what limits a large table's fit, and the
    /// generator's products are most of a step's: at 128 × 2 instead of CTGAN's 256 × 2 a diamonds step takes 0.69 of
    /// the time, for the same quality after the same steps (docs/experiments-tabular.md, "Session 20"). It replaces
    /// `model.generatorLayers` on large tables (set this one to choose the widths there).
    public var generatorLayers = [128, 128]
    /// Rows the critic judges together (CTGAN's pac is 10). It replaces `model.pac` on large tables: a batch of 500
    /// rows in pairs makes 250 groups, and a row whose columns disagree weighs five times as much in its group's
    /// score, which is what the target's dependence on the other columns needed: on diamonds the random forest's
    /// accuracy rose from 0.59 to 0.66 (docs/experiments-tabular.md, "Session 20").
    public var pac = 2
    /// Generator updates between two quality estimates.
    public var qualityEvery = 200
    /// Generator updates the automatic budget always trains: 2.25 million rows, so that a lucky early quality
    /// estimate cannot end a run that is still improving (with 1000, three seeds of diamonds stopped at 2000–3000
    /// steps; with 3000, at 3400–4200 with 0.03 less accuracy than with this floor).
    public var minimumSteps = 4500
    /// When the automatic budget stops: the default recipe's patience over means of 3 estimates, so one lucky
    /// estimate does not end the run (estimates come about as far apart in time as at batch 100: 7 s on 2 cores).
    public var qualityPlateau = Plateau(patience: 4, tolerance: 0.002, window: 3)
    /// Times the learning rates drop at a plateau before the run stops at the next.
    public var learningRateDrops = 0
    /// Factor on the learning rates at each drop.
    public var learningRateDropFactor: Float = 0.25

    public init() {}

    /// Decodes a recipe, taking the default of every field the file does not name (runs started by earlier versions).
    public init(from decoder: Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        fromRows = try c.decode(.fromRows, default: fromRows)
        batchSize = try c.decode(.batchSize, default: batchSize)
        learningRate = try c.decode(.learningRate, default: learningRate)
        criticLearningRate = try c.decode(.criticLearningRate, default: learningRate)
        threads = try c.decodeIfPresent(Int.self, forKey: .threads)
        generatorLayers = try c.decode(.generatorLayers, default: generatorLayers)
        pac = try c.decode(.pac, default: pac)
        qualityEvery = try c.decode(.qualityEvery, default: qualityEvery)
        minimumSteps = try c.decode(.minimumSteps, default: minimumSteps)
        qualityPlateau = try c.decode(.qualityPlateau, default: qualityPlateau)
        learningRateDrops = try c.decode(.learningRateDrops, default: learningRateDrops)
        learningRateDropFactor = try c.decode(.learningRateDropFactor, default: learningRateDropFactor)
    }
}

extension TableTrainingOptions {
    /// These options for a table of `rows` rows: with ``largeTables``' recipe applied when the table is that large,
    /// and ``largeTables`` cleared either way, so that applying it again changes nothing and a run's stored options
    /// say what it trained with.
    public func adapted(toRows rows: Int) -> TableTrainingOptions {
        var o = self
        o.largeTables = nil
        guard let recipe = largeTables, rows >= recipe.fromRows else { return o }
        o.batchSize = recipe.batchSize
        o.training.generatorOptimizer.learningRate = recipe.learningRate
        o.training.criticOptimizer.learningRate = recipe.criticLearningRate
        o.threads = recipe.threads
        o.model.generatorLayers = recipe.generatorLayers
        o.model.pac = recipe.pac
        o.qualityEvery = recipe.qualityEvery
        o.minimumSteps = recipe.minimumSteps
        o.qualityPlateau = recipe.qualityPlateau
        o.learningRateDrops = recipe.learningRateDrops
        o.learningRateDropFactor = recipe.learningRateDropFactor
        return o
    }
}
