import Foundation
import SwiftGAN
import Testing
import _TestSupport

/// Identifier and dropped columns, column notes, and the automatic budget that stops on a quality plateau.
@Suite struct TableColumnsAndBudgetTests {
    /// The toy table with a row id in front, a constant column and a note column between the others.
    static func tableWithExtras(rows: Int = 60) throws -> Table {
        let toy = try TableSynthesizerTests.toyTable(rows: rows)
        var columns = toy.columns
        columns.insert(Column(name: "id", kind: .integer, values: (0..<rows).map { Double(1000 + $0) }), at: 0)
        columns.insert(Column(name: "source", strings: Array(repeating: "survey", count: rows)), at: 2)
        return try Table(columns: columns)
    }

    @Test func identifiersComeBackAsRowNumbersAndDroppedColumnsStayOut() throws {
        let table = try Self.tableWithExtras()
        var options = TableSynthesizerTests.tinyOptions(epochs: 1)
        options.identifiers = ["id"]
        options.drop = ["source"]
        #expect(TableSynthesizer.columnNotes(table, options: options).isEmpty)
        let synth = try TableSynthesizer.fit(table, options: options, progress: nil)
        #expect(synth.columnNames == ["id", "color", "size", "x", "y"])
        #expect(synth.transformer.columns.map(\.name) == ["color", "size", "x", "y"])
        let rows = try synth.sample(count: 25, seed: 4)
        #expect(rows.columnNames == synth.columnNames)
        let ids = try rows.column("id")
        #expect(ids.numbers == (1...25).map(Double.init) && ids.kind == .integer)

        // The identifier survives a model file.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("swiftgan-ids-\(UUID()).safetensors")
        defer { try? FileManager.default.removeItem(at: file) }
        try synth.save(to: file)
        let loaded = try TableSynthesizer.load(from: file)
        let again = try loaded.sample(count: 25, seed: 4)
        #expect(again.columnNames == synth.columnNames)
    }

    @Test func suspiciousColumnsAreNotedButModelledUnlessNamed() throws {
        let table = try Self.tableWithExtras()
        let notes = TableSynthesizer.columnNotes(table, options: TableSynthesizerTests.tinyOptions(epochs: 1))
        #expect(notes.count == 2)
        #expect(notes[0].contains("'id' looks like a row identifier") && notes[0].contains("--id id"))
        #expect(notes[1].contains("'source' is constant") && notes[1].contains("--drop source"))
        let synth = try TableSynthesizer.fit(table, options: TableSynthesizerTests.tinyOptions(epochs: 1), progress: nil)
        #expect(synth.transformer.columns.map(\.name) == table.columnNames)
    }

    @Test func unusableColumnChoicesAreRefused() throws {
        let table = try Self.tableWithExtras()
        var options = TableSynthesizerTests.tinyOptions(epochs: 1)
        options.drop = ["nope"]
        #expect(throws: TableError.self) { try TableSynthesizer.fit(table, options: options, progress: nil) }
        options.drop = ["id"]
        options.identifiers = ["id"]
        #expect(throws: TableSynthesisError.self) { try TableSynthesizer.fit(table, options: options, progress: nil) }
        options.identifiers = []
        options.drop = table.columnNames
        options.target = nil
        #expect(throws: TableSynthesisError.self) { try TableSynthesizer.fit(table, options: options, progress: nil) }
    }

    /// The automatic budget on the toy table: at least 12 steps, an estimate every 4, and a tolerance no estimate
    /// can beat, so a plateau is reached at the first estimate after `minimumSteps` with 2 estimates before it.
    static func plateauOptions() -> TableTrainingOptions {
        var options = TableSynthesizerTests.tinyOptions(epochs: 1)
        options.epochs = nil
        options.minimumSteps = 12
        options.qualityEvery = 4
        options.qualityPlateau = Plateau(patience: 2, tolerance: 1)
        return options
    }

