import Foundation
import Models
import NN
import Tabular
import TensorCore
import Training

/// A CTGAN-class table synthesizer: the fitted transform, the conditional generator and how it was conditioned.
/// The library form of `swiftgan table train` / `table sample`.
///
/// ```swift
/// let synth = try TableSynthesizer.fit(table, options: options, runDirectory: run)
/// let rows = try synth.sample(count: 1000, seed: 1, conditions: [TableCondition(column: "class", value: "a")])
/// try synth.save(to: modelURL)
/// ```
///
/// Sampling is a pure function of (model, seed, row index): row i's latent, condition and Gumbel noise come from its
/// own random stream and the generator runs with its batch-norm statistics fixed, so the rows do not depend on the
/// batch size or the number of rows asked for.
public final class TableSynthesizer: Synthesizer {
    /// Model-file `__metadata__` value of `format`.
    public static let formatName = "swiftgan.table.ctgan"
    /// The model file a run directory ends with.
    public static let modelFileName = ModelFile.fileName

    public let config: TableModelConfig
    /// The fitted CTGAN transform (mode-specific normalisation, one-hots).
    public let transformer: DataTransformer
    public let generator: TableGenerator
    let layout: TableOutputLayout
    let conditioning: TableConditioning
    /// For each conditional-vector position, its discrete column (an index into `conditioning.columns`).
    let conditionColumn: [Int]
    /// How the training that made this synthesizer ended; nil for one loaded from a file.
    public internal(set) var trainingOutcome: TrainingOutcome?

    init(config: TableModelConfig, transformer: DataTransformer, generator: TableGenerator) {
        self.config = config
        self.transformer = transformer
        self.generator = generator
        layout = TableOutputLayout(spans: config.gan.spans)
        let conditioning = TableConditioning(transformer: transformer, config: config)
        self.conditioning = conditioning
        conditionColumn = conditioning.columns.indices.flatMap { c in
            Array(repeating: c, count: conditioning.columns[c].width)
        }
    }

    /// Column names of the tables this model makes.
    public var columnNames: [String] { config.columnNames(modelled: transformer.columns.map(\.name)) }

    /// Values per latent row: `z`, the one-hot condition, the Gumbel noise of every output position.
    var latentWidth: Int { config.gan.latentDimension + conditioning.width + layout.width }

    // MARK: The generator's pass

    /// Fills one latent row: `z` ~ N(0, 1) (`fillNormals`), the one-hot of conditional-vector
    /// position `condition`, and Gumbel noise.
    func fillLatent(_ row: UnsafeMutablePointer<Float>, condition: Int?, using g: inout SeededGenerator) {
        let z = config.gan.latentDimension, c = conditioning.width
        g.fillNormals(row, count: z)
        (row + z).update(repeating: 0, count: c)
        if let condition { row[z + condition] = 1 }
        layout.gumbelNoise(into: row + z + c, using: &g)
    }

    /// The generator over latent rows `[B, latentWidth]`: activated rows `[B, D]`, raw outputs `[B, D]`, and the
    /// conditions `[B, C]` (nil for a model without discrete columns).
    func forward(_ latent: Tensor) throws -> (rows: Tensor, logits: Tensor, conditions: Tensor?) {
        let z = config.gan.latentDimension, c = conditioning.width
        let input = latent.sliced(axis: 1, 0..<(z + c))
        let gumbel = latent.sliced(axis: 1, (z + c)..<latentWidth)
        let logits = try generator(input)
        let rows = layout.activate(logits, gumbel: gumbel, temperature: config.gan.gumbelTemperature)
        return (rows, logits, c > 0 ? latent.sliced(axis: 1, z..<(z + c)) : nil)
    }

    /// For each one-hot condition row `[B, C]`, the position in a generated row of the category it asks for.
    func conditionTargets(_ conditions: Tensor) -> [Int] {
        let c = conditioning.width, p = conditions.storage.pointer
        return (0..<conditions.shape[0]).map { b in
            (0..<c).first { p[b * c + $0] != 0 }.map { conditioning.outputPosition[$0] } ?? -1
        }
    }

