import ArgumentParser
import SwiftGAN

/// `swiftgan table utility`: does augmentation help a classifier trained on the table? (`TableUtility`)
struct TableUtilityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "utility",
        abstract: "Test whether augmenting a table helps a classifier trained on it.",
        discussion: """
            The test to run before trusting augmentation. Over --splits repeated stratified splits, --test-fraction \
            of each class of --target is held out; each --method augments the rest as `table augment` does, and \
            logistic regression (balanced class weights) and a random forest (100 trees) are trained on the real \
            training rows and on the augmented ones, then scored on the held-out real rows: balanced accuracy, F1 of \
            the rarest class and ROC AUC. The gain is augmented minus real-only, averaged over splits, with a 95 % \
            interval. A method whose intervals lie below 0 makes this table's classifiers worse.
            """)

    @Option(help: "Input CSV file with a header line.") var data: String
    @Option(help: "The class column.") var target: String
    @Option(help: "Methods to test, comma-separated: smote, random, gan.") var method = "smote,random"
    @Option(help: "Raise each class to this share of the largest class.") var ratio: Double = 1
    @Option(help: "Nearest neighbours for SMOTE.") var neighbors: Int = 5
    @Option(help: "Training epochs for --method gan (default: by table size).") var epochs: Int?
    @Option(help: "Repeated stratified splits.") var splits = 5
    @Option(help: "Share of each class held out for testing in each split.") var testFraction = 0.3
    @Option(help: "Random seed (splits, augmentation, models).") var seed: UInt64 = 0
    @Flag(help: "Print JSON instead of a table.") var json = false
    @OptionGroup var csv: TableCSVOptions

    func run() throws {
        let methods = try TableCSVOptions.names(method).map { name -> TableAugmentMethod in
            guard let m = TableAugmentMethod(rawValue: name) else {
                throw ValidationError("--method takes smote, random or gan (comma-separated), not '\(name)'")
            }
            return m
        }
        guard !methods.isEmpty else { throw ValidationError("--method names no method") }
        let table = try csv.read(data)
        let discrete = try Array(csv.csvOptions().discrete).sorted()
        var reports: [(name: String, utility: TableUtility)] = []
        for m in methods {
            let augmentation = TableAugmentation(method: m, target: target, ratio: ratio, neighbors: neighbors,
                                                 epochs: epochs, discrete: discrete)
            let utility = try TableUtility(table: table, target: target, splits: splits, testFraction: testFraction,
                                           seed: seed) { training, split in
                try augmentation.apply(to: training, seed: seed &+ UInt64(split), progress: nil).table
            }
            reports.append((m.rawValue, utility))
        }
        if json { return try UtilityReport.printJSON(reports.map { ($0.name, $0.utility) }) }
        for (name, u) in reports {
            UtilityReport.print(
                method: name, heading: "on '\(target)': \(u.splits) splits, \(Int(u.testFraction * 100)) % held out, "
                    + String(format: "training rows %.0f → %.0f", u.trainingRows, u.augmentedRows),
                gains: u.gains, subject: "table")
        }
    }
}