    @Test func theAutomaticBudgetStopsWhenTheQualityEstimateStopsImproving() throws {
        let table = try TableSynthesizerTests.toyTable(rows: 60)
        var options = Self.plateauOptions()
        let run = TableSynthesizerTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: run) }
        let synth = try TableSynthesizer.fit(table, options: options, runDirectory: run, progress: nil)
        #expect(synth.trainingOutcome?.status == .converged && synth.trainingOutcome?.step == 12)
        let estimates = MetricsLog.read(runDirectory: run).compactMap { $0["quality"] }
        #expect(estimates.count == 3 && estimates.allSatisfy { $0 > 0 && $0 <= 1 })

        // Estimates at checkpoints between the scheduled ones (time-based in real runs, so machine-dependent) are
        // logged but do not count: checkpoints at steps 3, 6, 9 would otherwise reach the plateau at step 6.
        options.minimumSteps = 4
        options.training.checkpointEverySteps = 3
        let checkpointed = TableSynthesizerTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: checkpointed) }
        let steady = try TableSynthesizer.fit(table, options: options, runDirectory: checkpointed, progress: nil)
        #expect(steady.trainingOutcome?.status == .converged && steady.trainingOutcome?.step == 12)
        #expect(MetricsLog.read(runDirectory: checkpointed).compactMap { $0["quality"] }.count > 3)
        options.minimumSteps = 12
        options.training.checkpointEverySteps = nil

        // Without a plateau, the cap in epochs ends it (300 epochs of 3 steps here).
        options.qualityPlateau = Plateau(patience: 1000, tolerance: 0)
        options.qualityEvery = 300
        let capped = try TableSynthesizer.fit(table, options: options, progress: nil)
        #expect(capped.trainingOutcome?.status == .reachedStepBudget && capped.trainingOutcome?.step == 900)
    }

    @Test func theAutomaticBudgetCanLowerTheLearningRateAtAPlateauAndStopAtTheNext() throws {
        let table = try TableSynthesizerTests.toyTable(rows: 60)
        var options = Self.plateauOptions()  // every phase ends at its third estimate
        options.learningRateDrops = 1
        let run = TableSynthesizerTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: run) }
        // The first plateau (step 12) lowers the rates; the second phase judges its own estimates (16, 20, 24).
        let synth = try TableSynthesizer.fit(table, options: options, runDirectory: run, progress: nil)
        #expect(synth.trainingOutcome?.status == .converged && synth.trainingOutcome?.step == 24)
        #expect(MetricsLog.read(runDirectory: run).compactMap { $0["quality"] }.count == 6)
        options.learningRateDropFactor = 0
        #expect(throws: TableSynthesisError.self) { try options.validate() }
    }

    @Test func largeTablesTrainWithTheirOwnRecipe() throws {
        let defaults = TableTrainingOptions()
        var unchanged = defaults
        unchanged.largeTables = nil
        #expect(defaults.adapted(toRows: 19_999) == unchanged)
        let large = defaults.adapted(toRows: 20_000)
        #expect(large.batchSize == 500 && large.threads == nil && large.qualityEvery == 200 && large.minimumSteps == 4500)
        #expect(large.training.generatorOptimizer.learningRate == 5e-4 && large.training.criticOptimizer.learningRate == 1e-3)
        #expect(large.qualityPlateau == Plateau(patience: 4, tolerance: 0.002, window: 3))
        #expect(defaults.model.generatorLayers == [256, 256] && large.model.generatorLayers == [128, 128])
        #expect(defaults.model.pac == 10 && large.model.pac == 2)
        #expect(large.largeTables == nil && large.adapted(toRows: 20_000) == large)  // applied once
        #expect(large.steps(rows: 50_000) == 300 * 100)
        let ctgan = TableTrainingOptions.ctgan.adapted(toRows: 50_000)
        #expect(ctgan.batchSize == 500 && ctgan.training.generatorOptimizer.learningRate == 2e-4 && ctgan.threads == 1)
        #expect(ctgan.model.pac == 10 && ctgan.model.generatorLayers == [256, 256])
        // The defaults' critic sees numeric columns' values, at every size; CTGAN's does not, and no model trains
        // the auxiliary classifier unless asked.
        #expect(defaults.model.criticSeesValues && large.model.criticSeesValues && !ctgan.model.criticSeesValues)
        #expect(defaults.model.targetClassifierWeight == 0 && ctgan.model.targetClassifierWeight == 0)
        var classifier = defaults
        classifier.model.targetClassifierWeight = 0.2
        #expect(throws: TableSynthesisError.self) { try classifier.validate() }  // no target to predict
        classifier.target = "cut"
        try classifier.validate()
        // A configuration written before these fields existed decodes to CTGAN's critic.
        var old = try JSONSerialization.jsonObject(with: JSONEncoder().encode(defaults.model)) as! [String: Any]
        old["criticSeesValues"] = nil
        old["targetClassifierWeight"] = nil
        old["targetClassifierLayers"] = nil
        let decoded = try JSONDecoder().decode(TableGANConfig.self, from: JSONSerialization.data(withJSONObject: old))
        #expect(!decoded.criticSeesValues && decoded.targetClassifierWeight == 0 && decoded.pac == defaults.model.pac)

        var bad = defaults
        bad.largeTables?.batchSize = 501  // not a multiple of the recipe's pac, 2
        #expect(throws: TableSynthesisError.self) { try bad.validate() }
        bad.largeTables = LargeTableRecipe()
        bad.largeTables?.learningRate = .nan
        #expect(throws: TrainingError.self) { try bad.validate() }
        bad.largeTables = LargeTableRecipe()
        bad.largeTables?.qualityPlateau.window = 0
        #expect(throws: TableSynthesisError.self) { try bad.validate() }
        bad.largeTables = LargeTableRecipe()
        bad.largeTables?.generatorLayers = [128, 0]
        #expect(throws: TableSynthesisError.self) { try bad.validate() }
        // A recipe written without the generator's widths narrows it; one that names them sets them.
        let decode = { (json: String) in try JSONDecoder().decode(LargeTableRecipe.self, from: Data(json.utf8)) }
        #expect(try decode("{}").generatorLayers == [128, 128] && decode("{}").pac == 2)
        var wide = defaults
        wide.largeTables = try decode(#"{"generatorLayers": [256, 256], "pac": 10}"#)
        #expect(wide.adapted(toRows: 50_000).model.generatorLayers == [256, 256] && wide.adapted(toRows: 50_000).model.pac == 10)
        bad.largeTables = LargeTableRecipe()
        bad.largeTables?.pac = 0
        #expect(throws: TableSynthesisError.self) { try bad.validate() }
        // Options stored before the recipe existed keep their settings.
        #expect(try JSONDecoder().decode(TableTrainingOptions.self, from: Data("{}".utf8)).largeTables == nil)

        // `fit` applies it, and the run stores what it trained with.
        let table = try TableSynthesizerTests.toyTable(rows: 60)
        var options = TableSynthesizerTests.tinyOptions(epochs: 2)
        var recipe = LargeTableRecipe()
        recipe.fromRows = 60
        recipe.batchSize = 30
        recipe.learningRate = 1e-3
        recipe.threads = nil
        options.largeTables = recipe
        let dir = TableSynthesizerTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let synth = try TableSynthesizer.fit(table, options: options, runDirectory: dir, progress: nil)
        #expect(synth.trainingOutcome?.step == 4)  // 2 epochs of 2 batches of 30 rows
        let stored = try TableSynthesizer.storedOptions(in: dir)
        #expect(stored.batchSize == 30 && stored.training.criticOptimizer.learningRate == 1e-3 && stored.largeTables == nil)
    }
}
