/// Problems specific to tabular synthesis (the data layer has `TableError`, the trainer `TrainingError`). Each
/// message names the column, value or file at fault and says what to do.
public enum TableSynthesisError: Error, CustomStringConvertible, Equatable {
    /// A condition on a column the model does not have.
    case unknownConditionColumn(String, known: [String])
    /// A condition on a numeric (not discrete) column.
    case numericConditionColumn(String)
    /// A condition value the column never had when the model was fitted.
    case unknownConditionValue(column: String, value: String, known: [String])
    /// Two conditions on one column with different values.
    case conflictingConditions(column: String, values: [String])
    /// A condition that is not written `column=value`.
    case malformedCondition(String)
    /// Conditions on several columns that the generator rarely produces together.
    case conditionsTooRare(conditions: String, found: Int, wanted: Int, tried: Int)
    /// A file or folder that is not a SwiftGAN table model, or a run that does not match its data.
    case notAModel(String)
    /// An option out of its domain.
    case invalidOption(String)

    public var description: String {
        switch self {
        case .unknownConditionColumn(let c, let known):
            return known.isEmpty
                ? "no column named '\(c)' can be conditioned on: this model has no discrete column"
                : "no discrete column named '\(c)'; conditions can name: \(known.joined(separator: ", "))"
        case .numericConditionColumn(let c):
            return "column '\(c)' is numeric; conditions name discrete columns (train with '\(c)' in `TableTrainingOptions.discrete` to "
                + "condition on its values)"
        case .unknownConditionValue(let c, let v, let known):
            let shown = known.prefix(20).map { $0.isEmpty ? "(missing)" : $0 }.joined(separator: ", ")
            return "column '\(c)' had no value '\(v)' when the model was trained; it has: \(shown)"
                + (known.count > 20 ? ", … (\(known.count) in all)" : "")
        case .conflictingConditions(let c, let values):
            return "column '\(c)' is conditioned on several values (\(values.joined(separator: ", "))); give one"
        case .malformedCondition(let s):
            return "condition '\(s)' is not of the form column=value"
        case .conditionsTooRare(let c, let found, let wanted, let tried):
            return "the model produced only \(found) of \(wanted) rows with \(c) in \(tried) tries; condition on "
                + "fewer columns, or train longer"
        case .notAModel(let m): return m
        case .invalidOption(let m): return m
        }
    }
}
