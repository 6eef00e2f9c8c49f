import TensorCore
import Foundation
import Testing
import Tabular
@testable import Evaluation

@Suite("Table fidelity metrics")
struct TableMetricTests {
    /// The worked example: real x = 1, 2, 3, 4, 5, missing; y = 2, 4, 5, 4, 6, 7; c = a, a, b, b, b, a.
    /// Synthetic x = 1, 2, 6, 3; y = 1, 5, 3, 2; c = a, b, b, c.
    static func example() throws -> (real: Table, synthetic: Table) {
        let real = try Table(columns: [
            Column(name: "x", values: [1, 2, 3, 4, 5, .nan]), Column(name: "y", values: [2, 4, 5, 4, 6, 7]),
            Column(name: "c", strings: ["a", "a", "b", "b", "b", "a"]),
        ])
        let synthetic = try Table(columns: [
            Column(name: "x", values: [1, 2, 6, 3]), Column(name: "y", values: [1, 5, 3, 2]),
            Column(name: "c", strings: ["a", "b", "b", "c"]),
        ])
        return (real, synthetic)
    }

    @Test("worked example: the quality report by SDMetrics' definitions, computed by hand")
    func workedExample() throws {
        let (real, synthetic) = try Self.example()
        let q = try TableQualityReport(real: real, synthetic: synthetic)
        // x: F_real − F_synthetic after 1..6 = .05, .1, .15, .05, .25, 0 → D = .25.
        // y: after 1..7 = .25, 1/3, 7/12, .25, 1/3, 1/6, 0 → D = 7/12.
        // c: real a .5, b .5; synthetic a .25, b .5, c .25 → TV = .25.
        let shapes = [0.75, 5.0 / 12, 0.75]
        for (c, expected) in zip(q.columns, shapes) { #expect(abs(c.score! - expected) < 1e-12, "\(c.column)") }
        #expect(q.columns.map(\.metric) == ["KSComplement", "KSComplement", "TVComplement"])
        // (x, y): Pearson real 8/√88 (rows with x present), synthetic 2/√122.5.
        let rho = (8 / 88.0.squareRoot(), 2 / 122.5.squareRoot())
        #expect(abs(q.pairs[0].realCorrelation! - rho.0) < 1e-12 && abs(q.pairs[0].syntheticCorrelation! - rho.1) < 1e-12)
        #expect(abs(q.pairs[0].score! - (1 - abs(rho.0 - rho.1) / 2)) < 1e-12)
        // (x, c): x binned by its own 10 equal-width bins (real 1..5 → 1, 3, 6, 8, 11, missing 11; synthetic
        // 1..6 → 1, 3, 11, 5); joint frequencies differ by 16/12 in total → 1 − 8/12.
        #expect(abs(q.pairs[1].score! - 1.0 / 3) < 1e-12)
        // (y, c): real bins 1, 5, 7, 5, 9, 11; synthetic 1, 11, 6, 3 → total difference 20/12 → 1 − 10/12.
        #expect(abs(q.pairs[2].score! - 1.0 / 6) < 1e-12)
        // Real Cramér's V of both contingency pairs: chi² = 4 on 6 rows → √(4/6).
        #expect(abs(q.pairs[1].realAssociation! - (4.0 / 6).squareRoot()) < 1e-12)
        #expect(q.pairs.allSatisfy(\.meetsThreshold) && q.thresholdedPairs == 3)
        let trends = (1 - abs(rho.0 - rho.1) / 2 + 1.0 / 3 + 1.0 / 6) / 3
        let shapesMean = shapes.reduce(0, +) / 3
        #expect(abs(q.columnShapes! - shapesMean) < 1e-12 && abs(q.columnPairTrends! - trends) < 1e-12)
        #expect(abs(q.overall! - (shapesMean + trends) / 2) < 1e-12)
        #expect(q.overallThresholded == q.overall)
        // SDMetrics 0.32 prints 0.5134360179298817 for this example; the 1.4e-8 gap is the 1e-6 count SDMetrics'
        // TVComplement adds to the real table for the category "c" it lacks.
        #expect(abs(q.overall! - 0.5134360179298817) < 2e-8)
    }

    @Test("the thresholded mean counts only strongly associated pairs")
    func threshold() throws {
        // a, b strongly correlated in real; c independent of both.
        let a: [Double] = [1, 2, 3, 4, 5, 6, 7, 8], b: [Double] = [1.1, 2.3, 2.9, 4.2, 5.1, 5.8, 7.2, 8.1]
        let c: [Double] = [5, 1, 4, 8, 2, 7, 3, 6]
        let real = try Table(columns: [Column(name: "a", values: a), Column(name: "b", values: b), Column(name: "c", values: c)])
        let synthetic = try Table(columns: [Column(name: "a", values: a), Column(name: "b", values: b.reversed()),
                                            Column(name: "c", values: c)])
        let q = try TableQualityReport(real: real, synthetic: synthetic)
        #expect(q.pairs.map(\.meetsThreshold) == [true, false, false])
        #expect(q.thresholdedPairs == 1 && q.columnPairTrendsThresholded == q.pairs[0].score)
        #expect(q.columnPairTrends! > q.columnPairTrendsThresholded!)
    }

    @Test("worked example: boundary and category adherence, distance to closest record")
    func adherenceAndDCR() throws {
        let (real, synthetic) = try Self.example()
        let a = try TableAdherence(real: real, synthetic: synthetic)
        // x: 6 is outside [1, 5]; y: 1 is outside [2, 7]; c: "c" was never seen.
        #expect(a.boundary.map(\.score) == [0.75, 0.75] && a.category.map(\.score) == [0.75])
        let p = try TablePrivacy(real: real, synthetic: synthetic)
        // Ranges x 4, y 5. Row (1, 1, a) → real (1, 2, a): (0 + 1/5 + 0)/3; (2, 5, b) → (3, 5, b): (1/4)/3;
        // (6, 3, b) → (4, 4, b): (2/4 + 1/5)/3; (3, 2, c) → (1, 2, a): (2/4 + 0 + 1)/3. SDMetrics 0.32's
        // calculate_dcr gives the same four values.
        let dcr = [0.2 / 3, 0.25 / 3, 0.7 / 3, 1.5 / 3]
        #expect(abs(p.medianDCR - (dcr[1] + dcr[2]) / 2) < 1e-7)  // summed in Float32
        #expect(abs(p.meanDCR - dcr.reduce(0, +) / 4) < 1e-7)
        #expect(p.exactCopies == 0 && p.randomBaselineMedianDCR > 0)
    }

    static func blobs(rows: Int, shift: Double, seed: UInt64) throws -> Table {
        var rng = SeededGenerator(seed: seed)
        var x1: [Double] = [], x2: [Double] = [], g: [String?] = [], label: [String?] = []
        for i in 0..<rows {
            let positive = i % 3 == 0
            x1.append(NumberFormatting.round((positive ? 2.5 : 0) + shift + rng.normal(), decimals: 4))
            x2.append(NumberFormatting.round((positive ? -2 : 0) + rng.normal(), decimals: 4))
            g.append(rng.uniform() < 0.5 ? "u" : "v")
            label.append(positive ? "yes" : "no")
        }
        return try Table(columns: [Column(name: "x1", kind: .float, decimals: 4, values: x1),
                                   Column(name: "x2", kind: .float, decimals: 4, values: x2),
                                   Column(name: "g", strings: g), Column(name: "label", strings: label)])
    }

    @Test("identical tables get the perfect scores; a copy is all exact copies")
    func identical() throws {
        let real = try Self.blobs(rows: 240, shift: 0, seed: 1), test = try Self.blobs(rows: 120, shift: 0, seed: 2)
        let e = try TableEvaluation(real: real, synthetic: real, target: "label", test: test, seed: 3)
        #expect(e.quality.columnShapes == 1 && e.quality.columnPairTrends == 1 && e.quality.overall == 1)
        #expect(e.adherence.boundaryMean == 1 && e.adherence.categoryMean == 1)
        #expect(e.privacy.medianDCR == 0 && e.privacy.exactCopies == 240 && e.privacy.baselineProtection == 0)
        #expect(e.detection!.score > 0.8, "detection \(e.detection!.score)")
        #expect(e.notes.isEmpty)
        let efficacy = e.efficacy!
        #expect(efficacy.task == "binary" && efficacy.metric == "F1 of class 'yes'")
        #expect(efficacy.models.map(\.model) == ["logistic regression", "MLP", "random forest"])
        for m in efficacy.models {
            #expect(m.trainOnReal == m.trainOnSynthetic && m.accuracyTrainOnReal == m.accuracyTrainOnSynthetic)
            #expect(m.trainOnReal > 0.8 && m.accuracyTrainOnReal! > 0.85, "\(m)")
        }
        // The JSON carries the same figures as the text.
        let json = try e.json()
        let decoded = try JSONDecoder().decode(TableEvaluation.self, from: Data(json.utf8))
        #expect(decoded == e)
        #expect(e.text().contains("overall, all pairs") && e.text().contains("random forest"))
    }

    @Test("detection sees a shifted table; efficacy sees wrong labels")
    func differentTables() throws {
        let real = try Self.blobs(rows: 300, shift: 0, seed: 4), shifted = try Self.blobs(rows: 300, shift: 3, seed: 5)
        #expect(try TableDetection(real: real, synthetic: shifted, seed: 1).score < 0.3)
        // Labels shuffled in the synthetic table: models trained on it are near chance on real rows.
        let labels = real.columns[3].categories!
        var rng = SeededGenerator(seed: 6)
        var codes = labels.codes
        for i in stride(from: codes.count - 1, to: 0, by: -1) { codes.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
        let scrambled = try real.replacing(column: 3, with: Column(name: "label", codes: codes, levels: labels.levels))
        let e = try TableEfficacy(real: real, synthetic: scrambled, target: "label", seed: 2)
        #expect(e.evaluation.contains("3-fold"))
        let forest = e.models.first { $0.model == "random forest" }!
        #expect(forest.accuracyTrainOnReal! > 0.85 && forest.accuracyTrainOnSynthetic! < 0.75, "\(forest)")
    }

    @Test("regression targets are scored by R²; small integer targets are classes")
    func regressionAndIntegerClasses() throws {
        var rng = SeededGenerator(seed: 7)
        var a: [Double] = [], b: [Double] = [], y: [Double] = [], k: [Double] = []
        for _ in 0..<200 {
            a.append(rng.normal()); b.append(rng.normal())
            y.append(3 * a.last! - 2 * b.last! + 0.1 * rng.normal())
            k.append(a.last! > 0 ? 1 : 2)
        }
        let table = try Table(columns: [Column(name: "a", values: a), Column(name: "b", values: b),
                                        Column(name: "y", values: y), Column(name: "k", kind: .integer, values: k)])
        let r = try TableEfficacy(real: table, synthetic: table, target: "y", seed: 1)
        #expect(r.task == "regression" && r.metric == "R²")
        let linear = r.models.first { $0.model == "linear regression" }!
        #expect(linear.trainOnReal > 0.99 && linear.accuracyTrainOnReal == nil)
        #expect(r.models.allSatisfy { $0.trainOnReal > 0.8 })
        let c = try TableEfficacy(real: table, synthetic: table, target: "k", seed: 1)
        #expect(c.task == "binary")
    }

    @Test("bad input: mismatched columns, empty tables, kinds, targets")
    func badInput() throws {
        let (real, synthetic) = try Self.example()
        let fewer = try Table(columns: [real.columns[0], real.columns[1]])
        #expect(throws: TableMetricError.mismatchedColumns(onlyReal: ["c"], onlySynthetic: [])) {
            try TableQualityReport(real: real, synthetic: fewer)
        }
        let empty = real.selecting(rows: [])
        #expect(throws: TableMetricError.emptyTable("synthetic")) { try TableQualityReport(real: real, synthetic: empty) }
        #expect(throws: TableMetricError.emptyTable("real")) { try TablePrivacy(real: empty, synthetic: real) }
        let retyped = try synthetic.replacing(column: 0, with: synthetic.columns[0].asCategorical())
        #expect(throws: TableMetricError.kindMismatch(column: "x", real: .float, synthetic: .categorical)) {
            try TableAdherence(real: real, synthetic: retyped)
        }
        #expect(throws: TableError.self) { try TableEfficacy(real: real, synthetic: synthetic, target: "nope") }
        let oneClass = try Table(columns: [Column(name: "v", values: [1, 2, 3, 4, 5, 6, 7]),
                                           Column(name: "t", strings: [String?](repeating: "a", count: 7))])
        #expect(throws: TableMetricError.self) { try TableEfficacy(real: oneClass, synthetic: oneClass, target: "t") }
        let tiny = real.selecting(rows: [0, 1])
        #expect(throws: TableMetricError.self) { try TableDetection(real: tiny, synthetic: tiny) }
        // The full evaluation of a one-row table leaves out what cannot be computed and says so.
        let single = try TableEvaluation(real: real.selecting(rows: [0]), synthetic: synthetic)
        #expect(single.detection == nil && single.efficacy == nil && single.notes.count == 1)
        #expect(throws: TableMetricError.unusableTarget(column: "c", reason: "the real table has one class only")) {
            try TableEvaluation(real: real.selecting(rows: [0]), synthetic: synthetic, target: "c")
        }
        #expect(single.quality.columnShapes != nil && single.text().contains("Note: logistic detection left out"))
        #expect(!TableMetricError.mismatchedColumns(onlyReal: ["c"], onlySynthetic: []).description.isEmpty)
    }
}
