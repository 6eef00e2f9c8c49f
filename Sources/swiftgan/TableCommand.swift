import ArgumentParser
import SwiftGAN

/// `swiftgan table`: tabular data — GAN synthesis, class balancing and fidelity metrics.
struct TableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "table", abstract: "Tabular data: GAN synthesis, oversampling and fidelity metrics.",
        subcommands: [TableTrainCommand.self, TableSampleCommand.self, TableAugmentCommand.self,
                      TableEvaluateCommand.self, TableInspectCommand.self])
}

/// How the CSV files of a `table` command are read.
struct TableCSVOptions: ParsableArguments {
    @Option(help: "Columns to read as categorical, comma-separated (e.g. integer class labels).") var discrete: String?
    @Option(help: "Columns to read as numbers, comma-separated.") var numeric: String?
    @Option(help: "Field delimiter (default: the most frequent of , ; tab | in the header line).") var delimiter: String?

    func csvOptions() throws -> CSVOptions {
        func names(_ s: String?) -> Set<String> {
            Set((s ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        }
        var d: Character? = nil
        if let delimiter {
            let text = delimiter == "\\t" || delimiter.lowercased() == "tab" ? "\t" : delimiter
            guard text.count == 1 else { throw ValidationError("--delimiter must be one character, got '\(delimiter)'") }
            d = text.first
        }
        return CSVOptions(delimiter: d, discrete: names(discrete), numeric: names(numeric))
    }

    /// Reads `path` with these options.
    func read(_ path: String) throws -> Table { try Table.read(csvFile: path, options: try csvOptions()) }

    /// Reads `path` typed like `reference` (its discrete and numeric columns), so both tables compare column by column.
    func read(_ path: String, typedLike reference: Table) throws -> Table {
        try Table.read(csvFile: path, options: try csvOptions(), typedLike: reference)
    }
}
