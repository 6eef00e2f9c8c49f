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
        var rng = SeededGenerator(seed: seed)
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

/// Rows as per-column values scaled for SDMetrics' DCR distance, in Float32 with missing values as sentinels so that
/// every column's distance is branch-free: numbers are divided by their real range and a missing number is 1e30 (so
/// |a − b| capped at 1 gives 1 against a value and 0 against another missing one); a category is its code, missing
/// -1, compared for equality, as is a number whose real range is 0.
struct DistanceSpace {
    let capped: [Bool]
    let scales: [Double]
    /// [columns, rows] of the real table.
    let reference: [Float]
    let rows: Int
    let columns: Int

    static let missingNumber: Float = 1e30

    init(real: Table) {
        var capped: [Bool] = [], scales: [Double] = []
        for c in real.columns {
            let present = c.numbers?.filter { !$0.isNaN } ?? []
            let range = (present.max() ?? 0) - (present.min() ?? 0)
            capped.append(range > 0)
            scales.append(range > 0 ? 1 / range : 1)
        }
        self.capped = capped
        self.scales = scales
        rows = real.rowCount
        columns = real.columns.count
        reference = Self.encode(real, scales: scales)
    }

    /// [columns, rows] of `table`.
    static func encode(_ table: Table, scales: [Double]) -> [Float] {
        let n = table.rowCount
        var out = [Float](repeating: 0, count: table.columns.count * n)
        for (j, column) in table.columns.enumerated() {
            switch column.data {
            case .numeric(let v):
                for i in 0..<n { out[j * n + i] = v[i].isNaN ? missingNumber : Float(v[i] * scales[j]) }
            case .discrete(let codes, _):
                for i in 0..<n { out[j * n + i] = Float(codes[i]) }
            }
        }
        return out
    }

    /// The DCR of each row of `table` to the reference rows; queries split across cores, each compared with all
    /// reference rows one column at a time.
    func closestDistances(_ table: Table) -> [Double] {
        let queries = Self.encode(table, scales: scales)
        let n = table.rowCount, m = rows, c = columns
        var out = [Double](repeating: 0, count: n)
        queries.withUnsafeBufferPointer { q in
            reference.withUnsafeBufferPointer { ref in
                out.withUnsafeMutableBufferPointer { result in
                    parallelRanges(n, minimum: 16) { range in
                        withScratch(m) { distance in  // [m]
                            for i in range {
                                distance.update(repeating: 0, count: m)
                                for j in 0..<c {
                                    let a = q[j * n + i]
                                    let column = ref.baseAddress! + j * m
                                    if capped[j] {
                                        for r in 0..<m { distance[r] += min(abs(a - column[r]), 1) }
                                    } else {
                                        for r in 0..<m { distance[r] += a == column[r] ? 0 : 1 }
                                    }
                                }
                                var best = Float.infinity
                                for r in 0..<m where distance[r] < best { best = distance[r] }
                                result[i] = Double(best) / Double(c)
                            }
                        }
                    }
                }
            }
        }
        return out
    }
}
