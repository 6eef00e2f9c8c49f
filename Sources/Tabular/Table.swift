import Foundation

/// What a column holds. Integer, float and datetime columns are numeric (a datetime as seconds since 1970 UTC, see
/// ``DateTimeFormat``); categorical and boolean columns are discrete.
public enum ColumnKind: String, Codable, Sendable, CaseIterable {
    case integer, float, datetime, categorical, boolean

    /// True for integer, float and datetime columns.
    public var isNumeric: Bool { self == .integer || self == .float || self == .datetime }
}

/// The values of one column.
public enum ColumnData: Sendable {
    /// Numbers; `NaN` marks a missing value.
    case numeric([Double])
    /// Category codes into `levels`; `-1` marks a missing value.
    case discrete(codes: [Int], levels: [String])
}

/// One named, typed column of a `Table`.
public struct Column: Sendable {
    public var name: String
    public var kind: ColumnKind
    /// Decimal places written for a numeric column (0 for integers and datetimes); unused for discrete columns.
    public var decimals: Int
    /// How a datetime column writes its values; nil for every other kind.
    public private(set) var dateFormat: DateTimeFormat?
    public var data: ColumnData

    /// A numeric column. `NaN` marks missing values. `kind` `.datetime` needs `dateFormat`; without one it becomes
    /// `.float`.
    public init(name: String, kind: ColumnKind = .float, decimals: Int = 6, dateFormat: DateTimeFormat? = nil,
                values: [Double]) {
        self.name = name
        self.kind = kind.isNumeric && (kind != .datetime || dateFormat != nil) ? kind : .float
        self.decimals = self.kind == .float ? max(0, decimals) : 0
        self.dateFormat = self.kind == .datetime ? dateFormat : nil
        self.data = .numeric(values)
    }

    /// A discrete column from category codes (`-1` = missing) into `levels`.
    public init(name: String, kind: ColumnKind = .categorical, codes: [Int], levels: [String]) {
        self.name = name
        self.kind = kind.isNumeric ? .categorical : kind
        self.decimals = 0
        self.dateFormat = nil
        self.data = .discrete(codes: codes, levels: levels)
    }

    /// A discrete column from strings; `nil` is missing. Levels are sorted.
    public init(name: String, kind: ColumnKind = .categorical, strings: [String?]) {
        let levels = Array(Set(strings.compactMap { $0 })).sorted()
        var index: [String: Int] = [:]
        for (i, l) in levels.enumerated() { index[l] = i }
        self.init(name: name, kind: kind, codes: strings.map { $0.map { index[$0]! } ?? -1 }, levels: levels)
    }

    /// Number of rows.
    public var count: Int {
        switch data {
        case .numeric(let v): return v.count
        case .discrete(let c, _): return c.count
        }
    }

    /// True for integer and float columns.
    public var isNumeric: Bool { kind.isNumeric }

    /// The numbers of a numeric column (`NaN` = missing), nil for a discrete column.
    public var numbers: [Double]? {
        if case .numeric(let v) = data { return v }
        return nil
    }

    /// Codes and levels of a discrete column, nil for a numeric column.
    public var categories: (codes: [Int], levels: [String])? {
        if case .discrete(let c, let l) = data { return (c, l) }
        return nil
    }

    /// True when row `i` is missing.
    public func isMissing(_ i: Int) -> Bool {
        switch data {
        case .numeric(let v): return v[i].isNaN
        case .discrete(let c, _): return c[i] < 0
        }
    }

    /// How many rows are missing.
    public var missingCount: Int {
        switch data {
        case .numeric(let v): return v.reduce(0) { $0 + ($1.isNaN ? 1 : 0) }
        case .discrete(let c, _): return c.reduce(0) { $0 + ($1 < 0 ? 1 : 0) }
        }
    }

    /// Row `i` as it is written to CSV (empty for missing).
    public func text(_ i: Int) -> String {
        switch data {
        case .numeric(let v):
            if let dateFormat { return dateFormat.string(v[i]) }
            return NumberFormatting.format(v[i], decimals: decimals)
        case .discrete(let c, let l): return c[i] < 0 ? "" : l[c[i]]
        }
    }

    /// The column restricted to `rows` (in that order, repeats allowed).
    public func selecting(_ rows: [Int]) -> Column {
        var out = self
        switch data {
        case .numeric(let v): out.data = .numeric(rows.map { v[$0] })
        case .discrete(let c, let l): out.data = .discrete(codes: rows.map { c[$0] }, levels: l)
        }
        return out
    }

