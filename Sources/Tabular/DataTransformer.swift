import Foundation
import TensorCore

/// CTGAN's reversible data transform: numeric columns by mode-specific normalisation (a variational Gaussian mixture;
/// a value becomes the scalar α = (x − μ_k) / (4 σ_k), clipped to ±0.99, plus the one-hot of a mode k drawn from its
/// posterior), discrete columns by one-hot. A column with missing values gets one more one-hot slot, "missing".
///
/// `transform` gives the rows-major [N, D] matrix a GAN trains on; `inverse` turns generator output (or transformed
/// data) back into a table, taking the arg-max of each one-hot, rounding to the column's decimal places and, unless
/// told otherwise, clipping numbers to the fitted [min, max]. The fitted transformer is `Codable` so a model file can
/// carry it as JSON.
public struct DataTransformer: Codable, Sendable, Equatable {
    /// Fitting settings (CTGAN's values by default).
    public struct Options: Codable, Sendable, Equatable {
        public var mixture = BayesianGaussianMixture.Options()
        /// Mixture components with a weight above this become modes.
        public var weightThreshold = 0.005
        /// A discrete column with more levels than this is refused (an identifier or free text, not a category).
        public var maxCategories = 1000
        public init() {}
    }

    /// Scale of the normalised scalar: α = (x − μ) / (4 σ).
    public static let standardDeviations = 4.0
    /// Clip of the normalised scalar when transforming.
    public static let alphaClip = 0.99
    /// Most values a column's mixture is fitted to: a larger column is fitted to a seeded random sample of this
    /// many (its minimum, maximum and missing rate still come from every value). Transforming uses every value.
    public static let mixtureSampleSize = 50_000

    /// One transform per table column, in table order.
    public private(set) var columns: [ColumnTransform]
    /// The layout of a transformed row.
    public private(set) var spans: [OutputSpan]
    /// For each column, the range of its spans in `spans`.
    public private(set) var columnSpans: [Range<Int>]
    /// For each span, its first value in a transformed row.
    public private(set) var spanOffsets: [Int]
    /// Values per transformed row (D).
    public private(set) var outputWidth: Int
    /// The discrete columns, for the conditional vector.
    public private(set) var discreteColumns: [DiscreteColumnInfo]
    /// Width of the conditional vector: all discrete columns' categories.
    public private(set) var conditionWidth: Int

    init(columns: [ColumnTransform]) {
        self.columns = columns
        spans = []
        columnSpans = []
        spanOffsets = []
        discreteColumns = []
        var offset = 0, conditionOffset = 0
        for (c, column) in columns.enumerated() {
            let start = spans.count
            for s in column.spans {
                spans.append(s)
                spanOffsets.append(offset)
                offset += s.width
            }
            columnSpans.append(start..<spans.count)
            if case .discrete(let d) = column {
                let logs = d.counts.map { log(Double($0) + 1) }
                let total = logs.reduce(0, +)
                discreteColumns.append(DiscreteColumnInfo(
                    column: c, name: d.name, outputOffset: spanOffsets[start], width: d.width,
                    conditionOffset: conditionOffset, counts: d.counts, logFrequencyProbabilities: logs.map { $0 / total }))
                conditionOffset += d.width
            }
        }
        outputWidth = offset
        conditionWidth = conditionOffset
    }

    /// Fits the transform to `table`. Numeric columns named in `discrete` are one-hot encoded by their values.
    /// Mixtures are fitted in parallel across columns, each with its own seed drawn from `rng`.
    public static func fit<G: RandomNumberGenerator>(
        _ table: Table, discrete: Set<String> = [], options: Options = Options(), using rng: inout G
    ) throws -> DataTransformer {
        for name in discrete where !table.columnNames.contains(name) {
            throw TableError.unknownColumn(name: name, available: table.columnNames)
        }
        guard table.rowCount > 0 else { throw TableError.invalidArgument("cannot fit a transform to a table without rows") }
        let seeds = table.columns.map { _ in rng.next() }
        var results = [Result<ColumnTransform, Error>?](repeating: nil, count: table.columns.count)
        results.withUnsafeMutableBufferPointer { out in
            parallelFor(table.columns.count) { c in
                out[c] = Result {
                    var columnRNG = SeededGenerator(seed: seeds[c])
                    let column = table.columns[c]
                    if column.isNumeric && !discrete.contains(column.name) {
                        return .continuous(try fitContinuous(column, options: options, using: &columnRNG))
                    }
                    return .discrete(try fitDiscrete(column, options: options))
                }
            }
        }
        return DataTransformer(columns: try results.map { try $0!.get() })
    }

