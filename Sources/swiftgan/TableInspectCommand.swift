import ArgumentParser
import SwiftGAN

/// `swiftgan table inspect`: how SwiftGAN reads a CSV table and how the CTGAN transform lays it out.
struct TableInspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect", abstract: "Show column types, missing values and the CTGAN transform of a CSV table.")

    @Option(help: "Input CSV file with a header line.") var data: String
    @Option(help: "Random seed for the mixture fits.") var seed: UInt64 = 0
    @Option(help: "Refuse categorical columns with more distinct values than this.") var maxCategories = 1000
    @OptionGroup var csv: TableCSVOptions
    @OptionGroup var columns: TableColumnChoices

    func run() throws {
        let table = try csv.read(data, leavingOut: columns)
        let start = DispatchTime.now().uptimeNanoseconds
        var rng = SeededGenerator(seed: seed)
        var options = DataTransformer.Options()
        options.maxCategories = maxCategories
        let transformer = try DataTransformer.fit(table, options: options, using: &rng)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
        print("\(data): \(table.rowCount) rows, \(table.columns.count) columns; transform fitted in "
            + String(format: "%.2f", seconds) + " s, \(transformer.outputWidth) values per row, condition width "
            + "\(transformer.conditionWidth)")
        for (column, transform) in zip(table.columns, transformer.columns) {
            let missing = column.missingCount
            var line = "  " + column.name.padding(toLength: 28, withPad: " ", startingAt: 0)
                + column.kind.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)
                + (missing > 0 ? "\(missing) missing" : "").padding(toLength: 14, withPad: " ", startingAt: 0)
            switch transform {
            case .continuous(let t):
                let modes = zip(t.modeMeans, t.modeStandardDeviations).map { String(format: "%.4g±%.2g", $0, $1) }
                line += "\(t.modes.count) modes [\(modes.joined(separator: ", "))]"
                if column.kind == .float { line += ", \(column.decimals) decimals" }
                if let format = column.dateFormat {
                    line += ", written like " + format.string(t.minimum) + " (every \(Int(format.resolution)) s)"
                }
            case .discrete(let t):
                line += "\(t.levels.count) categories" + (t.hasMissing ? " + missing" : "")
            }
            print(line)
        }
        for finding in table.suspiciousColumns() {
            let advice = finding.kind == .identifier ? "--id \(finding.column) or --drop \(finding.column)"
                : "--drop \(finding.column)"
            print("note: \(finding); `table train` models it unless told otherwise (\(advice))")
        }
    }
}
