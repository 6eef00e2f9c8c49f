import TensorCore

/// The shape of a CTGAN-class generator/critic pair (Xu et al. 2019): the layout of a transformed row, the width of
/// the conditional vector and the network sizes. Defaults are CTGAN's.
public struct TableGANConfig: Codable, Equatable, Sendable {
    /// One block of a generator row and the activation that produces it.
    public struct Span: Codable, Equatable, Sendable {
        public enum Kind: String, Codable, Sendable {
            /// A numeric column's normalised scalar: `tanh` (width 1).
            case tanh
            /// A one-hot block (a mode or a category): Gumbel-softmax while training, a categorical draw when sampling.
            case softmax
        }

        public var kind: Kind
        public var width: Int

        public init(_ kind: Kind, width: Int) {
            self.kind = kind
            self.width = width
        }
    }

    /// Layout of a generated row, in order; its widths sum to `outputWidth`.
    public var spans: [Span] = []
    /// Width of the conditional vector appended to the latent and to the critic's rows (0: unconditional).
    public var conditionWidth = 0
    /// Size of the N(0, 1) latent (CTGAN's `embedding_dim`).
    public var latentDimension = 128
    /// Widths of the generator's residual blocks (each Linear → BatchNorm → ReLU, output concatenated to its input).
    public var generatorLayers = [256, 256]
    /// Widths of the critic's hidden layers (each Linear → LeakyReLU → Dropout).
    public var criticLayers = [256, 256]
    /// Rows the critic judges together (PacGAN): batches are split into groups of `pac` rows.
    public var pac = 10
    /// Negative slope of the critic's LeakyReLUs.
    public var leakySlope: Float = 0.2
    /// Dropout probability in the critic.
    public var dropout: Float = 0.5
    /// Temperature of the Gumbel-softmax on one-hot spans.
    public var gumbelTemperature: Float = 0.2
    /// Whether each critic row also holds the value every numeric column's span encodes (its mode's mean plus the
    /// scaled scalar, standardised), so the critic judges how numbers relate rather than which modes fire together.
    public var criticSeesValues = false
    /// Weight of the auxiliary classifier's term in the generator's loss (CTAB-GAN; 0: no classifier), for a model
    /// with a target column: the cross-entropy of a classifier, trained on real rows, on each generated row's target.
    public var targetClassifierWeight: Float = 0
    /// Hidden widths of the auxiliary classifier.
    public var targetClassifierLayers = [128, 128]

    public init() {}

    /// Decodes a configuration, taking the default of every field the file does not name (files written before
    /// `criticSeesValues` existed have critics that do not see values).
    public init(from decoder: Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        spans = try c.decode(.spans, default: spans)
        conditionWidth = try c.decode(.conditionWidth, default: conditionWidth)
        latentDimension = try c.decode(.latentDimension, default: latentDimension)
        generatorLayers = try c.decode(.generatorLayers, default: generatorLayers)
        criticLayers = try c.decode(.criticLayers, default: criticLayers)
        pac = try c.decode(.pac, default: pac)
        leakySlope = try c.decode(.leakySlope, default: leakySlope)
        dropout = try c.decode(.dropout, default: dropout)
        gumbelTemperature = try c.decode(.gumbelTemperature, default: gumbelTemperature)
        criticSeesValues = try c.decode(.criticSeesValues, default: criticSeesValues)
        targetClassifierWeight = try c.decode(.targetClassifierWeight, default: targetClassifierWeight)
        targetClassifierLayers = try c.decode(.targetClassifierLayers, default: targetClassifierLayers)
    }

    /// Values per generated row (D).
    public var outputWidth: Int { spans.reduce(0) { $0 + $1.width } }
    /// Numeric columns: one `tanh` span each.
    public var numericColumns: Int { spans.filter { $0.kind == .tanh }.count }
    /// Values per critic row: the row, its condition and, when the critic sees values, one per numeric column.
    public var criticRowWidth: Int { outputWidth + conditionWidth + (criticSeesValues ? numericColumns : 0) }

    /// Throws `TensorError.invalidArgument` naming the first unusable field.
    public func validate() throws {
        func check(_ ok: Bool, _ message: @autoclosure () -> String) throws {
            if !ok { throw TensorError.invalidArgument("table GAN: \(message())") }
        }
        try check(!spans.isEmpty && spans.allSatisfy { $0.width >= 1 }, "every output span needs a width of at least 1")
        try check(spans.allSatisfy { $0.kind == .softmax || $0.width == 1 }, "tanh spans have width 1")
        try check(conditionWidth >= 0, "conditionWidth \(conditionWidth) must be ≥ 0")
        try check(latentDimension >= 1, "latentDimension \(latentDimension) must be at least 1")
        try check((generatorLayers + criticLayers).allSatisfy { $0 >= 1 }, "layer widths must be at least 1")
        try check(pac >= 1, "pac \(pac) must be at least 1")
        try check(dropout >= 0 && dropout < 1, "dropout \(dropout) must lie in [0, 1)")
        try check(gumbelTemperature > 0 && gumbelTemperature.isFinite, "gumbelTemperature must be positive")
        try check(targetClassifierWeight >= 0 && targetClassifierWeight.isFinite, "targetClassifierWeight must be finite and ≥ 0")
        try check(targetClassifierLayers.allSatisfy { $0 >= 1 }, "targetClassifierLayers' widths must be at least 1")
        try check(leakySlope.isFinite, "leakySlope must be finite")
        try GeneratorSize.checkBound(generatorWeights, "table")
    }
}
