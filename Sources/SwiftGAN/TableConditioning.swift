import Tabular
import TensorCore

/// A requirement on the rows to sample: discrete column `column` holds `value` (nil: the value is missing).
public struct TableCondition: Equatable, Sendable, CustomStringConvertible {
    public var column: String
    public var value: String?

    public init(column: String, value: String?) {
        self.column = column
        self.value = value
    }

    /// Parses `column=value` (split at the first `=`; an empty value asks for missing values).
    public init(parsing text: String) throws {
        guard let eq = text.firstIndex(of: "="), eq != text.startIndex else {
            throw TableSynthesisError.malformedCondition(text)
        }
        let value = String(text[text.index(after: eq)...])
        self.init(column: String(text[..<eq]), value: value.isEmpty ? nil : value)
    }

    public var description: String { "\(column)=\(value ?? "")" }
}

/// CTGAN's conditional vector over the transform's discrete columns: which (column, category) a row is conditioned
/// on, how training draws it (a column by `columnWeights`, a category by log-frequency: training-by-sampling), how
/// generation draws it (a column likewise, a category by its real frequency), and where that category sits in a
/// generated row.
struct TableConditioning {
    let columns: [DiscreteColumnInfo]
    let columnWeights: [Double]
    /// Index into `columns` of the target, when the model has one.
    let target: Int?
    let width: Int
    /// For each position of the conditional vector, the matching position in a generated row.
    let outputPosition: [Int]

    init(transformer: DataTransformer, config: TableModelConfig) {
        let columns = transformer.discreteColumns
        self.columns = columns
        columnWeights = config.conditionColumnWeights
        target = config.target.flatMap { t in columns.firstIndex { $0.name == t } }
        width = transformer.conditionWidth
        var positions = [Int](repeating: 0, count: width)
        for info in columns {
            for k in 0..<info.width { positions[info.conditionOffset + k] = info.outputOffset + k }
        }
        outputPosition = positions
    }

    /// Column weights for a training run: uniform (CTGAN), or `targetShare` on the target and the rest spread evenly.
    static func columnWeights(_ columns: [DiscreteColumnInfo], target: String?, targetShare: Double) -> [Double] {
        guard !columns.isEmpty else { return [] }
        guard let t = target, let i = columns.firstIndex(where: { $0.name == t }) else {
            return Array(repeating: 1 / Double(columns.count), count: columns.count)
        }
        if columns.count == 1 { return [1] }
        let rest = (1 - targetShare) / Double(columns.count - 1)
        return columns.indices.map { $0 == i ? targetShare : rest }
    }

    /// The position in the conditional vector of `category` in discrete column `column`.
    func index(column: Int, category: Int) -> Int { columns[column].conditionOffset + category }

    /// A training condition: a column by `columnWeights`, a category by log-frequency.
    func trainingCondition(using g: inout SeededGenerator) -> (column: Int, category: Int) {
        let c = g.index(weights: columnWeights)
        return (c, g.index(weights: columns[c].logFrequencyProbabilities))
    }

    /// A generation condition (a conditional-vector index): the target column when there is one (else a column by
    /// `columnWeights`) and a category by its frequency in the training data.
    func generationCondition(using g: inout SeededGenerator) -> Int {
        let c = target ?? g.index(weights: columnWeights)
        return index(column: c, category: g.index(weights: columns[c].counts.map(Double.init)))
    }

    /// The (column, category) pairs `conditions` ask for, checked against the fitted transform.
    func resolve(_ conditions: [TableCondition], transformer: DataTransformer) throws -> [(column: Int, category: Int)] {
        var out: [(column: Int, category: Int)] = []
        var asked: [String: String] = [:]
        for condition in conditions {
            let shown = condition.value ?? "(missing)"
            if let previous = asked[condition.column] {
                if previous != shown {
                    throw TableSynthesisError.conflictingConditions(column: condition.column, values: [previous, shown])
                }
                continue
            }
            asked[condition.column] = shown
            guard let c = columns.firstIndex(where: { $0.name == condition.column }),
                  case .discrete(let t) = transformer.columns[columns[c].column]
            else {
                if transformer.columns.contains(where: { $0.name == condition.column }) {
                    throw TableSynthesisError.numericConditionColumn(condition.column)
                }
                throw TableSynthesisError.unknownConditionColumn(condition.column, known: columns.map(\.name))
            }
            let known = t.levels + (t.hasMissing ? [""] : [])
            let category: Int?
            if let value = condition.value { category = t.levels.firstIndex(of: value) } else {
                category = t.hasMissing ? t.levels.count : nil
            }
            guard let category else {
                throw TableSynthesisError.unknownConditionValue(column: condition.column, value: condition.value ?? "",
                                                               known: known)
            }
            out.append((c, category))
        }
        return out
    }
}