    /// The column as categories: a discrete column unchanged, a numeric one with its written numbers as levels (sorted
    /// as text).
    public func asCategorical() -> Column {
        guard isNumeric else { return self }
        return Column(name: name, strings: (0..<count).map { isMissing($0) ? nil : text($0) })
    }

    /// Numeric values rounded to the column's decimal places (integers to whole numbers, datetimes to their format's
    /// resolution); discrete columns unchanged.
    public func rounded() -> Column {
        guard case .numeric(let v) = data else { return self }
        var out = self
        out.data = .numeric(v.map { dateFormat?.rounded($0) ?? NumberFormatting.round($0, decimals: decimals) })
        return out
    }
}

/// A table of named, typed columns of equal length.
public struct Table: Sendable {
    public private(set) var columns: [Column]
    public let rowCount: Int

    /// A table from columns of equal length with unique names.
    public init(columns: [Column]) throws {
        let n = columns.first?.count ?? 0
        var seen = Set<String>()
        for c in columns {
            if c.count != n {
                throw TableError.shapeMismatch("column '\(c.name)' has \(c.count) rows, '\(columns[0].name)' has \(n)")
            }
            if !seen.insert(c.name).inserted { throw TableError.duplicateColumnName(file: "table", name: c.name) }
        }
        self.columns = columns
        self.rowCount = n
    }

    /// The column names in order.
    public var columnNames: [String] { columns.map(\.name) }

    /// Position of the column called `name`.
    public func index(of name: String) throws -> Int {
        guard let i = columns.firstIndex(where: { $0.name == name }) else {
            throw TableError.unknownColumn(name: name, available: columnNames)
        }
        return i
    }

    /// The column called `name`.
    public func column(_ name: String) throws -> Column { columns[try index(of: name)] }

    /// The rows at `rows`, in that order (repeats allowed).
    public func selecting(rows: [Int]) -> Table {
        // Same names and equal lengths: cannot fail.
        try! Table(columns: columns.map { $0.selecting(rows) })
    }

    /// This table with `other`'s rows appended. Columns must match by name and kind; levels are merged.
    public func appending(_ other: Table) throws -> Table {
        guard other.columnNames == columnNames else {
            throw TableError.shapeMismatch("columns \(other.columnNames) cannot be appended to \(columnNames)")
        }
        var out: [Column] = []
        for (a, b) in zip(columns, other.columns) {
            var c = a
            switch (a.data, b.data) {
            case (.numeric(let x), .numeric(let y)):
                c.data = .numeric(x + y)
                c.decimals = max(a.decimals, b.decimals)
            case (.discrete(let x, let lx), .discrete(let y, let ly)):
                var levels = lx
                var index: [String: Int] = [:]
                for (i, l) in lx.enumerated() { index[l] = i }
                let map = ly.map { l -> Int in
                    if let i = index[l] { return i }
                    levels.append(l)
                    index[l] = levels.count - 1
                    return levels.count - 1
                }
                c.data = .discrete(codes: x + y.map { $0 < 0 ? -1 : map[$0] }, levels: levels)
            default:
                throw TableError.wrongColumnKind(column: a.name, reason: "numeric in one table and discrete in the other")
            }
            out.append(c)
        }
        return try Table(columns: out)
    }

    /// This table with column `i` replaced (same length and name rules apply).
    public func replacing(column i: Int, with column: Column) throws -> Table {
        var cs = columns
        cs[i] = column
        return try Table(columns: cs)
    }
}

/// How SwiftGAN writes and rounds numbers.
public enum NumberFormatting {
    /// `value` rounded half away from zero to `decimals` places (NaN stays NaN).
    public static func round(_ value: Double, decimals: Int) -> Double {
        guard value.isFinite else { return value }
        if decimals == 0 { return value.rounded() }
        let scale = pow(10, Double(min(decimals, 15)))
        let r = (value * scale).rounded() / scale
        return r.isFinite ? r : value
    }

    /// `value` with exactly `decimals` places, no negative zero; empty for NaN.
    public static func format(_ value: Double, decimals: Int) -> String {
        if value.isNaN { return "" }
        var s = String(format: "%.\(min(max(decimals, 0), 15))f", value)
        if s.hasPrefix("-"), s.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { s.removeFirst() }
        return s
    }
}
