import TensorCore
import Foundation
import Testing
@testable import Tabular

@Suite("CTGAN data transform")
struct DataTransformerTests {
    /// 400 rows: a bimodal float column with missing values, an integer column, a categorical column with missing
    /// values and a boolean column.
    static func sampleTable(rows: Int = 400, seed: UInt64 = 5) throws -> Table {
        var rng = SeededGenerator(seed: seed)
        var x: [Double] = [], k: [Double] = [], city: [String?] = [], flag: [String?] = []
        for i in 0..<rows {
            let mode = i % 3 == 0 ? 20.0 : -5.0
            x.append(i % 17 == 0 ? .nan : NumberFormatting.round(mode + rng.normal(), decimals: 3))
            k.append(Double(Int(rng.uniform() * 40)))
            city.append(i % 23 == 0 ? nil : ["Lyon", "Oslo", "Lima"][Int(rng.uniform() * 3)])
            flag.append(rng.uniform() < 0.3 ? "yes" : "no")
        }
        return try Table(columns: [
            Column(name: "x", kind: .float, decimals: 3, values: x),
            Column(name: "k", kind: .integer, values: k),
            Column(name: "city", strings: city),
            Column(name: "flag", kind: .boolean, strings: flag),
        ])
    }

    @Test("layout: tanh + mode softmax per number, softmax per category, missing slots where needed")
    func layout() throws {
        let table = try Self.sampleTable()
        var rng = SeededGenerator(seed: 1)
        let t = try DataTransformer.fit(table, using: &rng)
        guard case .continuous(let x) = t.columns[0], case .continuous(let k) = t.columns[1] else {
            Issue.record("numeric columns must be continuous")
            return
        }
        #expect(x.hasMissing && !k.hasMissing)
        #expect(x.modes.count >= 2)
        #expect(t.spans == [.tanh(width: 1), .softmax(width: x.modes.count + 1), .tanh(width: 1),
                            .softmax(width: k.modes.count), .softmax(width: 4), .softmax(width: 2)])
        #expect(t.outputWidth == t.spans.reduce(0) { $0 + $1.width })
        #expect(t.discreteColumns.map(\.name) == ["city", "flag"])
        #expect(t.discreteColumns[0].outputOffset == 2 + x.modes.count + 1 + k.modes.count)
        #expect(t.discreteColumns[1].conditionOffset == 4 && t.conditionWidth == 6)
        #expect(t.discreteColumns[0].counts.reduce(0, +) == 400 && t.discreteColumns[0].counts.last == 18)
    }

    @Test("transform then inverse is the identity (to the column's rounding)")
    func roundTrip() throws {
        let table = try Self.sampleTable()
        var rng = SeededGenerator(seed: 2)
        let t = try DataTransformer.fit(table, using: &rng)
        let m = try t.transform(table, using: &rng)
        #expect(m.count == table.rowCount * t.outputWidth)
        // Every one-hot block holds exactly one 1; every scalar is inside ±0.99.
        for i in 0..<table.rowCount {
            for (s, span) in t.spans.enumerated() {
                let block = m[(i * t.outputWidth + t.spanOffsets[s])..<(i * t.outputWidth + t.spanOffsets[s] + span.width)]
                switch span {
                case .tanh: #expect(abs(block.first!) <= 0.99)
                case .softmax: #expect(block.filter { $0 == 1 }.count == 1 && block.reduce(0, +) == 1)
                }
            }
        }
        let back = try t.inverse(m, rows: table.rowCount)
        #expect(back.columnNames == table.columnNames && back.columns.map(\.kind) == table.columns.map(\.kind))
        for c in table.columns.indices {
            for r in 0..<table.rowCount {
                #expect(back.columns[c].text(r) == table.columns[c].text(r), "column \(c) row \(r)")
            }
        }
    }

    @Test("modes are drawn from the posterior")
    func modeSampling() throws {
        var rng = SeededGenerator(seed: 9)
        let fitValues = (0..<1000).map { i in (i % 2 == 0 ? -2.0 : 2.0) + 0.9 * rng.normal() }
        let table = try Table(columns: [Column(name: "v", values: fitValues)])
        let t = try DataTransformer.fit(table, using: &rng)
        guard case .continuous(let c) = t.columns[0] else { return }
        let x0 = 0.4
        let n = 20_000
        let probe = try Table(columns: [Column(name: "v", values: [Double](repeating: x0, count: n))])
        let m = try t.transform(probe, using: &rng)
        var counts = [Double](repeating: 0, count: c.modes.count)
        for i in 0..<n {
            for j in 0..<c.modes.count where m[i * t.outputWidth + 1 + j] == 1 { counts[j] += 1 }
        }
        let resp = c.mixture.responsibilities([x0])
        let kept = c.modes.map { resp[$0] }
        let total = kept.reduce(0, +)
        for j in 0..<c.modes.count {
            let p = kept[j] / total
            let se = (p * (1 - p) / Double(n)).squareRoot()
            #expect(abs(counts[j] / Double(n) - p) < 5 * se + 1e-9, "mode \(j): \(counts[j] / Double(n)) vs \(p)")
        }
    }

    @Test("inverse keeps numbers inside the fitted bounds unless told otherwise")
    func bounds() throws {
        let table = try Table(columns: [Column(name: "v", kind: .float, decimals: 2, values: [1, 2, 3, 4, 5, 6])])
        var rng = SeededGenerator(seed: 4)
        let t = try DataTransformer.fit(table, using: &rng)
        var row = [Float](repeating: 0, count: t.outputWidth)
        row[0] = 1  // alpha at its maximum: the mode mean plus 4 sd
        row[1] = 1
        let clipped = try t.inverse(row, rows: 1)
        #expect(clipped.columns[0].numbers![0] <= 6)
        let free = try t.inverse(row, rows: 1, clipToBounds: false)
        #expect(free.columns[0].numbers![0] > 6)
    }

    @Test("numeric columns declared discrete come back as numbers")
    func declaredDiscrete() throws {
        let table = try Table(columns: [Column(name: "label", kind: .integer, values: [0, 1, 1, 2, .nan])])
        var rng = SeededGenerator(seed: 4)
        let t = try DataTransformer.fit(table, discrete: ["label"], using: &rng)
        #expect(t.spans == [.softmax(width: 4)])
        let back = try t.inverse(try t.transform(table, using: &rng), rows: 5)
        #expect(back.columns[0].kind == .integer && back.columns[0].text(3) == "2" && back.columns[0].isMissing(4))
    }

    @Test("the fitted transform survives JSON")
    func json() throws {
        let table = try Self.sampleTable(rows: 120)
        var rng = SeededGenerator(seed: 6)
        let t = try DataTransformer.fit(table, using: &rng)
        let decoded = try DataTransformer.decode(json: try t.jsonString())
        #expect(decoded == t)
        var a = SeededGenerator(seed: 1), b = SeededGenerator(seed: 1)
        #expect(try t.transform(table, using: &a) == decoded.transform(table, using: &b))
        #expect(throws: TableError.self) { try DataTransformer.decode(json: "{}") }
    }

    @Test("fitting is seeded: the same seed gives the same transform")
    func seeded() throws {
        let table = try Self.sampleTable(rows: 200)
        var a = SeededGenerator(seed: 11), b = SeededGenerator(seed: 11)
        #expect(try DataTransformer.fit(table, using: &a) == DataTransformer.fit(table, using: &b))
    }

    @Test("bad input: thousands of levels, unseen categories, wrong shapes")
    func badInput() throws {
        var rng = SeededGenerator(seed: 1)
        let ids = try Table(columns: [Column(name: "id", strings: (0..<3000).map { "user\($0)" })])
        #expect(throws: TableError.tooManyCategories(column: "id", count: 3000, limit: 1000)) {
            try DataTransformer.fit(ids, using: &rng)
        }
        let table = try Table(columns: [Column(name: "c", strings: ["a", "b", "a"])])
        let t = try DataTransformer.fit(table, using: &rng)
        let other = try Table(columns: [Column(name: "c", strings: ["a", "z"])])
        #expect(throws: TableError.self) { try t.transform(other, using: &rng) }
        let renamed = try Table(columns: [Column(name: "d", strings: ["a"])])
        #expect(throws: TableError.self) { try t.transform(renamed, using: &rng) }
        #expect(throws: TableError.self) { try t.inverse([1, 0, 0], rows: 1) }
        #expect(throws: TableError.self) { try DataTransformer.fit(table, discrete: ["nope"], using: &rng) }
    }

    @Test("a single-row table fits and round-trips")
    func singleRow() throws {
        let table = try Table(columns: [Column(name: "x", kind: .float, decimals: 1, values: [2.5]),
                                        Column(name: "c", strings: ["a"])])
        var rng = SeededGenerator(seed: 1)
        let t = try DataTransformer.fit(table, using: &rng)
        let back = try t.inverse(try t.transform(table, using: &rng), rows: 1)
        #expect(back.columns[0].text(0) == "2.5" && back.columns[1].text(0) == "a")
    }
}

