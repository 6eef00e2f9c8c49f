import Models
import NN
import Tabular
import TensorCore
import Training

/// Everything that defines a fitted table GAN besides its weights and its transform: the network shape and how the
/// conditional vector is drawn.
public struct TableModelConfig: Codable, Equatable, Sendable {
    /// Network shape; `spans` and `conditionWidth` follow the transform.
    public var gan: TableGANConfig
    /// The column the model was trained to condition on most (nil: CTGAN's uniform choice of discrete column).
    public var target: String?
    /// Probability of choosing each discrete column (in the transform's order) for a training condition.
    public var conditionColumnWeights: [Double]
    /// Row-identifier columns, not modelled: sampled tables hold each at its position as the row number 1, 2, …
    public var identifiers: [IdentifierColumn]

    /// A row-identifier column and its position among the sampled table's columns.
    public struct IdentifierColumn: Codable, Equatable, Sendable {
        public var name: String
        public var position: Int

        public init(name: String, position: Int) {
            self.name = name
            self.position = position
        }
    }

    public init(gan: TableGANConfig, target: String?, conditionColumnWeights: [Double],
                identifiers: [IdentifierColumn] = []) {
        self.gan = gan
        self.target = target
        self.conditionColumnWeights = conditionColumnWeights
        self.identifiers = identifiers
    }

    /// Decodes a configuration; files written before identifier columns existed have none.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        gan = try c.decode(TableGANConfig.self, forKey: .gan)
        target = try c.decodeIfPresent(String.self, forKey: .target)
        conditionColumnWeights = try c.decode([Double].self, forKey: .conditionColumnWeights)
        identifiers = try c.decode(.identifiers, default: [])
    }

    /// The column names of a sampled table: the modelled ones (`modelled`, in order) with the identifiers in place.
    func columnNames(modelled: [String]) -> [String] {
        var names = modelled
        for id in identifiers { names.insert(id.name, at: id.position) }
        return names
    }

    /// The generator's output spans for `transformer`'s row layout.
    static func spans(of transformer: DataTransformer) -> [TableGANConfig.Span] {
        transformer.spans.map { span in
            switch span {
            case .tanh(let w): return TableGANConfig.Span(.tanh, width: w)
            case .softmax(let w): return TableGANConfig.Span(.softmax, width: w)
            }
        }
    }

    /// What in this configuration contradicts `transformer` (the row layout, the condition width, one weight per
    /// discrete column, the target), or nil.
    func inconsistency(with transformer: DataTransformer) -> String? {
        if gan.spans != Self.spans(of: transformer) { return "the generator's output spans do not match the transform's row layout" }
        if gan.conditionWidth != transformer.conditionWidth {
            return "condition width \(gan.conditionWidth) differs from the transform's \(transformer.conditionWidth)"
        }
        let discrete = transformer.discreteColumns
        if conditionColumnWeights.count != discrete.count {
            return "\(conditionColumnWeights.count) condition column weights for \(discrete.count) discrete columns"
        }
        if !conditionColumnWeights.allSatisfy({ $0.isFinite && $0 >= 0 })
            || (!discrete.isEmpty && !(conditionColumnWeights.reduce(0, +) > 0)) {
            return "the condition column weights must be finite, non-negative and not all zero"
        }
        if let target, !discrete.contains(where: { $0.name == target }) {
            return "the target '\(target)' is not a discrete column"
        }
        let positions = identifiers.map(\.position)
        let names = Set(identifiers.map(\.name)).union(transformer.columns.map(\.name))
        if positions != positions.sorted() || Set(positions).count != positions.count
            || !positions.allSatisfy({ $0 >= 0 && $0 < transformer.columns.count + identifiers.count })
            || names.count != transformer.columns.count + identifiers.count {
            return "the identifier columns' positions or names do not fit the table's columns"
        }
        return nil
    }
}

