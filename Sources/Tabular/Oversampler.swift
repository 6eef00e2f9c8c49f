import Foundation

/// How new rows for a minority class are made.
public enum OversamplingMethod: String, CaseIterable, Sendable, Codable {
    /// SMOTE (Chawla et al. 2002) on numeric features; SMOTE-NC when there are categorical features.
    case smote
    /// Random oversampling: copies of randomly drawn rows of the class.
    case random
}

/// The rows per class before and after oversampling.
public struct ClassCount: Sendable, Codable, Equatable {
    public var label: String
    public var before: Int
    public var added: Int
}

/// The result of `Oversampler.resample`.
public struct OversamplingResult: Sendable {
    /// The input rows followed by the new rows.
    public var table: Table
    public var classes: [ClassCount]
    /// True when SMOTE-NC was used (the table has categorical features).
    public var usedSMOTENC: Bool
}

/// Class balancing by oversampling, as imbalanced-learn does it: every class is raised to `ratio` × the size of the
/// largest class (never lowered; ratio 1 = balanced). SMOTE draws a row of the class and one of its `neighbors`
/// nearest same-class rows and takes a uniform point on the segment between them; distances are Euclidean on the
/// raw numeric features (no scaling, as imbalanced-learn). SMOTE-NC adds each categorical feature as a one-hot scaled
/// to half the median standard deviation of the numeric features in the smallest class, and gives a new row the most
/// frequent category among the drawn row's neighbours (ties at random).
///
/// Missing values: a missing category is a category of its own; a missing number counts as its class mean for
/// distances, stays missing when the drawn row has it missing, and takes the drawn row's value when only the
/// neighbour has it missing. Rows with a missing target are kept but not resampled. New numbers are rounded to the
/// column's decimal places (integers stay integers).
public struct Oversampler: Sendable {
    public var method: OversamplingMethod
    public var target: String
    public var ratio: Double
    public var neighbors: Int
    /// A numeric target with at most this many distinct values is treated as class labels.
    public static let maxNumericClasses = 50

    public init(method: OversamplingMethod, target: String, ratio: Double = 1, neighbors: Int = 5) {
        self.method = method
        self.target = target
        self.ratio = ratio
        self.neighbors = neighbors
    }

    public func resample<G: RandomNumberGenerator>(_ table: Table, using rng: inout G) throws -> OversamplingResult {
        guard ratio > 0, ratio.isFinite else { throw TableError.invalidArgument("the oversampling ratio must be above 0, got \(ratio)") }
        guard neighbors >= 1 else { throw TableError.invalidArgument("neighbours must be at least 1, got \(neighbors)") }
        let targetIndex = try table.index(of: target)
        let (labels, names) = try classLabels(table.columns[targetIndex])
        var members = [[Int]](repeating: [], count: names.count)
        for (i, l) in labels.enumerated() where l >= 0 { members[l].append(i) }
        let largest = members.map(\.count).max() ?? 0
        let wanted = Int((ratio * Double(largest)).rounded())
        let features = table.columns.indices.filter { $0 != targetIndex }
        let categorical = features.contains { !table.columns[$0].isNumeric }
        let encoder = method == .smote
            ? SMOTEEncoder(table: table, features: features, smallestClass: members.filter { !$0.isEmpty }
                .min { $0.count < $1.count } ?? [])
            : nil
        var newRows: [[FeatureValue]] = []
        var newLabels: [Int] = []
        var counts: [ClassCount] = []
        for (c, rows) in members.enumerated() {
            let need = rows.isEmpty ? 0 : max(0, wanted - rows.count)  // a level without rows is not a class here
            counts.append(ClassCount(label: names[c], before: rows.count, added: need))
            guard need > 0 else { continue }
            let made: [[FeatureValue]]
            if let encoder {
                guard rows.count >= 2 else {
                    throw TableError.classTooSmall(column: target, label: names[c], count: rows.count, needed: 2)
                }
                made = encoder.synthesize(rows: rows, count: need, neighbors: neighbors, using: &rng)
            } else {
                made = (0..<need).map { _ in
                    let r = rows[Int(rng.next() % UInt64(rows.count))]
                    return features.map { FeatureValue(table.columns[$0], row: r) }
                }
            }
            newRows += made
            newLabels += [Int](repeating: c, count: need)
        }
        let added = try assemble(table, targetIndex: targetIndex, features: features, rows: newRows,
                                 labels: newLabels, names: names)
        return OversamplingResult(table: try table.appending(added), classes: counts,
                                  usedSMOTENC: method == .smote && categorical)
    }

    /// Class index per row (-1 = missing) and class names, from a discrete or small-integer target.
    func classLabels(_ column: Column) throws -> ([Int], [String]) {
        if let (codes, levels) = column.categories { return (codes, levels) }
        guard column.kind == .integer else {
            throw TableError.wrongColumnKind(column: column.name, reason: "holds continuous numbers; oversampling "
                + "balances the classes of a categorical target (name it in `CSVOptions.discrete` if it is a label)")
        }
        let (codes, levels) = DataTransformer.discreteCodes(column)
        guard levels.count <= Self.maxNumericClasses else {
            throw TableError.wrongColumnKind(column: column.name, reason: "has \(levels.count) distinct numbers; "
                + "oversampling balances the classes of a categorical target")
        }
        return (codes, levels)
    }

    /// The new rows as a table with the input's columns.
    func assemble(_ table: Table, targetIndex: Int, features: [Int], rows: [[FeatureValue]], labels: [Int],
                  names: [String]) throws -> Table {
        var columns: [Column] = []
        for (c, column) in table.columns.enumerated() {
            var out = column.selecting([])
            if c == targetIndex {
                if let levels = column.categories?.levels {
                    let position = Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($1, $0) })
                    out.data = .discrete(codes: labels.map { position[names[$0]]! }, levels: levels)
                } else {
                    out.data = .numeric(labels.map { Double(names[$0])! })
                }
            } else {
                let f = features.firstIndex(of: c)!
                switch column.data {
                case .numeric: out.data = .numeric(rows.map { $0[f].number })
                case .discrete(_, let levels): out.data = .discrete(codes: rows.map { $0[f].code }, levels: levels)
                }
            }
            columns.append(out.rounded())
        }
        return try Table(columns: columns)
    }
}

/// One feature value of a new row: a number (NaN = missing) or a category code (-1 = missing).
struct FeatureValue {
    var number: Double = .nan
    var code: Int = -1

    init(number: Double) { self.number = number }
    init(code: Int) { self.code = code }

    init(_ column: Column, row: Int) {
        switch column.data {
        case .numeric(let v): number = v[row]
        case .discrete(let c, _): code = c[row]
        }
    }
}