    /// Latent rows `[count, latentWidth]` for row indices `first..<first+count` (each from its own stream of `seed`),
    /// conditioned on `condition` or, when nil, on a generation condition drawn from the row's stream.
    func latents(first: Int, count: Int, seed: UInt64, stream: [Int] = [], condition: Int?) -> (Tensor, [Int]) {
        let l = latentWidth
        let latent = Tensor(uninitialized: [count, l])
        var used = [Int](repeating: -1, count: count)
        let hasConditions = conditioning.width > 0
        used.withUnsafeMutableBufferPointer { used in
            parallelRanges(count, minimum: 64) { range in
                for i in range {
                    var g = SeededGenerator(seed: seed, stream: stream + [first + i])
                    let chosen = condition ?? (hasConditions ? conditioning.generationCondition(using: &g) : nil)
                    used[i] = chosen ?? -1
                    fillLatent(latent.storage.pointer + i * l, condition: chosen, using: &g)
                }
            }
        }
        return (latent, used)
    }

    // MARK: Sampling

    /// Rows computed together, in groups aligned to multiples of this (row numbers from 0): row i is the same whether
    /// it is sampled alone, with others, or by a shard (``Shard/range(of:first:group:)``).
    public static let generationGroup = 256

    /// `count` new rows as a table with the training table's columns and kinds.
    ///
    /// Every row satisfies all `conditions` (discrete columns only). The generator is conditioned on the rarest of
    /// them, whose value is then set exactly; rows are kept when they also hold the others, so one condition costs
    /// nothing extra and several cost in proportion to how rarely the generator makes them together (it gives up
    /// with `TableSynthesisError.conditionsTooRare` after 100 tries per row). Without conditions, each row is
    /// conditioned on the target's class (or a discrete column's category) drawn with its frequency in the
    /// training data, and that value is kept.
    ///
    /// `first` is the index of the first row: rows `first..<first + count` of a longer sample, as one shard of it
    /// writes them (identifier columns number them from `first + 1`). Rows checked against further conditions
    /// depend on the rows before them, so a sample that starts elsewhere than 0 takes at most one condition.
    public func sample(count rows: Int, seed: UInt64 = 0, conditions: [TableCondition] = [], first: Int = 0)
        throws -> Table
    {
        guard rows >= 0, CheckedSize.elements([rows, layout.width]) != nil else {
            throw TableSynthesisError.invalidOption(
                "cannot sample \(rows) rows; ask for 0 to \(CheckedSize.maximumElements / layout.width) rows at a time")
        }
        guard first >= 0, CheckedSize.sum([first, rows]) != nil else {
            throw TableSynthesisError.invalidOption("cannot sample from row \(first); the first row is 0 or later")
        }
        guard first == 0 || conditions.count <= 1 else {
            throw TableSynthesisError.invalidOption(
                "a sample that starts at row \(first) (a shard) takes at most one condition; rows checked against "
                    + "further conditions depend on the rows before them, so sample those in one process")
        }
        let asked = try conditioning.resolve(conditions, transformer: transformer)
        let counts = asked.map { conditioning.columns[$0.column].counts[$0.category] }
        let primary = asked.indices.min { counts[$0] < counts[$1] }
        let others = asked.indices.filter { $0 != primary }.map { asked[$0] }
        let fixed = primary.map { conditioning.index(column: asked[$0].column, category: asked[$0].category) }
        let d = layout.width
        let limit = others.isEmpty ? rows : Swift.max(100 * rows, 10_000)
        var kept: [Float] = []
        kept.reserveCapacity(rows * d)
        var found = 0, tried = 0
        generator.eval()
        defer { generator.train() }
        while found < rows && tried < limit {
            // Generation groups aligned to row numbers: a row's values do not depend on the rows asked for with it.
            let group = Self.generationGroup - (first + tried) % Self.generationGroup
            let n = others.isEmpty ? Swift.min(group, rows - found) : Swift.min(group, limit - tried)
            let (latent, used) = latents(first: first + tried, count: n, seed: seed, condition: fixed)
            let values = try GradientRecording.disabled { try forward(latent).rows }
            let v = values.storage.pointer
            for i in 0..<n where found < rows {
                let row = v + i * d
                if used[i] >= 0 { setOneHot(row, column: conditionColumn[used[i]], position: used[i]) }
                guard others.allSatisfy({ holds(row, $0) }) else { continue }
                kept.append(contentsOf: UnsafeBufferPointer(start: row, count: d))
                found += 1
            }
            tried += n
        }
        guard found == rows else {
            throw TableSynthesisError.conditionsTooRare(
                conditions: conditions.map(\.description).joined(separator: ", "), found: found, wanted: rows,
                tried: tried)
        }
        return try withIdentifiers(transformer.inverse(kept, rows: rows), first: first)
    }

