import ArgumentParser
import Tabular
import TensorCore

/// `swiftgan table augment`: class balancing by SMOTE / SMOTE-NC or random oversampling.
struct TableAugmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "augment",
        abstract: "Balance the classes of a CSV table by oversampling.",
        discussion: """
            Every class of --target is raised to --ratio times the size of the largest class. SMOTE interpolates \
            between a row and one of its 5 nearest same-class rows (SMOTE-NC when there are categorical columns); \
            random oversampling copies rows. The output holds the input rows followed by the new ones.
            """)

    @Option(help: "Input CSV file with a header line.") var data: String
    @Option(help: "smote or random.") var method: String = "smote"
    @Option(help: "The class column to balance.") var target: String
    @Option(help: "Output CSV file (written atomically).") var out: String
    @Option(help: "Raise each class to this share of the largest class.") var ratio: Double = 1
    @Option(help: "Nearest neighbours for SMOTE.") var neighbors: Int = 5
    @Option(help: "Random seed.") var seed: UInt64 = 0
    @OptionGroup var csv: TableCSVOptions

    func run() throws {
        guard let m = OversamplingMethod(rawValue: method.lowercased()) else {
            throw ValidationError("--method must be smote or random, got '\(method)'")
        }
        try BLAS.load()
        let table = try csv.read(data)
        var rng = SeededGenerator(seed: seed)
        let result = try Oversampler(method: m, target: target, ratio: ratio, neighbors: neighbors)
            .resample(table, using: &rng)
        try result.table.write(csvFile: out)
        let name = m == .random ? "random oversampling" : result.usedSMOTENC ? "SMOTE-NC" : "SMOTE"
        print("\(name) on '\(target)': \(table.rowCount) rows in, \(result.table.rowCount) rows out -> \(out)")
        for c in result.classes {
            print("  \(c.label.padding(toLength: 24, withPad: " ", startingAt: 0)) \(c.before) + \(c.added)")
        }
    }
}
