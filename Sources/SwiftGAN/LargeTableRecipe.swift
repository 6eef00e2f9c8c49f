import Training

/// The recipe `TableSynthesizer.fit` switches to for a table of ``fromRows`` rows or more: bigger batches at a higher
/// learning rate on all cores, with the automatic budget's floor kept at the same number of rows (500 000) as at
/// batch 100. Measured on 43 152 and 336 776-row tables (docs/experiments-tabular.md, "Tables at scale"): batch 500
/// on two threads feeds 1.8× the rows per second of batch 100 on one, for the same quality per minute.
public struct LargeTableRecipe: Codable, Equatable, Sendable {
    /// Rows from which the recipe applies.
    public var fromRows = 20_000
    /// Rows per batch (a multiple of the critic's pac).
    public var batchSize = 500
    /// Learning rate of both optimizers.
    public var learningRate: Float = 5e-4
    /// Training threads (nil: all cores).
    public var threads: Int? = nil
    /// Generator updates between two quality estimates.
    public var qualityEvery = 200
    /// Generator updates the automatic budget always trains.
    public var minimumSteps = 1000
    /// When the automatic budget stops: the default recipe's patience over means of 3 estimates, so one lucky
    /// estimate does not end the run (estimates come about as far apart in time as at batch 100: 7 s on 2 cores).
    public var qualityPlateau = Plateau(patience: 4, tolerance: 0.002, window: 3)

    public init() {}
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
        o.training.criticOptimizer.learningRate = recipe.learningRate
        o.threads = recipe.threads
        o.qualityEvery = recipe.qualityEvery
        o.minimumSteps = recipe.minimumSteps
        o.qualityPlateau = recipe.qualityPlateau
        return o
    }
}
