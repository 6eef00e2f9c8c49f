import Tabular

/// Errors raised by the table metrics. Messages name the column or table at fault and say what to do.
public enum TableMetricError: Error, CustomStringConvertible, Equatable {
    /// A table without rows.
    case emptyTable(String)
    /// The two tables do not have the same columns.
    case mismatchedColumns(onlyReal: [String], onlySynthetic: [String])
    /// A column that is numeric in one table and discrete in the other.
    case kindMismatch(column: String, real: ColumnKind, synthetic: ColumnKind)
    /// A target column that cannot be used.
    case unusableTarget(column: String, reason: String)
    /// Too few rows for a metric.
    case tooFewRows(metric: String, needed: Int, found: Int)
    /// An option out of range, or an augmented table that does not fit the data; the message says which.
    case invalidOption(String)

    public var description: String {
        switch self {
        case .emptyTable(let which): return "the \(which) table has no rows"
        case .mismatchedColumns(let r, let s):
            var parts: [String] = []
            if !r.isEmpty { parts.append("only in the real table: \(r.joined(separator: ", "))") }
            if !s.isEmpty { parts.append("only in the synthetic table: \(s.joined(separator: ", "))") }
            return "the tables have different columns (\(parts.joined(separator: "; "))); compare tables with the "
                + "same header"
        case .kindMismatch(let c, let r, let s):
            return "column '\(c)' is \(r.rawValue) in the real table but \(s.rawValue) in the synthetic one; read "
                + "both with the same `CSVOptions.discrete` and `CSVOptions.numeric`"
        case .unusableTarget(let c, let reason): return "target column '\(c)': \(reason)"
        case .tooFewRows(let m, let n, let f): return "\(m) needs at least \(n) rows, got \(f)"
        case .invalidOption(let message): return message
        }
    }
}
