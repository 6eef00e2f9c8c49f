import ArgumentParser
import SwiftGAN

/// `swiftgan table sample --model RUN_OR_FILE --rows N --out synth.csv …`
struct TableSampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Write new rows from a trained table model.",
        discussion: """
            The model file carries the fitted transform, so nothing else is needed. Row i is a pure function of \
            (model, --seed, i). Every --condition column=value (several allowed, discrete columns only; an empty \
            value asks for missing values) holds in every row: the generator is conditioned on the rarest one and \
            the others are checked row by row. --shard k/n writes only part k of n of the rows (with the header \
            line), so n processes or machines share the work: the shards' rows, in order, are the rows of one run. Under mpirun -np n, process k writes part k to \
            OUT with k-of-n before its extension (synth.csv → synth.0-of-2.csv).
            """)

    @Option(help: "A run folder (its model.safetensors) or a model file.") var model: String
    @Option(help: "Number of rows.") var rows = 1000
    @Option(help: "Output CSV file (written atomically).") var out: String
    @Option(help: "Only rows where this discrete column holds this value: column=value (repeatable).")
    var condition: [String] = []
    @Option(help: "Random seed.") var seed: UInt64 = 0
    @Option(help: shardHelp, transform: Shard.init(parsing:)) var shard: Shard = .whole

    func run() throws {
        guard rows >= 1 else { throw ValidationError("--rows must be at least 1") }
        let conditions = try condition.map { try TableCondition(parsing: $0) }
        let synth = try TableSynthesizer.load(from: URL(fileURLWithPath: model))
        let shard = try jobShard(self.shard), out = shardFile(self.out, shard, given: self.shard)
        let part = shard.range(of: rows, first: 0, group: TableSynthesizer.generationGroup)
        let table = try synth.sample(count: part.count, seed: seed, conditions: conditions, first: part.lowerBound)
        try table.write(csvFile: out)
        print("wrote \(table.rowCount) rows × \(table.columns.count) columns to \(out)"
            + (shard == .whole ? "" : " (rows \(part.lowerBound)..<\(part.upperBound) of \(rows), shard \(shard))"))
    }
}