    /// `table` with each identifier column inserted at its position, holding the row number (`first` + 1, + 2, …).
    private func withIdentifiers(_ table: Table, first: Int) throws -> Table {
        guard !config.identifiers.isEmpty else { return table }
        var columns = table.columns
        let numbers = (0..<table.rowCount).map { Double(first + $0 + 1) }
        for id in config.identifiers {
            columns.insert(Column(name: id.name, kind: .integer, values: numbers), at: id.position)
        }
        return try Table(columns: columns)
    }

    /// Sets the one-hot span of discrete column `column` in a generated row to conditional-vector position `position`.
    private func setOneHot(_ row: UnsafeMutablePointer<Float>, column: Int, position: Int) {
        let info = conditioning.columns[column]
        (row + info.outputOffset).update(repeating: 0, count: info.width)
        row[conditioning.outputPosition[position]] = 1
    }

    /// Whether a generated row's arg-max in `condition.column`'s span is `condition.category`.
    private func holds(_ row: UnsafeMutablePointer<Float>, _ condition: (column: Int, category: Int)) -> Bool {
        let info = conditioning.columns[condition.column]
        var best = 0
        for k in 1..<Swift.max(info.width, 1) where row[info.outputOffset + k] > row[info.outputOffset + best] { best = k }
        return best == condition.category
    }

    /// Re-estimates the batch-norm statistics for the current weights (e.g. after swapping in averaged ones) from
    /// `batches` batches of `rows` generated rows, drawn as `sample` draws them.
    func recalibrateNormalization(batches: Int = 40, rows: Int = 250, seed: UInt64) throws {
        generator.train()
        defer { generator.eval() }
        for b in 0..<batches {
            let (latent, _) = latents(first: 0, count: rows, seed: seed, stream: [b], condition: nil)
            _ = try GradientRecording.disabled { try forward(latent) }
        }
    }

    /// Runs `body` with batch-norm statistics re-estimated for the current weights, then restores the previous ones.
    func withRecalibratedNormalization<R>(seed: UInt64, _ body: () throws -> R) throws -> R {
        let saved = generator.modules().map { ($0, $0.namedBuffers()) }
        defer { for (module, buffers) in saved { for (name, tensor) in buffers { _ = module.loadBuffer(name, tensor) } } }
        try recalibrateNormalization(seed: seed)
        return try body()
    }

    // MARK: Model files

    /// `count` rows from seed `seed` without conditions: ``sample(count:seed:conditions:first:)`` with its
    /// defaults.
    public func sample(count: Int, seed: UInt64) throws -> Table {
        try sample(count: count, seed: seed, conditions: [])
    }

    /// Saves the generator (PyTorch names and layouts), its configuration and the fitted transform as one
    /// self-contained safetensors file, atomically.
    public func save(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try ModelFile.write(generator, format: Self.formatName, metadata: [
            "config": String(decoding: try encoder.encode(config), as: UTF8.self),
            "transformer": try transformer.jsonString(),
            "columns": columnNames.joined(separator: "\n"),
        ], to: url)
    }

    /// Loads a model file written by `save`, or the model of a run directory.
    public static func load(from url: URL) throws -> TableSynthesizer {
        guard let file = try ModelFile.resolve(url, notAModel: TableSynthesisError.notAModel) else {
            throw TableSynthesisError.notAModel(ModelFile.notYet(url))
        }
        let contents = try Safetensors.read(file)
        guard contents.metadata[ModelFile.formatKey] == formatName, let json = contents.metadata["config"],
              let transformerJSON = contents.metadata["transformer"]
        else {
            throw TableSynthesisError.notAModel(
                "\(file.path) is not a SwiftGAN table model (no \(formatName) metadata with its transform)")
        }
        let config: TableModelConfig, transformer: DataTransformer
        do {
            config = try JSONDecoder().decode(TableModelConfig.self, from: Data(json.utf8))
            transformer = try DataTransformer.decode(json: transformerJSON)
            try config.gan.validate()
            if let problem = config.inconsistency(with: transformer) { throw TableSynthesisError.notAModel(problem) }
        } catch {
            throw TableSynthesisError.notAModel("\(file.path) holds an unusable table model: \(error)")
        }
        let generator = try ModelFile.restore(
            { () throws -> TableGenerator in
                var g = SeededGenerator(seed: 0)
                return try TableGenerator(config.gan, using: &g)
            },
            expectedWeights: config.gan.generatorWeights, tensors: contents.tensors, path: file.path,
            notAModel: TableSynthesisError.notAModel)
        return TableSynthesizer(config: config, transformer: transformer, generator: generator)
    }
}
