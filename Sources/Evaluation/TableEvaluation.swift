import Foundation
import Tabular

/// Every table fidelity metric of SwiftGAN for one synthetic table against its real table.
public struct TableEvaluation: Codable, Sendable, Equatable {
    public var realRows: Int
    public var syntheticRows: Int
    public var testRows: Int?
    public var seed: UInt64
    public var quality: TableQualityReport
    public var adherence: TableAdherence
    /// Nil when a table is too small for 3-fold cross-validation (see `notes`).
    public var detection: TableDetection?
    /// Nil without a target, or when the tables are too small (see `notes`).
    public var efficacy: TableEfficacy?
    public var privacy: TablePrivacy
    /// Metrics left out and why.
    public var notes: [String]

    /// Evaluates `synthetic` against `real`; machine-learning efficacy only when a `target` is given (tested on
    /// `test` when given, otherwise by cross-validation on `real`).
    public init(real: Table, synthetic: Table, target: String? = nil, test: Table? = nil, seed: UInt64 = 0) throws {
        quality = try TableQualityReport(real: real, synthetic: synthetic)
        adherence = try TableAdherence(real: real, synthetic: synthetic)
        var notes: [String] = []
        /// A metric that needs more rows than there are is left out with a note; other errors propagate.
        func unlessTooSmall<T>(_ name: String, _ body: () throws -> T) throws -> T? {
            do {
                return try body()
            } catch let error as TableMetricError {
                guard case .tooFewRows = error else { throw error }
                notes.append("\(name) left out: \(error)")
                return nil
            }
        }
        detection = try unlessTooSmall("logistic detection") {
            try TableDetection(real: real, synthetic: synthetic, seed: seed)
        }
        efficacy = try target.flatMap { t in
            try unlessTooSmall("machine-learning efficacy") {
                try TableEfficacy(real: real, synthetic: synthetic, target: t, test: test, seed: seed)
            }
        }
        self.notes = notes
        privacy = try TablePrivacy(real: real, synthetic: synthetic, seed: seed)
        realRows = real.rowCount
        syntheticRows = synthetic.rowCount
        testRows = target == nil ? nil : test?.rowCount
        self.seed = seed
    }

    /// Pretty-printed JSON with sorted keys.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// A readable report with the same figures as the JSON.
    public func text() -> String {
        var lines: [String] = []
        func f(_ v: Double?) -> String { v.map { String(format: "%.4f", $0) } ?? "n/a" }
        func row(_ label: String, _ value: String) { lines.append("  " + label.padding(toLength: 44, withPad: " ", startingAt: 0) + value) }
        lines.append("SwiftGAN table evaluation: \(syntheticRows) synthetic rows against \(realRows) real rows (seed \(seed))")
        lines.append("")
        lines.append("Quality (SDMetrics)")
        row("column shapes", f(quality.columnShapes))
        row("column pair trends, all pairs", f(quality.columnPairTrends))
        row("column pair trends, strong pairs (\(quality.thresholdedPairs))", f(quality.columnPairTrendsThresholded))
        row("overall, all pairs", f(quality.overall))
        row("overall, strong pairs (SDMetrics >= 0.27)", f(quality.overallThresholded))
        lines.append("")
        lines.append("Diagnostics")
        row("boundary adherence (mean)", f(adherence.boundaryMean))
        row("category adherence (mean)", f(adherence.categoryMean))
        row("logistic detection", detection.map {
            f($0.score) + "  (fold AUCs " + $0.foldAUCs.map { f($0) }.joined(separator: ", ") + ")"
        } ?? "n/a")
        lines.append("")
        lines.append("Privacy (distance to closest real record)")
        row("median DCR / random baseline", f(privacy.medianDCR) + " / " + f(privacy.randomBaselineMedianDCR))
        row("DCR baseline protection", f(privacy.baselineProtection))
        row("exact copies of real rows", "\(privacy.exactCopies) (\(String(format: "%.1f", privacy.exactCopyRate * 100))%)")
        if let e = efficacy {
            lines.append("")
            lines.append("Machine-learning efficacy: target '\(e.target)' (\(e.task)), \(e.metric)")
            lines.append("  \(e.evaluation)")
            lines.append("  " + "model".padding(toLength: 22, withPad: " ", startingAt: 0) + "train real  train synthetic"
                + (e.models.first?.accuracyTrainOnReal != nil ? "  accuracy real  accuracy synthetic" : ""))
            for m in e.models {
                var s = "  " + m.model.padding(toLength: 22, withPad: " ", startingAt: 0)
                    + f(m.trainOnReal).padding(toLength: 12, withPad: " ", startingAt: 0)
                    + f(m.trainOnSynthetic).padding(toLength: 17, withPad: " ", startingAt: 0)
                if let a = m.accuracyTrainOnReal, let b = m.accuracyTrainOnSynthetic {
                    s += f(a).padding(toLength: 15, withPad: " ", startingAt: 0) + f(b)
                }
                lines.append(s)
            }
        }
        for note in notes { lines.append("Note: " + note) }
        lines.append("")
        lines.append("Per column")
        for c in quality.columns {
            let adherenceScore = (adherence.boundary + adherence.category).first { $0.column == c.column }
            row(c.column, "\(c.metric) \(f(c.score))" + (adherenceScore.map { ", \($0.metric) \(f($0.score))" } ?? ""))
        }
        return lines.joined(separator: "\n")
    }
}
