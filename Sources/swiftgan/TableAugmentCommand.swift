import ArgumentParser
import SwiftGAN

/// `swiftgan table augment`: class balancing by SMOTE / SMOTE-NC, random oversampling or the table GAN.
struct TableAugmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "augment",
        abstract: "Balance the classes of a CSV table by oversampling.",
        discussion: """
            Every class of --target is raised to --ratio times the size of the largest class. SMOTE interpolates \
            between a row and one of its 5 nearest same-class rows (SMOTE-NC when there are categorical columns); \
            random oversampling copies rows; gan trains the table GAN conditioned on --target (as `table train`, \
            --epochs by table size unless given) and samples each new row under its class. The output holds the \
            input rows followed by the new ones.
            """)

    @Option(help: "Input CSV file with a header line.") var data: String
    @Option(help: "smote, random or gan.") var method = TableAugmentMethod.smote
    @Option(help: "The class column to balance.") var target: String
    @Option(help: "Output CSV file (written atomically).") var out: String
    @Option(help: "Raise each class to this share of the largest class.") var ratio: Double = 1
    @Option(help: "Nearest neighbours for SMOTE.") var neighbors: Int = 5
    @Option(help: "Training epochs for --method gan (default: by table size).") var epochs: Int?
    @Option(help: "Random seed.") var seed: UInt64 = 0
    @OptionGroup var csv: TableCSVOptions

    func run() throws {
        let table = try csv.read(data)
        let augmentation = TableAugmentation(method: method, target: target, ratio: ratio, neighbors: neighbors,
                                             epochs: epochs, discrete: try Array(csv.csvOptions().discrete).sorted())
        let (output, classes, name) = try augmentation.apply(to: table, seed: seed, progress: .standardOutput())
        try output.write(csvFile: out)
        print("\(name) on '\(target)': \(table.rowCount) rows in, \(output.rowCount) rows out -> \(out)")
        for c in classes {
            print("  \(c.label.padding(toLength: 24, withPad: " ", startingAt: 0)) \(c.before) + \(c.added)")
        }
        if method == .gan { print(ganCaution) }
    }
}

/// One of `table augment`'s methods with its settings, as `table augment` and `table utility` apply it.
struct TableAugmentation {
    var method: TableAugmentMethod
    var target: String
    var ratio: Double
    var neighbors: Int
    var epochs: Int?
    var discrete: [String]

    /// `table` followed by the rows the method adds, the rows per class before and added, and the method's name.
    func apply(to table: Table, seed: UInt64, progress: ProgressDisplay?) throws
        -> (table: Table, classes: [(label: String, before: Int, added: Int)], name: String)
    {
        if method == .gan {
            var options = TableTrainingOptions()
            options.epochs = epochs
            options.discrete = discrete
            options.training.seed = seed
            let (output, classes) = try TableSynthesizer.oversample(table, target: target, ratio: ratio,
                                                                    options: options, progress: progress)
            return (output, classes, "table GAN")
        }
        var rng = SeededGenerator(seed: seed)
        let result = try Oversampler(method: method == .random ? .random : .smote, target: target, ratio: ratio,
                                     neighbors: neighbors).resample(table, using: &rng)
        return (result.table, result.classes.map { ($0.label, $0.before, $0.added) },
                method == .random ? "random oversampling" : result.usedSMOTENC ? "SMOTE-NC" : "SMOTE")
    }
}
