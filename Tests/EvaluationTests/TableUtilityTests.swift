import Foundation
@testable import Evaluation
import Tabular
import TensorCore
import Testing

/// The downstream test of augmentation (`TableUtility`): an augmenter that adds nothing gains exactly nothing, one
/// that adds label noise loses, and the interval is Student's.
@Suite struct TableUtilityTests {
    /// 90 rows of class "a" around (0, 0) and 30 of "b" around (2, 2), with a categorical feature.
    static func table() throws -> Table {
        var g = SeededGenerator(seed: 9)
        let labels = (0..<120).map { $0 < 90 ? "a" : "b" }
        let x = labels.map { ($0 == "a" ? 0 : 2) + g.normal() * 0.8 }
        let y = labels.map { ($0 == "a" ? 0 : 2) + g.normal() * 0.8 }
        let colour = (0..<120).map { _ in ["red", "green"][g.int(below: 2)] }
        return try Table(columns: [Column(name: "x", values: x), Column(name: "y", values: y),
                                   Column(name: "colour", strings: colour), Column(name: "label", strings: labels)])
    }

    @Test func anAugmenterThatAddsNothingGainsNothing() throws {
        let u = try TableUtility(table: try Self.table(), target: "label", splits: 3, seed: 1) { training, _ in training }
        #expect(u.gains.count == 6 && u.minorityClass == "b" && u.trainingRows == u.augmentedRows)
        for g in u.gains {
            #expect(g.perSplit == [0, 0, 0] && g.gain == 0 && g.low == 0 && g.high == 0, "\(g)")
            #expect(g.baseline > 0.8, "\(g.model) \(g.metric) \(g.baseline): the classes are separable")
        }
        #expect(u.gains.map(\.metric).prefix(3) == ["balanced accuracy", "F1 of class 'b'", "ROC AUC"])
    }

    @Test func anAugmenterThatAddsLabelNoiseLoses() throws {
        let u = try TableUtility(table: try Self.table(), target: "label", splits: 5, seed: 2) { training, split in
            // Three copies of the training rows with labels drawn at random: noise, nothing else.
            var g = SeededGenerator(seed: 100 + UInt64(split))
            let i = try training.index(of: "label")
            let copies = try (0..<3).map { _ in
                try training.replacing(column: i, with: Column(
                    name: "label", strings: (0..<training.rowCount).map { _ in ["a", "b"][g.int(below: 2)] }))
            }
            return try copies.reduce(training) { try $0.appending($1) }
        }
        #expect(u.augmentedRows == 4 * u.trainingRows)
        for g in u.gains where g.metric == "balanced accuracy" || g.metric.hasPrefix("F1") {
            #expect(g.gain < 0, "\(g.model) \(g.metric): \(g.gain)")
        }
        #expect(u.gains.filter { $0.high < 0 }.count >= 2, "\(u.gains)")
    }

    @Test func theIntervalIsStudents() {
        let (mean, half) = UtilityGain.meanAndInterval([1, 2, 3])
        #expect(mean == 2 && abs(half - 4.303 / 3.0.squareRoot()) < 1e-9)
        #expect(UtilityGain.studentT975(degreesOfFreedom: 1) == 12.706 && UtilityGain.studentT975(degreesOfFreedom: 4) == 2.776)
        #expect(abs(UtilityGain.studentT975(degreesOfFreedom: 120) - 1.98) < 0.001)  // exact: 1.9799
    }

    @Test func unusableInputIsOneMessage() throws {
        let table = try Self.table()
        let lone = try table.appending(try Table(columns: [
            Column(name: "x", values: [0]), Column(name: "y", values: [0]), Column(name: "colour", strings: ["red"]),
            Column(name: "label", strings: ["c"])]))
        #expect(throws: TableMetricError.self) { try TableUtility(table: lone, target: "label") { t, _ in t } }
        #expect(throws: TableMetricError.self) { try TableUtility(table: table, target: "label", splits: 1) { t, _ in t } }
        #expect(throws: TableError.self) { try TableUtility(table: table, target: "nope") { t, _ in t } }
        let renamed = { (t: Table, _: Int) throws -> Table in
            let i = try t.index(of: "label")
            return try t.replacing(column: i, with: Column(name: "label", strings: (0..<t.rowCount).map { _ in "z" }))
        }
        let numbered = { (t: Table, _: Int) throws -> Table in  // a numeric column turned categorical
            let i = try t.index(of: "x")
            return try t.replacing(column: i, with: t.columns[i].asCategorical())
        }
        #expect(throws: TableMetricError.self) { try TableUtility(table: table, target: "label", augment: numbered) }
        #expect(throws: TableMetricError.invalidOption(
            "the augmented table has class 'z', which the data does not; augmentation adds rows of the existing classes"))
        { try TableUtility(table: table, target: "label", augment: renamed) }
    }
}
