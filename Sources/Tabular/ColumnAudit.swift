/// A column a synthesizer should probably not learn: a row identifier, or one value in every row.
public struct ColumnFinding: Equatable, Sendable, CustomStringConvertible {
    public enum Kind: String, Equatable, Sendable {
        /// Whole numbers or texts unique to each row, or whole numbers that rise or fall from row to row: a row id.
        case identifier
        /// The same value in every row.
        case constant
    }

    public var column: String
    public var kind: Kind
    /// Why, in words (e.g. "53940 distinct values in 53940 rows").
    public var reason: String

    /// `column 'id' looks like a row identifier (53940 distinct values in 53940 rows)`.
    public var description: String {
        switch kind {
        case .identifier: return "column '\(column)' looks like a row identifier (\(reason))"
        case .constant: return "column '\(column)' is constant (\(reason))"
        }
    }
}

extension Table {
    /// Fewest rows for which a column unique per row is called an identifier.
    public static let identifierMinimumRows = 20

    /// The columns that look like row identifiers or constants, in table order. An identifier is an integer or text
    /// column with no missing value and a different value in every row (tables of at least
    /// ``identifierMinimumRows`` rows), or an integer column whose values strictly rise or fall down the table.
    /// Float and datetime columns are never called identifiers: measurements and timestamps are often unique.
    public func suspiciousColumns() -> [ColumnFinding] {
        columns.compactMap { column in
            let n = column.count
            guard n > 0, column.missingCount == 0 else { return nil }
            switch column.data {
            case .numeric(let v):
                if v.allSatisfy({ $0 == v[0] }) {
                    return ColumnFinding(column: column.name, kind: .constant, reason: "\(column.text(0)) in all \(n) rows")
                }
                guard column.kind == .integer, n >= 2 else { return nil }
                let rising = zip(v, v.dropFirst()).allSatisfy { $0 < $1 }
                let falling = zip(v, v.dropFirst()).allSatisfy { $0 > $1 }
                if rising || falling {
                    return ColumnFinding(column: column.name, kind: .identifier,
                                         reason: "its whole numbers \(rising ? "rise" : "fall") in every row")
                }
                if n >= Self.identifierMinimumRows, Set(v).count == n {
                    return ColumnFinding(column: column.name, kind: .identifier,
                                         reason: "\(n) distinct values in \(n) rows")
                }
            case .discrete(let codes, let levels):
                if Set(codes).count == 1 {
                    return ColumnFinding(column: column.name, kind: .constant,
                                         reason: "'\(levels[codes[0]])' in all \(n) rows")
                }
                if column.kind == .categorical, n >= Self.identifierMinimumRows, Set(codes).count == n {
                    return ColumnFinding(column: column.name, kind: .identifier,
                                         reason: "\(n) distinct values in \(n) rows")
                }
            }
            return nil
        }
    }

    /// This table without the columns named in `names` (each must exist).
    public func removing(columns names: [String]) throws -> Table {
        for name in names { _ = try index(of: name) }
        let drop = Set(names)
        return try Table(columns: columns.filter { !drop.contains($0.name) })
    }
}
