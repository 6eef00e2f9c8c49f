import TensorCore
import Tabular

/// Distance to closest record (DCR), as SDMetrics measures it: the distance between two rows is the mean over
/// columns of |a − b| / (real max − real min) capped at 1 for numbers (0/1 when the real range is 0), 0/1 for
/// categories, 1 when only one value is missing and 0 when both are.
public struct TablePrivacy: Codable, Sendable, Equatable {
    /// Median and mean DCR of the synthetic rows to the real table.
    public var medianDCR: Double
    public var meanDCR: Double
    /// Synthetic rows identical to some real row (DCR 0), and their share.
    public var exactCopies: Int
    public var exactCopyRate: Double
    /// Median DCR of as many random rows (uniform within the real ranges and categories, missing at the real rates).
    public var randomBaselineMedianDCR: Double
    /// SDMetrics' DCRBaselineProtection: min(median synthetic DCR / median random DCR, 1); nil if the baseline is 0.
    public var baselineProtection: Double?

    public init(real: Table, synthetic: Table, seed: UInt64 = 0) throws {
        let (r, s) = try TableAlignment.align(real: real, synthetic: synthetic)
        let space = DistanceSpace(real: r)
        let dcr = space.closestDistances(s)
        var rng = SeededRandom(seed: seed)
        let random = Self.randomRows(like: r, count: s.rowCount, using: &rng)
        let baseline = SampleStatistics.median(space.closestDistances(random))
        medianDCR = SampleStatistics.median(dcr)
        meanDCR = dcr.reduce(0, +) / Double(dcr.count)
        exactCopies = dcr.filter { $0 == 0 }.count
        exactCopyRate = Double(exactCopies) / Double(dcr.count)
        randomBaselineMedianDCR = baseline
        baselineProtection = baseline > 0 ? min(medianDCR / baseline, 1) : nil
    }

    /// SDMetrics' random baseline: integers uniform in [min, max], floats uniform in [min, max), categories uniform
    /// over the real levels, then each value missing with the real column's missing rate.
    static func randomRows<G: RandomNumberGenerator>(like table: Table, count: Int, using rng: inout G) -> Table {
        let columns = table.columns.map { column -> Column in
            let missingRate = Double(column.missingCount) / Double(column.count)
            var out = column
            switch column.data {
            case .numeric(let v):
                let present = v.filter { !$0.isNaN }
                guard let lo = present.min(), let hi = present.max() else {
                    out.data = .numeric([Double](repeating: .nan, count: count))
                    return out
                }
                out.data = .numeric((0..<count).map { _ in
                    let x = column.kind == .integer
                        ? lo + Double(Int(rng.next() % UInt64(Int(hi - lo) + 1)))
                        : lo + rng.uniform() * (hi - lo)
                    return rng.uniform() < missingRate ? .nan : x
                })
            case .discrete(let codes, let levels):
                let used = Set(codes.filter { $0 >= 0 }).sorted()
                guard !used.isEmpty else {
                    out.data = .discrete(codes: [Int](repeating: -1, count: count), levels: levels)
                    return out
                }
                out.data = .discrete(codes: (0..<count).map { _ in
                    let c = used[Int(rng.next() % UInt64(used.count))]
                    return rng.uniform() < missingRate ? -1 : c
                }, levels: levels)
            }
            return out
        }
        return try! Table(columns: columns)  // same names and lengths as `table`
    }
}

/// Rows as per-column values scaled for SDMetrics' DCR distance.
struct DistanceSpace {
    enum Kind { case scaled, zeroRange, category }

    let kinds: [Kind]
    let scales: [Double]
    /// [rows, columns] of the real table: numbers divided by their range, category codes as numbers, NaN = missing.
    let reference: [Double]
    let columns: Int

    init(real: Table) {
        var kinds: [Kind] = [], scales: [Double] = []
        for c in real.columns {
            if let v = c.numbers {
                let present = v.filter { !$0.isNaN }
                let range = (present.max() ?? 0) - (present.min() ?? 0)
                kinds.append(range > 0 ? .scaled : .zeroRange)
                scales.append(range > 0 ? 1 / range : 1)
            } else {
                kinds.append(.category)
                scales.append(1)
            }
        }
        self.kinds = kinds
        self.scales = scales
        columns = real.columns.count
        reference = Self.encode(real, scales: scales)
    }

    static func encode(_ table: Table, scales: [Double]) -> [Double] {
        let c = table.columns.count
        var out = [Double](repeating: 0, count: table.rowCount * c)
        for (j, column) in table.columns.enumerated() {
            for i in 0..<table.rowCount {
                switch column.data {
                case .numeric(let v): out[i * c + j] = v[i] * scales[j]
                case .discrete(let codes, _): out[i * c + j] = codes[i] < 0 ? .nan : Double(codes[i])
                }
            }
        }
        return out
    }

    /// The DCR of each row of `table` to the reference rows. Rows split across cores; a candidate is dropped as soon
    /// as its partial sum reaches the best so far.
    func closestDistances(_ table: Table) -> [Double] {
        let queries = Self.encode(table, scales: scales)
        let n = table.rowCount, m = reference.count / max(columns, 1), c = columns
        var out = [Double](repeating: 0, count: n)
        out.withUnsafeMutableBufferPointer { result in
            parallelRanges(n, minimum: 32) { range in
                for i in range {
                    var best = Double.infinity
                    for r in 0..<m {
                        var sum = 0.0
                        for j in 0..<c {
                            let a = queries[i * c + j], b = reference[r * c + j]
                            let d: Double
                            if a.isNaN || b.isNaN {
                                d = a.isNaN && b.isNaN ? 0 : 1
                            } else {
                                switch kinds[j] {
                                case .scaled: d = min(abs(a - b), 1)
                                case .zeroRange, .category: d = a == b ? 0 : 1
                                }
                            }
                            sum += d
                            if sum >= best { break }
                        }
                        if sum < best { best = sum }
                        if best == 0 { break }
                    }
                    result[i] = best / Double(c)
                }
            }
        }
        return out
    }
}