/// How to fit a table GAN: network shape, training recipe, budget, column typing and conditioning.
public struct TableTrainingOptions: Codable, Equatable, Sendable {
    /// Network shape (CTGAN's by default); the row layout and condition width are filled in from the data.
    public var model = TableGANConfig()
    /// Loss, optimizers, EMA, seed, checkpoints and logging. `batchSize` and `maxSteps` are set from `batchSize`
    /// and the epoch budget below (the trainer's batch is counted in pac groups).
    public var training: GANTrainingConfig
    /// Rows per batch; a multiple of `model.pac`.
    public var batchSize = 100
    /// Passes over the data (CTGAN's epoch: ⌊rows / batch⌋ steps, at least one); nil: the automatic budget, which
    /// trains at least `minimumSteps` generator updates, then stops when the quality estimate (taken every
    /// `qualityEvery` updates) reaches `qualityPlateau`, or after `maximumMinutes`, or after `minimumEpochs` epochs,
    /// whichever comes first.
    public var epochs: Int?
    /// Generator updates the automatic budget always trains (small tables need many epochs).
    public var minimumSteps = 5000
    /// The automatic budget's cap in epochs (it trains more when `minimumSteps` asks for it).
    public var minimumEpochs = 300
    /// Generator updates between two quality estimates (SDMetrics' quality of 1000 sampled rows against at most
    /// 10 000 real ones), which the automatic budget stops on and the progress line shows.
    public var qualityEvery = 500
    /// When the automatic budget stops: quality estimates that have stopped improving.
    public var qualityPlateau = Plateau(patience: 4, tolerance: 0.002)
    /// Times the automatic budget lowers the learning rates when the quality estimate stops improving, before it
    /// stops at the next plateau (0: it stops at the first).
    public var learningRateDrops = 0
    /// Factor on the learning rates at each drop.
    public var learningRateDropFactor: Float = 0.25
    /// The automatic budget's cap in minutes, counted from the start of `fit` (so the transform's fit is included;
    /// training gets at least a tenth of it); nil: none.
    public var maximumMinutes: Double? = 10
    /// Columns that identify rows (`--id`): not modelled; sampled tables hold each one in its place, as the row
    /// number 1, 2, …
    public var identifiers: [String] = []
    /// Columns left out of the model and of sampled tables (`--drop`).
    public var drop: [String] = []
    /// Columns to model as categories even if they hold numbers.
    public var discrete: [String] = []
    /// A column to condition on preferentially (e.g. the class label of a downstream task). A numeric target with
    /// whole numbers and at most 50 distinct values is modelled as discrete.
    public var target: String?
    /// Share of training conditions placed on `target` when the table has other discrete columns too (the rest are
    /// spread evenly over them).
    public var targetShare = 0.5
    /// The CTGAN transform's settings.
    public var transform = DataTransformer.Options()
    /// Threads for training, set process-wide (`Threads.set`) while `fit` or `resume` runs (nil: leave the thread
    /// count as it is). One by default: CTGAN-sized networks multiply small matrices, for which OpenBLAS's threads
    /// cost more than they save, especially on a busy machine.
    public var threads: Int? = 1
    /// The recipe for large tables, which `fit` applies in place of `batchSize`, the learning rates, `threads`,
    /// `qualityEvery` and `minimumSteps` when the table has enough rows (``adapted(toRows:)``); nil: these options
    /// as they are, whatever the table's size.
    public var largeTables: LargeTableRecipe? = LargeTableRecipe()

    /// SwiftGAN's defaults (see docs/experiments-tabular.md for the measurements behind them): CTGAN's networks,
    /// with a critic that also sees the value each numeric column encodes.
    public init() {
        model.criticSeesValues = true
        training = GANTrainingConfig()
        training.loss = .wasserstein
        training.gradientPenaltyWeight = 10
        training.criticSteps = 1
        training.generatorOptimizer = OptimizerSettings(learningRate: 2e-4, beta1: 0.5, beta2: 0.9, weightDecay: 1e-6)
        training.criticOptimizer = OptimizerSettings(learningRate: 2e-4, beta1: 0.5, beta2: 0.9, weightDecay: 1e-6)
        training.emaDecay = 0.999
        training.checkpointEverySteps = nil
        training.checkpointEveryMinutes = 2
        training.logEvery = 50
    }

