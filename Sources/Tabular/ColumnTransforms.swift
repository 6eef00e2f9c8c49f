/// One block of a transformed row, with the activation a generator puts on it.
public enum OutputSpan: Codable, Equatable, Sendable {
    /// A numeric column's normalised scalar in [-1, 1] (width 1).
    case tanh(width: Int)
    /// A one-hot block: a numeric column's mode (plus "missing"), or a discrete column's category (plus "missing").
    case softmax(width: Int)

    public var width: Int {
        switch self {
        case .tanh(let w), .softmax(let w): return w
        }
    }
}

/// The fitted mode-specific normalisation of a numeric column (CTGAN): a variational Gaussian mixture, the modes it
/// keeps, the column's bounds and format, and whether a "missing" state is modelled.
public struct ContinuousColumnTransform: Codable, Sendable, Equatable {
    public var name: String
    public var kind: ColumnKind
    public var decimals: Int
    /// How a datetime column writes its values; nil for every other kind.
    public var dateFormat: DateTimeFormat?
    /// The smallest and largest value seen when fitting.
    public var minimum: Double
    public var maximum: Double
    public var mixture: BayesianGaussianMixture
    /// Indices of the mixture components kept as modes (weight above the threshold).
    public var modes: [Int]
    /// True when the fitted column had missing values: the mode one-hot then ends with a "missing" slot.
    public var hasMissing: Bool
    /// Share of missing values when fitting.
    public var missingRate: Double

    /// Width of the mode one-hot (modes plus the missing slot).
    public var modeWidth: Int { modes.count + (hasMissing ? 1 : 0) }
    public var modeMeans: [Double] { modes.map { mixture.means[$0] } }
    public var modeStandardDeviations: [Double] { modes.map { mixture.variances[$0].squareRoot() } }
}

/// The fitted one-hot encoding of a discrete column.
public struct DiscreteColumnTransform: Codable, Sendable, Equatable {
    public var name: String
    /// The kind the column had in the fitted table (a numeric column may be declared discrete).
    public var kind: ColumnKind
    /// Decimal places when `kind` is numeric.
    public var decimals: Int
    public var levels: [String]
    /// True when the fitted column had missing values: the one-hot then ends with a "missing" slot.
    public var hasMissing: Bool
    /// Rows per category when fitting, the missing state last when present.
    public var counts: [Int]

    /// Width of the one-hot (levels plus the missing slot).
    public var width: Int { levels.count + (hasMissing ? 1 : 0) }
}

/// How one column is transformed.
public enum ColumnTransform: Codable, Sendable, Equatable {
    case continuous(ContinuousColumnTransform)
    case discrete(DiscreteColumnTransform)

    public var name: String {
        switch self {
        case .continuous(let c): return c.name
        case .discrete(let d): return d.name
        }
    }

    /// The spans this column contributes, in order.
    public var spans: [OutputSpan] {
        switch self {
        case .continuous(let c): return [.tanh(width: 1), .softmax(width: c.modeWidth)]
        case .discrete(let d): return [.softmax(width: d.width)]
        }
    }
}

/// What CTGAN's conditional vector needs about one discrete column.
public struct DiscreteColumnInfo: Codable, Sendable, Equatable {
    /// Position of the column in the table.
    public var column: Int
    public var name: String
    /// First value of the column's one-hot in a transformed row.
    public var outputOffset: Int
    /// Number of categories, the missing state included.
    public var width: Int
    /// First value of the column's block in the conditional vector.
    public var conditionOffset: Int
    /// Rows per category when fitting.
    public var counts: [Int]
    /// CTGAN's training-by-sampling probabilities: log(count + 1), normalised.
    public var logFrequencyProbabilities: [Double]
}
