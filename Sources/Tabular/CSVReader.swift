import Foundation
import TensorCore

/// How a CSV file is read.
public struct CSVOptions: Sendable {
    /// Field delimiter; nil picks the most frequent of `,` `;` tab `|` in the header line.
    public var delimiter: Character?
    /// Columns to read as categorical whatever they hold (e.g. integer class labels).
    public var discrete: Set<String>
    /// Columns to read as numbers; a value that is not a number is an error.
    public var numeric: Set<String>
    /// Field texts (after trimming spaces) that mean "missing". The empty field is always missing.
    public var missingTokens: Set<String>

    /// The tokens pandas reads as missing, plus `?` (used by the UCI repository).
    public static let defaultMissingTokens: Set<String> = [
        "", "NA", "N/A", "n/a", "NaN", "nan", "-NaN", "-nan", "NULL", "null", "None", "<NA>", "#N/A", "#NA", "?",
    ]

    public init(delimiter: Character? = nil, discrete: Set<String> = [], numeric: Set<String> = [],
                missingTokens: Set<String> = CSVOptions.defaultMissingTokens) {
        self.delimiter = delimiter
        self.discrete = discrete
        self.numeric = numeric
        self.missingTokens = missingTokens
    }
}

extension Table {
    /// Reads a CSV file with a header line. See `init(csv:file:options:)` for typing rules.
    public static func read(csvFile path: String, options: CSVOptions = CSVOptions()) throws -> Table {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "permission denied or not a file" : "no such file"
            throw TableError.unreadable(file: path, reason: reason)
        }
        return try Table(csv: [UInt8](data), file: path, options: options)
    }

    /// Reads a CSV file typed like `reference`: its columns that `reference` also has are read as numbers when they
    /// are numeric there and as categories otherwise, so two tables (real and synthetic, train and test) compare
    /// column by column. Other columns follow `options`; names there that the file lacks are ignored.
    public static func read(csvFile path: String, options: CSVOptions = CSVOptions(), typedLike reference: Table) throws
        -> Table
    {
        let header = try Table.read(csvFile: path, options: CSVOptions(delimiter: options.delimiter,
                                                                      missingTokens: options.missingTokens)).columnNames
        var typed = options
        for c in reference.columns where header.contains(c.name) {
            if c.isNumeric {
                typed.numeric.insert(c.name)
                typed.discrete.remove(c.name)
            } else {
                typed.discrete.insert(c.name)
                typed.numeric.remove(c.name)
            }
        }
        typed.numeric.formIntersection(header)
        typed.discrete.formIntersection(header)
        return try Table.read(csvFile: path, options: typed)
    }

    /// Parses CSV bytes with a header line.
    ///
    /// Column typing: a column whose values are all whole numbers (no decimal point or exponent) is `.integer`;
    /// all numbers, `.float` keeping the most decimal places seen; all dates or date-times written the same way
    /// (``DateTimeFormat``), `.datetime`; all `true/false`, `yes/no`, `t/f` or `y/n` (any case), `.boolean`;
    /// anything else `.categorical`. `options.discrete` and `options.numeric` override (a column read as numeric
    /// may hold numbers or datetimes). Missing tokens are missing in any column.
    public init(csv bytes: [UInt8], file: String = "input", options: CSVOptions = CSVOptions()) throws {
        var delimiter: UInt8?
        if let d = options.delimiter {
            guard let a = d.asciiValue, d != "\"", d != "\n", d != "\r" else {
                throw TableError.invalidArgument("the delimiter must be one ASCII character other than a quote or "
                    + "line break, got '\(d)'")
            }
            delimiter = a
        }
        let records: [CSVDecoder.Record]
        do { records = try CSVDecoder.records(bytes, delimiter: delimiter) } catch let failure as CSVDecoder.Failure {
            switch failure {
            case .notUTF8(let line, let offset): throw TableError.notUTF8(file: file, line: line, byteOffset: offset)
            case .unterminatedQuote(let line): throw TableError.unterminatedQuote(file: file, line: line)
            }
        }
        guard let header = records.first else { throw TableError.emptyFile(file: file) }
        guard records.count > 1 else { throw TableError.noRows(file: file) }
        let names = header.fields
        var seen = Set<String>()
        for (k, name) in names.enumerated() {
            if name.trimmingCharacters(in: .whitespaces).isEmpty { throw TableError.emptyColumnName(file: file, position: k + 1) }
            if !seen.insert(name).inserted { throw TableError.duplicateColumnName(file: file, name: name) }
        }
        for name in options.discrete.union(options.numeric) where !seen.contains(name) {
            throw TableError.unknownColumn(name: name, available: names)
        }
        if let both = options.discrete.intersection(options.numeric).first {
            throw TableError.invalidArgument("column '\(both)' is named both discrete and numeric")
        }
        let rows = records.dropFirst()
        for r in rows where r.fields.count != names.count {
            throw TableError.raggedRow(file: file, line: r.line, expected: names.count, found: r.fields.count)
        }
        let lines = rows.map(\.line)
        var columns: [Column] = []
        columns.reserveCapacity(names.count)
        for (k, name) in names.enumerated() {
            let cells = rows.map { $0.fields[k] }
            let typer = ColumnTyper(name: name, file: file, missingTokens: options.missingTokens)
            let forced: ColumnTyper.Forced? = options.discrete.contains(name) ? .discrete
                : options.numeric.contains(name) ? .numeric : nil
            columns.append(try typer.column(cells: cells, lines: lines, forced: forced))
        }
        self = try Table(columns: columns)
    }
}