    /// Decodes options, taking the default of every field the file does not name (runs started by earlier versions).
    public init(from decoder: Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        model = try c.decode(.model, default: model)
        training = try c.decode(.training, default: training)
        batchSize = try c.decode(.batchSize, default: batchSize)
        epochs = try c.decodeIfPresent(Int.self, forKey: .epochs)
        minimumSteps = try c.decode(.minimumSteps, default: minimumSteps)
        minimumEpochs = try c.decode(.minimumEpochs, default: minimumEpochs)
        qualityEvery = try c.decode(.qualityEvery, default: qualityEvery)
        qualityPlateau = try c.decode(.qualityPlateau, default: qualityPlateau)
        learningRateDrops = try c.decode(.learningRateDrops, default: learningRateDrops)
        learningRateDropFactor = try c.decode(.learningRateDropFactor, default: learningRateDropFactor)
        maximumMinutes = try c.decodeIfPresent(Double.self, forKey: .maximumMinutes)
        identifiers = try c.decode(.identifiers, default: identifiers)
        drop = try c.decode(.drop, default: drop)
        discrete = try c.decode(.discrete, default: discrete)
        target = try c.decodeIfPresent(String.self, forKey: .target)
        targetShare = try c.decode(.targetShare, default: targetShare)
        transform = try c.decode(.transform, default: transform)
        threads = try c.decodeIfPresent(Int.self, forKey: .threads)
        largeTables = try c.decodeIfPresent(LargeTableRecipe.self, forKey: .largeTables)
    }

    /// CTGAN 0.12's defaults: its networks, batch 500, 300 epochs, no EMA, whatever the table's size.
    public static var ctgan: TableTrainingOptions {
        var o = TableTrainingOptions()
        o.model.criticSeesValues = false
        o.batchSize = 500
        o.epochs = 300
        o.training.emaDecay = 0
        o.largeTables = nil
        return o
    }

    /// Throws `TableSynthesisError.invalidOption` naming the first unusable setting.
    public func validate() throws {
        func check(_ ok: Bool, _ message: @autoclosure () -> String) throws {
            if !ok { throw TableSynthesisError.invalidOption(message()) }
        }
        try check(model.pac >= 1 && batchSize >= model.pac && batchSize % model.pac == 0,
                  "the batch size (\(batchSize) rows) must be a positive multiple of pac (\(model.pac))")
        try check((model.generatorLayers + model.criticLayers).allSatisfy { $0 >= 1 },
                  "the networks' layer widths must be at least 1, got \(model.generatorLayers) and \(model.criticLayers)")
        if let epochs { try check(epochs >= 1, "epochs must be at least 1, got \(epochs)") }
        try check(minimumSteps >= 0 && minimumEpochs >= 0, "minimum budgets must be ≥ 0")
        try check(qualityEvery >= 1, "qualityEvery must be at least 1, got \(qualityEvery)")
        try check(qualityPlateau.isUsable,
                  "the quality plateau needs a patience and window of at least 1 and a finite tolerance ≥ 0")
        try check(learningRateDrops >= 0 && learningRateDrops <= 10, "learningRateDrops must lie in 0…10, got \(learningRateDrops)")
        try check(learningRateDropFactor > 0 && learningRateDropFactor <= 1,
                  "learningRateDropFactor must lie in (0, 1], got \(learningRateDropFactor)")
        if let m = maximumMinutes { try check(m > 0 && m.isFinite, "maximumMinutes must be positive, got \(m)") }
        if let both = Set(identifiers).intersection(drop).first {
            try check(false, "column '\(both)' is named both as an identifier and to drop")
        }
        if let t = target { try check(!identifiers.contains(t) && !drop.contains(t), "the target '\(t)' is excluded") }
        try check(model.targetClassifierWeight == 0 || target != nil,
                  "the auxiliary classifier (model.targetClassifierWeight) predicts the target: name one with --target")
        try check(targetShare > 0 && targetShare <= 1, "targetShare must lie in (0, 1], got \(targetShare)")
        if let threads { try check(threads >= 1, "threads must be at least 1, got \(threads)") }
        if let recipe = largeTables {
            try check(recipe.fromRows >= 0, "the large-table recipe's fromRows must be ≥ 0, got \(recipe.fromRows)")
            try adapted(toRows: recipe.fromRows).validate()  // the options the recipe makes, checked like any others
        }
        try training.validate()
    }

    /// Generator updates for `rows` training rows: epochs × ⌊rows / batch⌋ (at least one step per epoch).
    public func steps(rows: Int) -> Int {
        let perEpoch = Swift.max(rows / batchSize, 1)
        let epochs = self.epochs ?? Swift.max(minimumEpochs, (minimumSteps + perEpoch - 1) / perEpoch)
        return epochs * perEpoch
    }
}