@Suite("Conditional vector and training-by-sampling")
struct ConditionSamplerTests {
    static func table() throws -> Table {
        // city: 60 a, 30 b, 10 c; grade: 50 x, 50 missing.
        let city = (0..<100).map { $0 < 60 ? "a" : $0 < 90 ? "b" : "c" }
        let grade: [String?] = (0..<100).map { $0 % 2 == 0 ? "x" : nil }
        return try Table(columns: [Column(name: "v", values: (0..<100).map(Double.init)),
                                   Column(name: "city", strings: city), Column(name: "grade", strings: grade)])
    }

    @Test("log-frequency probabilities as CTGAN computes them")
    func probabilities() throws {
        var rng = SeededGenerator(seed: 1)
        let t = try DataTransformer.fit(try Self.table(), using: &rng)
        let logs = [61.0, 31, 11].map { log($0) }
        let expected = logs.map { $0 / logs.reduce(0, +) }
        expectClose(t.discreteColumns[0].logFrequencyProbabilities, expected, tolerance: 1e-12)
        #expect(t.discreteColumns[1].counts == [50, 50])
    }

    @Test("training conditions follow the log-frequencies; real rows hold the category")
    func training() throws {
        let table = try Self.table()
        var rng = SeededGenerator(seed: 2)
        let t = try DataTransformer.fit(table, using: &rng)
        let sampler = try ConditionSampler(transformer: t, table: table)
        let b = 30_000
        let batch = sampler.sampleTraining(batch: b, using: &rng)!
        #expect(batch.vectors.count == b * 5 && batch.mask.count == b * 2)
        var cityCounts = [Double](repeating: 0, count: 3)
        var cityRows = 0.0
        for i in 0..<b {
            #expect(batch.vectors[(i * 5)..<(i * 5 + 5)].reduce(0, +) == 1)
            #expect(batch.mask[i * 2 + batch.columns[i]] == 1)
            let info = t.discreteColumns[batch.columns[i]]
            #expect(batch.vectors[i * 5 + info.conditionOffset + batch.categories[i]] == 1)
            if batch.columns[i] == 0 { cityCounts[batch.categories[i]] += 1; cityRows += 1 }
            if i < 500 {
                let row = sampler.sampleRow(column: batch.columns[i], category: batch.categories[i], using: &rng)!
                let column = table.columns[info.column]
                let category = column.isMissing(row) ? 1 : column.categories!.codes[row]
                #expect(category == batch.categories[i])
            }
        }
        #expect(abs(cityRows / Double(b) - 0.5) < 0.02)
        for (j, p) in t.discreteColumns[0].logFrequencyProbabilities.enumerated() {
            #expect(abs(cityCounts[j] / cityRows - p) < 0.02)
        }
    }

    @Test("generation conditions and fixed conditions")
    func generation() throws {
        let table = try Self.table()
        var rng = SeededGenerator(seed: 3)
        let t = try DataTransformer.fit(table, using: &rng)
        let sampler = ConditionSampler(transformer: t)
        let v = sampler.sampleGeneration(batch: 10, using: &rng)!
        #expect(v.count == 50 && v.reduce(0, +) == 10)
        #expect(try sampler.condition(column: "city", value: "b", transformer: t) == [0, 1, 0, 0, 0])
        #expect(try sampler.condition(column: "grade", value: nil, transformer: t) == [0, 0, 0, 0, 1])
        #expect(throws: TableError.self) { try sampler.condition(column: "city", value: "zz", transformer: t) }
        #expect(throws: TableError.self) { try sampler.condition(column: "v", value: "1", transformer: t) }
        #expect(sampler.sampleRow(column: 0, category: 0, using: &rng) == nil)
        let numeric = try DataTransformer.fit(try Table(columns: [table.columns[0]]), using: &rng)
        #expect(ConditionSampler(transformer: numeric).sampleTraining(batch: 4, using: &rng) == nil)
    }
}