    static func fitContinuous<G: RandomNumberGenerator>(
        _ column: Column, options: Options, using rng: inout G
    ) throws -> ContinuousColumnTransform {
        let values = column.numbers!.filter { !$0.isNaN }
        guard !values.isEmpty else {
            throw TableError.allMissing(file: "table", column: column.name)
        }
        var sample = values
        if sample.count > mixtureSampleSize {
            sample.shuffle(using: &rng)
            sample.removeLast(sample.count - mixtureSampleSize)
        }
        let mixture = try BayesianGaussianMixture.fit(sample, options: options.mixture, using: &rng)
        var modes = mixture.weights.indices.filter { mixture.weights[$0] > options.weightThreshold }
        if modes.isEmpty { modes = [mixture.weights.indices.max { mixture.weights[$0] < mixture.weights[$1] }!] }
        let missing = column.count - values.count
        return ContinuousColumnTransform(
            name: column.name, kind: column.kind, decimals: column.decimals, dateFormat: column.dateFormat,
            minimum: values.min()!,
            maximum: values.max()!, mixture: mixture, modes: modes, hasMissing: missing > 0,
            missingRate: Double(missing) / Double(column.count))
    }

    static func fitDiscrete(_ column: Column, options: Options) throws -> DiscreteColumnTransform {
        let (codes, levels) = discreteCodes(column)
        guard levels.count <= options.maxCategories else {
            throw TableError.tooManyCategories(column: column.name, count: levels.count, limit: options.maxCategories)
        }
        var counts = [Int](repeating: 0, count: levels.count + 1)
        for c in codes { counts[c < 0 ? levels.count : c] += 1 }
        let hasMissing = counts[levels.count] > 0
        if !hasMissing { counts.removeLast() }
        // A datetime column made discrete keeps its written dates as categories.
        let kind = column.kind == .datetime ? .categorical : column.kind
        return DiscreteColumnTransform(name: column.name, kind: kind, decimals: column.decimals, levels: levels,
                                       hasMissing: hasMissing, counts: counts)
    }

    /// Codes and levels of a column read as discrete (numbers by their written text).
    static func discreteCodes(_ column: Column) -> (codes: [Int], levels: [String]) {
        column.asCategorical().categories!
    }

