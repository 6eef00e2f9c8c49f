import Foundation
import TensorCore

/// Series in CSV files, in two layouts.
///
/// - **Long**: one row per series and time step: an id column, a time column and one column per feature (plus an
///   optional label column). Rows may come in any order; each series is sorted by time (numerically when every time
///   stamp is a number, as text otherwise, which orders ISO dates).
/// - **Wide**: one row per series: an optional id column, an optional label column, and one column per time step.
///   Multivariate files name the value columns `<feature>_<step>` (`temp_0, temp_1, …, hum_0, …`); any other names
///   make a univariate file read in column order as feature `value`. Trailing empty cells make a series shorter.
public enum SeriesCSV {
    /// Which layout a file has.
    public enum Layout: String, Sendable, CaseIterable {
        /// Long when the time column is present, wide otherwise.
        case auto
        case long
        case wide
    }

    /// How to read a file.
    public struct Options: Sendable {
        public var layout: Layout
        /// The series id column (long: groups rows into series; wide: names rows). Optional in the file.
        public var idColumn: String
        /// The time column of the long layout.
        public var timeColumn: String
        /// A per-series class label column; must be present when set.
        public var labelColumn: String?

        public init(layout: Layout = .auto, idColumn: String = "id", timeColumn: String = "time",
                    labelColumn: String? = nil) {
            self.layout = layout
            self.idColumn = idColumn
            self.timeColumn = timeColumn
            self.labelColumn = labelColumn
        }
    }

    /// Reads the file at `path`; returns its series and the layout it was read in.
    public static func read(path: String, options: Options = Options()) throws -> (SeriesCollection, Layout) {
        try parse(bytes: [UInt8](SeriesFile.readData(path: path)), path: path, options: options)
    }

    /// Parses CSV text; `path` is used in error messages.
    public static func parse(_ text: String, path: String, options: Options = Options()) throws
        -> (SeriesCollection, Layout)
    {
        try parse(bytes: Array(text.utf8), path: path, options: options)
    }

    /// Parses CSV bytes (UTF-8, a byte-order mark is skipped); `path` is used in error messages.
    public static func parse(bytes: [UInt8], path: String, options: Options = Options()) throws
        -> (SeriesCollection, Layout)
    {
        let records: [CSVDecoder.Record]
        do { records = try CSVDecoder.records(bytes, delimiter: UInt8(ascii: ",")) } catch let failure as CSVDecoder.Failure {
            switch failure {
            case .notUTF8(let line, let offset):
                throw SeriesError.csvLayout(path: path, message: "line \(line) (byte \(offset)) holds bytes that are not "
                    + "valid UTF-8; re-save the file as UTF-8")
            case .unterminatedQuote(let line):
                throw SeriesError.csvLayout(path: path, message: "a quoted field opened on line \(line) is never closed")
            }
        }
        guard let header = records.first?.fields else {
            throw SeriesError.csvLayout(path: path, message: "the file is empty; expected a header row")
        }
        let table = Table(path: path, header: header, rows: Array(records.dropFirst()))
        try table.checkHeaderAndWidths()
        if let label = options.labelColumn {
            if table.index(of: label) == nil { throw table.missing(label, role: "label") }
            if label == options.idColumn || label == options.timeColumn {
                throw SeriesError.csvLayout(
                    path: path, message: "the label column '\(label)' is also the id or time column; name another column")
            }
        }
        var layout = options.layout
        if layout == .auto { layout = table.index(of: options.timeColumn) != nil ? .long : .wide }
        switch layout {
        case .long: return (try readLong(table, options), .long)
        default: return (try readWide(table, options), .wide)
        }
    }

    /// Writes `data` to `path` in `layout` (`.auto` means long), atomically.
    public static func write(_ data: SeriesArray, path: String, layout: Layout) throws {
        let text = layout == .wide ? wideText(data) : longText(data)
        try SeriesFile.writeAtomically(Data(text.utf8), path: path)
    }

    // MARK: Long layout

