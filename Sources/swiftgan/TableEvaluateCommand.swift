import ArgumentParser
import SwiftGAN

/// `swiftgan table evaluate`: every fidelity metric for a synthetic table against its real table.
struct TableEvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Compare a synthetic CSV table with the real one.",
        discussion: """
            Prints SDMetrics' quality scores (column shapes, column pair trends over all pairs and over the strongly \
            associated pairs, overall), boundary and category adherence, logistic detection, distance to closest \
            record, and with --target the machine-learning efficacy (train on synthetic vs train on real; tested on \
            --test when given, else by 3-fold cross-validation on the real table). The synthetic and test files are \
            read with the real table's column types. --id and --drop columns are left out of every table, as \
            SDMetrics leaves out id columns.
            """)

    @Option(help: "The real CSV table.") var real: String
    @Option(help: "The synthetic CSV table (same columns).") var synthetic: String
    @Option(help: "Target column for machine-learning efficacy.") var target: String?
    @Option(help: "Held-out real CSV table to test efficacy models on.") var test: String?
    @Flag(help: "Print JSON instead of the readable report.") var json = false
    @Option(help: "Random seed (folds, models, random baseline).") var seed: UInt64 = 0
    @Option(help: "Also write a self-contained HTML report (histograms, correlation maps, privacy).")
    var report: String?
    @OptionGroup var csv: TableCSVOptions
    @OptionGroup var columns: TableColumnChoices

    func run() throws {
        let excluded = columns.identifiers + columns.dropped
        let realTable = try csv.read(real, leavingOut: columns)
        func leaveOut(_ t: Table) throws -> Table { try t.removing(columns: excluded.filter(t.columnNames.contains)) }
        let syntheticTable = try leaveOut(csv.read(synthetic, typedLike: realTable))
        let testTable = try test.map { try leaveOut(csv.read($0, typedLike: realTable)) }
        if test != nil && target == nil { throw ValidationError("--test is only used with --target") }
        let result = try TableEvaluation(real: realTable, synthetic: syntheticTable, target: target, test: testTable,
                                         seed: seed)
        print(json ? try result.json() : result.text())
        if let report {
            let page = try TableEvaluationReport.make(
                real: realTable, synthetic: syntheticTable, result: result,
                title: "SwiftGAN table evaluation: \(synthetic) against \(real)")
            try writeReport(page, to: report, json: json)
        }
    }
}