    /// Decodes a transform through its checks: every column must be usable, and the row layout stored with it
    /// (`spans`, `spanOffsets`, `discreteColumns`, …) must be the one its columns give.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let columns = try c.decode([ColumnTransform].self, forKey: .columns)
        for column in columns {
            if let problem = column.problem {
                throw TableError.invalidArgument("the transform of column '\(column.name)' is unusable: \(problem)")
            }
        }
        self.init(columns: columns)
        func differs<T: Decodable & Equatable>(_ key: CodingKeys, _ derived: T) throws -> Bool {
            try c.decodeIfPresent(T.self, forKey: key).map { $0 != derived } ?? false
        }
        let stored = try c.decodeIfPresent([DiscreteColumnInfo].self, forKey: .discreteColumns)
        let layoutDiffers = try differs(.spans, spans) || differs(.columnSpans, columnSpans)
            || differs(.spanOffsets, spanOffsets) || differs(.outputWidth, outputWidth)
            || differs(.conditionWidth, conditionWidth)
            || stored.map { $0.map(\.layout) != discreteColumns.map(\.layout) } ?? false
        if layoutDiffers {
            throw TableError.invalidArgument(
                "the transform's row layout (spans, offsets or discrete columns) does not match its columns; "
                    + "the model file is damaged or was edited")
        }
    }

    // MARK: Transform

    /// The [N, D] rows-major matrix of `table` (same columns, in the same order, as fitted). Modes are drawn from
    /// each value's posterior with `rng`.
    public func transform<G: RandomNumberGenerator>(_ table: Table, using rng: inout G) throws -> [Float] {
        guard table.columnNames == columns.map(\.name) else {
            throw TableError.shapeMismatch("the table has columns \(table.columnNames); the transform was fitted to "
                + "\(columns.map(\.name))")
        }
        let n = table.rowCount, d = outputWidth
        var out = [Float](repeating: 0, count: n * d)  // [N, D]
        for (c, transform) in columns.enumerated() {
            let offset = spanOffsets[columnSpans[c].lowerBound]
            switch transform {
            case .continuous(let t):
                guard let values = table.columns[c].numbers else {
                    throw TableError.wrongColumnKind(column: t.name, reason: "fitted as numeric, now discrete")
                }
                try encodeContinuous(values, t, offset: offset, into: &out, using: &rng)
            case .discrete(let t):
                try encodeDiscrete(table.columns[c], t, offset: offset, into: &out)
            }
        }
        return out
    }

    func encodeContinuous<G: RandomNumberGenerator>(
        _ values: [Double], _ t: ContinuousColumnTransform, offset: Int, into out: inout [Float], using rng: inout G
    ) throws {
        let d = outputWidth, k = t.mixture.componentCount, m = t.modes.count
        let present = values.indices.filter { !values[$0].isNaN }
        if present.count < values.count && !t.hasMissing {
            throw TableError.wrongColumnKind(column: t.name, reason: "has missing values but was fitted without any; "
                + "fit the transform to data with missing values in this column")
        }
        let resp = t.mixture.responsibilities(present.map { values[$0] })  // [P, K]
        let means = t.modeMeans, sds = t.modeStandardDeviations
        var p = [Double](repeating: 0, count: m)
        var r = 0
        for i in values.indices {
            let row = i * d + offset
            guard !values[i].isNaN else {
                out[row + 1 + m] = 1  // alpha stays 0, the "missing" slot is hot
                continue
            }
            let x = values[i]
            for j in 0..<m { p[j] = resp[r * k + t.modes[j]] }
            r += 1
            let mode: Int
            if p.reduce(0, +) > 0 {
                mode = rng.index(weights: p)
            } else {  // far from every kept mode: take the nearest in standard deviations
                mode = (0..<m).min { abs(x - means[$0]) / sds[$0] < abs(x - means[$1]) / sds[$1] }!
            }
            let alpha = (x - means[mode]) / (Self.standardDeviations * sds[mode])
            out[row] = Float(min(max(alpha, -Self.alphaClip), Self.alphaClip))
            out[row + 1 + mode] = 1
        }
    }

    func encodeDiscrete(_ column: Column, _ t: DiscreteColumnTransform, offset: Int, into out: inout [Float]) throws {
        let (codes, levels) = Self.discreteCodes(column)
        var index: [String: Int] = [:]
        for (i, l) in t.levels.enumerated() { index[l] = i }
        let map = try levels.map { l -> Int in
            guard let i = index[l] else {
                throw TableError.wrongColumnKind(column: t.name, reason: "value '\(l)' was not seen when fitting")
            }
            return i
        }
        for (i, code) in codes.enumerated() {
            if code < 0 {
                guard t.hasMissing else {
                    throw TableError.wrongColumnKind(column: t.name, reason: "has missing values but was fitted without any")
                }
                out[i * outputWidth + offset + t.levels.count] = 1
            } else {
                out[i * outputWidth + offset + map[code]] = 1
            }
        }
    }

    // MARK: Inverse

    /// The table of `rows` transformed rows in `data` ([rows, D], e.g. generator output after its activations).
    /// One-hots are read by arg-max; a numeric value is α·4σ_k + μ_k with α clipped to ±1, kept inside the fitted
    /// [min, max] when `clipToBounds`, and rounded to the column's decimal places.
    public func inverse(_ data: [Float], rows: Int, clipToBounds: Bool = true) throws -> Table {
        guard rows >= 0, data.count == rows * outputWidth else {
            throw TableError.shapeMismatch("\(data.count) values are not \(rows) rows of width \(outputWidth)")
        }
        let d = outputWidth
        var out: [Column] = []
        for (c, transform) in columns.enumerated() {
            let offset = spanOffsets[columnSpans[c].lowerBound]
            switch transform {
            case .continuous(let t):
                let means = t.modeMeans, sds = t.modeStandardDeviations
                let values = (0..<rows).map { i -> Double in
                    let slot = Self.argmax(data, from: i * d + offset + 1, count: t.modeWidth)
                    if slot == t.modes.count { return .nan }
                    let alpha = Double(min(max(data[i * d + offset], -1), 1))
                    var v = alpha * Self.standardDeviations * sds[slot] + means[slot]
                    if clipToBounds { v = min(max(v, t.minimum), t.maximum) }
                    return t.dateFormat?.rounded(v) ?? NumberFormatting.round(v, decimals: t.decimals)
                }
                out.append(Column(name: t.name, kind: t.kind, decimals: t.decimals, dateFormat: t.dateFormat,
                                  values: values))
            case .discrete(let t):
                let codes = (0..<rows).map { i -> Int in
                    let slot = Self.argmax(data, from: i * d + offset, count: t.width)
                    return slot == t.levels.count ? -1 : slot
                }
                out.append(Self.discreteColumn(t, codes: codes))
            }
        }
        return try Table(columns: out)
    }

    /// A discrete column back in its fitted kind (numbers again when it was numeric).
    static func discreteColumn(_ t: DiscreteColumnTransform, codes: [Int]) -> Column {
        guard t.kind.isNumeric else { return Column(name: t.name, kind: t.kind, codes: codes, levels: t.levels) }
        let numbers = t.levels.map { Double($0) ?? .nan }
        return Column(name: t.name, kind: t.kind, decimals: t.decimals, values: codes.map { $0 < 0 ? .nan : numbers[$0] })
    }

    @inline(__always)
    static func argmax(_ v: [Float], from start: Int, count: Int) -> Int {
        var best = 0
        for j in 1..<max(count, 1) where v[start + j] > v[start + best] { best = j }
        return best
    }

    // MARK: JSON

    /// The fitted transform as JSON (for a model file's metadata).
    public func jsonString() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// A transform read back from `jsonString()`.
    public static func decode(json: String) throws -> DataTransformer {
        do {
            return try JSONDecoder().decode(DataTransformer.self, from: Data(json.utf8))
        } catch {
            throw TableError.invalidArgument("the transform JSON cannot be read: \(error)")
        }
    }
}