    private static func readLong(_ table: Table, _ options: Options) throws -> SeriesCollection {
        let idIndex = table.index(of: options.idColumn)
        let timeIndex = table.index(of: options.timeColumn)
        let labelIndex = options.labelColumn.flatMap(table.index(of:))
        let featureIndices = table.header.indices.filter { $0 != idIndex && $0 != timeIndex && $0 != labelIndex }
        guard !featureIndices.isEmpty else {
            throw SeriesError.csvLayout(path: table.path, message: "no feature columns besides id, time and label")
        }
        var order: [String] = []
        var groups: [String: [CSVDecoder.Record]] = [:]
        for row in table.rows {
            let id = idIndex.map { row.fields[$0] } ?? "0"
            if groups[id] == nil { order.append(id) }
            groups[id, default: []].append(row)
        }
        var series: [Series] = []
        for id in order {
            var rows = groups[id]!
            var times: [String]? = nil
            if let timeIndex {
                rows = try sortedByTime(rows, timeIndex: timeIndex, id: id, table: table)
                times = rows.map { $0.fields[timeIndex] }
            }
            var values: [Float] = []
            values.reserveCapacity(rows.count * featureIndices.count)
            for row in rows {
                for f in featureIndices { values.append(try table.number(row, f)) }
            }
            let label = try labelIndex.map { li in try constantLabel(rows, labelIndex: li, id: id, table: table) }
            series.append(Series(id: id, label: label, times: times, values: values))
        }
        return SeriesCollection(featureNames: featureIndices.map { table.header[$0] },
                                labelName: labelIndex.map { table.header[$0] }, series: series)
    }

    private static func sortedByTime(_ rows: [CSVDecoder.Record], timeIndex: Int, id: String, table: Table) throws
        -> [CSVDecoder.Record]
    {
        let stamps = rows.map { $0.fields[timeIndex].trimmingCharacters(in: .whitespaces) }
        let numbers = stamps.compactMap(Double.init)
        if let k = stamps.firstIndex(where: { Double($0).map { !$0.isFinite } ?? false }) {
            throw SeriesError.csvLayout(
                path: table.path,
                message: "line \(rows[k].line): series '\(id)' has time '\(stamps[k])', which is not a finite number; "
                    + "give every row a finite time stamp")
        }
        let order: [Int]
        if numbers.count == stamps.count {
            order = rows.indices.sorted { (numbers[$0], $0) < (numbers[$1], $1) }
        } else {
            order = rows.indices.sorted { (stamps[$0], $0) < (stamps[$1], $1) }
        }
        for k in order.indices.dropFirst() where stamps[order[k]] == stamps[order[k - 1]] {
            throw SeriesError.csvLayout(
                path: table.path,
                message: "series '\(id)' has time '\(stamps[order[k]])' twice (lines \(rows[order[k - 1]].line) and "
                    + "\(rows[order[k]].line)); each series needs one row per time step")
        }
        return order.map { rows[$0] }
    }

    private static func constantLabel(_ rows: [CSVDecoder.Record], labelIndex: Int, id: String, table: Table) throws
        -> String
    {
        let label = rows[0].fields[labelIndex]
        if let other = rows.first(where: { $0.fields[labelIndex] != label }) {
            throw SeriesError.csvLayout(
                path: table.path,
                message: "series '\(id)' has label '\(label)' on line \(rows[0].line) but '\(other.fields[labelIndex])' "
                    + "on line \(other.line); a label must be the same on every row of a series")
        }
        return label
    }

    private static func longText(_ data: SeriesArray) -> String {
        var text = CSVEncoder.line(["id", "time"] + (data.labels != nil ? [data.labelName ?? "label"] : [])
            + data.featureNames)
        for n in 0..<data.count {
            for t in 0..<data.length {
                var fields = [data.ids[n], data.times?[n * data.length + t] ?? String(t)]
                if let labels = data.labels { fields.append(labels[n]) }
                for c in 0..<data.features { fields.append(String(data[n, t, c])) }
                text += CSVEncoder.line(fields)
            }
        }
        return text
    }

    // MARK: Wide layout

