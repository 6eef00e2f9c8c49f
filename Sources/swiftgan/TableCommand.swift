import ArgumentParser
import SwiftGAN

/// `swiftgan table`: tabular data — GAN synthesis, class balancing and fidelity metrics.
struct TableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "table", abstract: "Tabular data: GAN synthesis, oversampling and fidelity metrics.",
        subcommands: [TableTrainCommand.self, TableSampleCommand.self, TableAugmentCommand.self,
                      TableUtilityCommand.self, TableEvaluateCommand.self, TableInspectCommand.self])
}

/// How the CSV files of a `table` command are read.
struct TableCSVOptions: ParsableArguments {
    @Option(help: "Columns to read as categorical, comma-separated (e.g. integer class labels).") var discrete: String?
    @Option(help: "Columns to read as numbers, comma-separated.") var numeric: String?
    @Option(help: "Field delimiter (default: the most frequent of , ; tab | in the header line).") var delimiter: String?

    /// The names of a comma-separated list, in order, without blanks or repeats.
    static func names(_ s: String?) -> [String] {
        var seen = Set<String>()
        return (s ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    func csvOptions() throws -> CSVOptions {
        func names(_ s: String?) -> Set<String> { Set(Self.names(s)) }
        var d: Character? = nil
        if let delimiter {
            let text = delimiter == "\\t" || delimiter.lowercased() == "tab" ? "\t" : delimiter
            guard text.count == 1 else { throw ValidationError("--delimiter must be one character, got '\(delimiter)'") }
            d = text.first
        }
        return CSVOptions(delimiter: d, discrete: names(discrete), numeric: names(numeric))
    }

    /// Reads `path` with these options, without the columns `choices` leave out.
    func read(_ path: String, leavingOut choices: TableColumnChoices) throws -> Table {
        try read(path).removing(columns: choices.identifiers + choices.dropped)
    }

    /// Reads `path` with these options.
    func read(_ path: String) throws -> Table { try Table.read(csvFile: path, options: try csvOptions()) }

    /// Reads `path` typed like `reference` (its discrete and numeric columns), so both tables compare column by column.
    func read(_ path: String, typedLike reference: Table) throws -> Table {
        try Table.read(csvFile: path, options: try csvOptions(), typedLike: reference)
    }
}

/// Columns a table command leaves out: `--id` (row identifiers, which `table train` keeps as row numbers in sampled
/// tables) and `--drop`.
struct TableColumnChoices: ParsableArguments {
    @Option(help: "Row-identifier columns, comma-separated: not modelled or compared; sampled tables number their rows there.")
    var id: String?
    @Option(help: "Columns to leave out, comma-separated.") var drop: String?

    var identifiers: [String] { TableCSVOptions.names(id) }
    var dropped: [String] { TableCSVOptions.names(drop) }
}
