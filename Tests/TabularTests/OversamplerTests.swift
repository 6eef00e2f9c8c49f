import TensorCore
import Foundation
import Testing
@testable import Tabular

@Suite("Oversampling: SMOTE, SMOTE-NC, random")
struct OversamplerTests {
    /// 40 rows of class "big", 12 of class "small", numeric features a and b (6 decimals).
    static func numericTable() throws -> Table {
        var rng = SeededGenerator(seed: 8)
        var a: [Double] = [], b: [Double] = [], y: [String?] = []
        for i in 0..<52 {
            let small = i >= 40
            a.append(NumberFormatting.round((small ? 3 : 0) + rng.normal(), decimals: 6))
            b.append(NumberFormatting.round(rng.uniform() * 10, decimals: 6))
            y.append(small ? "small" : "big")
        }
        return try Table(columns: [Column(name: "a", kind: .float, decimals: 6, values: a),
                                   Column(name: "b", kind: .float, decimals: 6, values: b), Column(name: "y", strings: y)])
    }

    @Test("SMOTE points lie on segments between same-class nearest neighbours")
    func segments() throws {
        let table = try Self.numericTable()
        var rng = SeededGenerator(seed: 1)
        let result = try Oversampler(method: .smote, target: "y").resample(table, using: &rng)
        #expect(result.classes == [ClassCount(label: "big", before: 40, added: 0),
                                   ClassCount(label: "small", before: 12, added: 28)])
        #expect(!result.usedSMOTENC)
        let out = result.table
        #expect(out.rowCount == 80)
        for c in table.columns.indices {  // the input rows come first, unchanged
            for r in 0..<52 { #expect(out.columns[c].text(r) == table.columns[c].text(r)) }
        }
        let a = out.columns[0].numbers!, b = out.columns[1].numbers!
        let small = Array(40..<52)
        // Brute-force 5 nearest neighbours of each small-class row (raw Euclidean on a, b).
        func neighbours(_ i: Int) -> [Int] {
            small.filter { $0 != i }.sorted {
                hypot(a[$0] - a[i], b[$0] - b[i]) < hypot(a[$1] - a[i], b[$1] - b[i])
            }.prefix(5).map { $0 }
        }
        // Distance from point p to the segment x_i..x_j; the output is rounded to 6 decimals.
        func distanceToSegment(_ r: Int, _ i: Int, _ j: Int) -> Double {
            let (dx, dy) = (a[j] - a[i], b[j] - b[i])
            let t = min(max(((a[r] - a[i]) * dx + (b[r] - b[i]) * dy) / (dx * dx + dy * dy), 0), 1)
            return hypot(a[i] + t * dx - a[r], b[i] + t * dy - b[r])
        }
        for r in 52..<80 {
            #expect(out.columns[2].text(r) == "small")
            let onSegment = small.contains { i in neighbours(i).contains { j in distanceToSegment(r, i, j) < 2e-6 } }
            #expect(onSegment, "row \(r): (\(a[r]), \(b[r])) is on no segment between neighbours")
        }
    }

    @Test("SMOTE-NC takes the neighbours' most frequent category")
    func smoteNC() throws {
        // Minority rows in two far clusters; cluster A is all "u", cluster B all "v".
        var x: [Double] = [], cat: [String] = [], y: [String] = []
        for i in 0..<8 { x.append(Double(i) * 0.1); cat.append("u"); y.append("min") }
        for i in 0..<8 { x.append(100 + Double(i) * 0.1); cat.append("v"); y.append("min") }
        for i in 0..<40 { x.append(50 + Double(i)); cat.append(i % 2 == 0 ? "u" : "v"); y.append("maj") }
        let table = try Table(columns: [Column(name: "x", kind: .float, decimals: 4, values: x),
                                        Column(name: "cat", strings: cat), Column(name: "y", strings: y)])
        var rng = SeededGenerator(seed: 2)
        let result = try Oversampler(method: .smote, target: "y").resample(table, using: &rng)
        #expect(result.usedSMOTENC)
        let out = result.table
        #expect(out.rowCount == 80)
        for r in 56..<80 {
            let v = out.columns[0].numbers![r]
            #expect((v >= 0 && v <= 0.7) || (v >= 100 && v <= 100.7), "value \(v)")
            #expect(out.columns[1].text(r) == (v < 50 ? "u" : "v"))
        }
    }

    @Test("random oversampling copies rows of the class; the ratio sets the target size")
    func randomAndRatio() throws {
        let table = try Self.numericTable()
        var rng = SeededGenerator(seed: 3)
        let result = try Oversampler(method: .random, target: "y", ratio: 0.5).resample(table, using: &rng)
        #expect(result.classes[1] == ClassCount(label: "small", before: 12, added: 8))
        let out = result.table
        let originals = Set((40..<52).map { "\(out.columns[0].text($0))|\(out.columns[1].text($0))" })
        for r in 52..<60 {
            #expect(originals.contains("\(out.columns[0].text(r))|\(out.columns[1].text(r))"))
            #expect(out.columns[2].text(r) == "small")
        }
    }

    @Test("missing numbers stay missing at about their rate; integer targets work")
    func missing() throws {
        var a: [Double] = [], k: [Double] = [], y: [Double] = []
        for i in 0..<60 {
            a.append(i % 4 == 0 ? .nan : Double(i) * 0.37)
            k.append(Double(i * 7 % 11))
            y.append(i < 20 ? 1 : 0)
        }
        let table = try Table(columns: [Column(name: "a", kind: .float, decimals: 2, values: a),
                                        Column(name: "k", kind: .integer, values: k),
                                        Column(name: "y", kind: .integer, values: y)])
        var rng = SeededGenerator(seed: 4)
        let out = try Oversampler(method: .smote, target: "y").resample(table, using: &rng).table
        #expect(out.rowCount == 80)
        let newMissing = (60..<80).filter { out.columns[0].isMissing($0) }.count
        #expect(newMissing >= 1 && newMissing <= 12)
        #expect((60..<80).allSatisfy { out.columns[1].numbers![$0] == out.columns[1].numbers![$0].rounded() })
        #expect((60..<80).allSatisfy { out.columns[2].numbers![$0] == 1 })
    }

    @Test("bad input: continuous target, tiny class, unknown column, bad ratio")
    func badInput() throws {
        let table = try Self.numericTable()
        var rng = SeededGenerator(seed: 5)
        #expect(throws: TableError.self) { try Oversampler(method: .smote, target: "a").resample(table, using: &rng) }
        #expect(throws: TableError.unknownColumn(name: "zz", available: ["a", "b", "y"])) {
            try Oversampler(method: .smote, target: "zz").resample(table, using: &rng)
        }
        #expect(throws: TableError.self) {
            try Oversampler(method: .smote, target: "y", ratio: -1).resample(table, using: &rng)
        }
        let tiny = table.selecting(rows: Array(0..<41))
        #expect(throws: TableError.classTooSmall(column: "y", label: "small", count: 1, needed: 2)) {
            try Oversampler(method: .smote, target: "y").resample(tiny, using: &rng)
        }
        #expect(try Oversampler(method: .random, target: "y").resample(tiny, using: &rng).table.rowCount == 80)
        let single = table.selecting(rows: [0])
        #expect(try Oversampler(method: .smote, target: "y").resample(single, using: &rng).table.rowCount == 1)
    }
}