    private static func readWide(_ table: Table, _ options: Options) throws -> SeriesCollection {
        let idIndex = table.index(of: options.idColumn)
        let labelIndex = options.labelColumn.flatMap(table.index(of:))
        let valueIndices = table.header.indices.filter { $0 != idIndex && $0 != labelIndex }
        guard !valueIndices.isEmpty else {
            throw SeriesError.csvLayout(path: table.path, message: "no value columns besides id and label")
        }
        let (names, grid) = try wideColumns(valueIndices.map { table.header[$0] }, path: table.path)
        let steps = grid[0].count
        var series: [Series] = []
        for (r, row) in table.rows.enumerated() {
            // grid[c][t] is the position in valueIndices of feature c at step t.
            func cell(_ c: Int, _ t: Int) -> Int { valueIndices[grid[c][t]] }
            var length = steps
            while length > 0 && (0..<names.count).allSatisfy({ row.fields[cell($0, length - 1)].isEmpty }) { length -= 1 }
            var values: [Float] = []
            values.reserveCapacity(length * names.count)
            for t in 0..<length {
                for c in 0..<names.count { values.append(try table.number(row, cell(c, t))) }
            }
            series.append(Series(id: idIndex.map { row.fields[$0] } ?? String(r),
                                 label: labelIndex.map { row.fields[$0] }, values: values))
        }
        return SeriesCollection(featureNames: names, labelName: labelIndex.map { table.header[$0] }, series: series)
    }

    /// Feature names and, per feature, the column position of each step.
    private static func wideColumns(_ columns: [String], path: String) throws -> ([String], [[Int]]) {
        let parsed = columns.map { name -> (String, Int)? in
            guard let cut = name.lastIndex(of: "_"), let step = Int(name[name.index(after: cut)...]), step >= 0
            else { return nil }
            return (String(name[..<cut]), step)
        }
        guard parsed.allSatisfy({ $0 != nil }) else { return (["value"], [Array(columns.indices)]) }
        var names: [String] = []
        var steps: [String: [Int: Int]] = [:]
        for (position, entry) in parsed.enumerated() {
            let (name, step) = entry!
            if steps[name] == nil { names.append(name) }
            if steps[name, default: [:]].updateValue(position, forKey: step) != nil {
                throw SeriesError.csvLayout(path: path, message: "column '\(name)_\(step)' appears twice")
            }
        }
        let length = steps[names[0]]!.count
        var grid: [[Int]] = []
        for name in names {
            let byStep = steps[name]!
            guard byStep.count == length, (0..<length).allSatisfy({ byStep[$0] != nil }) else {
                throw SeriesError.csvLayout(
                    path: path,
                    message: "feature '\(name)' has columns for steps \(byStep.keys.sorted().prefix(5))… but '\(names[0])' "
                        + "has steps 0…\(length - 1); every feature needs the columns <name>_0 … <name>_\(length - 1)")
            }
            grid.append((0..<length).map { byStep[$0]! })
        }
        return (names, grid)
    }

    private static func wideText(_ data: SeriesArray) -> String {
        var header = ["id"] + (data.labels != nil ? [data.labelName ?? "label"] : [])
        for name in data.featureNames { header += (0..<data.length).map { "\(name)_\($0)" } }
        var text = CSVEncoder.line(header)
        for n in 0..<data.count {
            var fields = [data.ids[n]]
            if let labels = data.labels { fields.append(labels[n]) }
            for c in 0..<data.features {
                for t in 0..<data.length { fields.append(String(data[n, t, c])) }
            }
            text += CSVEncoder.line(fields)
        }
        return text
    }
}

/// A parsed CSV file: header and data rows, with helpers that make located error messages.
private struct Table {
    let path: String
    let header: [String]
    let rows: [CSVDecoder.Record]

    func index(of column: String) -> Int? { header.firstIndex(of: column) }

    func checkHeaderAndWidths() throws {
        var seen = Set<String>()
        for name in header where !seen.insert(name).inserted {
            throw SeriesError.csvLayout(path: path, message: "the header names column '\(name)' twice")
        }
        for row in rows where row.fields.count != header.count {
            throw SeriesError.csvLayout(
                path: path, message: "line \(row.line) has \(row.fields.count) fields but the header has \(header.count)")
        }
    }

    func missing(_ column: String, role: String) -> SeriesError {
        .csvLayout(path: path, message: "no \(role) column '\(column)'; the columns are \(header.joined(separator: ", "))")
    }

    func number(_ row: CSVDecoder.Record, _ column: Int) throws -> Float {
        let text = row.fields[column].trimmingCharacters(in: .whitespaces)
        guard let value = Float(text), value.isFinite else {
            throw SeriesError.badValue(path: path, line: row.line, column: header[column], value: row.fields[column])
        }
        return value
    }
}