/// Decides a column's kind from its texts and builds the column.
struct ColumnTyper {
    enum Forced { case discrete, numeric }

    let name: String
    let file: String
    let missingTokens: Set<String>

    static let booleanPairs: [Set<String>] = [["true", "false"], ["yes", "no"], ["t", "f"], ["y", "n"]]

    func column(cells: [String], lines: [Int], forced: Forced?) throws -> Column {
        let trimmed = cells.map { $0.trimmingCharacters(in: .whitespaces) }
        let present = trimmed.indices.filter { !missingTokens.contains(trimmed[$0]) }
        if present.isEmpty { throw TableError.allMissing(file: file, column: name) }
        if forced != .discrete {
            var values = [Double](repeating: .nan, count: cells.count)
            var integer = true
            var decimals = 0
            var numeric = true
            for i in present {
                guard let (v, d, isInt) = Self.parseNumber(trimmed[i]) else {
                    numeric = false
                    break
                }
                values[i] = v
                integer = integer && isInt
                decimals = max(decimals, d)
            }
            if numeric {
                return Column(name: name, kind: integer ? .integer : .float, decimals: min(decimals, 15), values: values)
            }
            if let (dates, format) = Self.dates(trimmed, present: present) {
                return Column(name: name, kind: .datetime, dateFormat: format, values: dates)
            }
            if forced == .numeric {
                let bad = present.first { Self.parseNumber(trimmed[$0]) == nil && DateTimeFormat.parse(trimmed[$0]) == nil }
                    ?? present.first { Self.parseNumber(trimmed[$0]) == nil }!
                throw TableError.notNumeric(file: file, column: name, line: lines[bad], value: cells[bad])
            }
        }
        let strings: [String?] = cells.indices.map { missingTokens.contains(trimmed[$0]) ? nil : cells[$0] }
        var kind = ColumnKind.categorical
        if forced == nil {
            let lowered = Set(present.map { trimmed[$0].lowercased() })
            if Self.booleanPairs.contains(where: { lowered.isSubset(of: $0) }) { kind = .boolean }
        }
        return Column(name: name, kind: kind, strings: strings)
    }

    /// The texts at `present` as datetimes when every one of them is a date or date-time in one format; nil
    /// otherwise.
    static func dates(_ texts: [String], present: [Int]) -> (values: [Double], format: DateTimeFormat)? {
        var values = [Double](repeating: .nan, count: texts.count)
        var format: DateTimeFormat?
        for i in present {
            guard let (v, f) = DateTimeFormat.parse(texts[i]), format == nil || format == f else { return nil }
            format = f
            values[i] = v
        }
        return format.map { (values, $0) }
    }

    /// A decimal number `[+-]digits[.digits][(e|E)[+-]digits]`: its value, decimal places, and whether it is whole
    /// (no point, no exponent). Hexadecimal, `inf` and `nan` spellings are not numbers here.
    static func parseNumber(_ s: String) -> (Double, Int, Bool)? {
        let u = Array(s.utf8)
        var i = 0
        if i < u.count && (u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-")) { i += 1 }
        var intDigits = 0, fracDigits = 0
        var hasPoint = false, hasExponent = false
        var exponent = 0
        while i < u.count && u[i] >= 48 && u[i] <= 57 { intDigits += 1; i += 1 }
        if i < u.count && u[i] == UInt8(ascii: ".") {
            hasPoint = true
            i += 1
            while i < u.count && u[i] >= 48 && u[i] <= 57 { fracDigits += 1; i += 1 }
        }
        if intDigits + fracDigits == 0 { return nil }
        if i < u.count && (u[i] == UInt8(ascii: "e") || u[i] == UInt8(ascii: "E")) {
            hasExponent = true
            i += 1
            var sign = 1
            if i < u.count && (u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-")) {
                sign = u[i] == UInt8(ascii: "-") ? -1 : 1
                i += 1
            }
            var expDigits = 0
            while i < u.count && u[i] >= 48 && u[i] <= 57 {
                exponent = min(exponent * 10 + Int(u[i] - 48), 10_000)
                expDigits += 1
                i += 1
            }
            if expDigits == 0 { return nil }
            exponent *= sign
        }
        guard i == u.count, let v = Double(s), v.isFinite else { return nil }
        let decimals = max(0, fracDigits - exponent)
        return (v, decimals, !hasPoint && !hasExponent)
    }
}
