import Foundation
import SwiftGAN
import Testing
import _TestSupport

/// The table synthesizer end to end on small tables and small networks.
@Suite struct TableSynthesizerTests {
    /// `rows` rows: a colour (70 % red, 20 % blue, 10 % green), a size with some values missing, and two numbers
    /// whose distribution depends on the colour.
    static func toyTable(rows: Int = 80, seed: UInt64 = 1) throws -> Table {
        var g = SeededGenerator(seed: seed)
        var colors: [String?] = [], sizes: [String?] = [], x: [Double] = [], y: [Double] = []
        for _ in 0..<rows {
            let u = g.uniform()
            let color = u < 0.7 ? "red" : u < 0.9 ? "blue" : "green"
            colors.append(color)
            sizes.append(g.uniform() < 0.15 ? nil : color == "red" ? "S" : "L")
            let center = color == "red" ? 10.0 : color == "blue" ? -10 : 0
            x.append((center + g.normal()).rounded(toPlaces: 2))
            y.append((2 * center + 3 * g.normal()).rounded(toPlaces: 1))
        }
        return try Table(columns: [
            Column(name: "color", strings: colors), Column(name: "size", strings: sizes),
            Column(name: "x", kind: .float, decimals: 2, values: x),
            Column(name: "y", kind: .float, decimals: 1, values: y),
        ])
    }

    static func tinyOptions(epochs: Int, seed: UInt64 = 3) -> TableTrainingOptions {
        var o = TableTrainingOptions()
        o.model.latentDimension = 8
        o.model.generatorLayers = [32, 32]
        o.model.criticLayers = [32, 32]
        o.model.pac = 2
        o.batchSize = 20
        o.epochs = epochs
        o.target = "color"
        o.training.seed = seed
        o.training.logEvery = 10
        o.training.checkpointEveryMinutes = nil
        o.threads = nil  // leave the process-wide thread count alone: tests run in parallel
        return o
    }

    static func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("swiftgan-table-\(UUID().uuidString)")
    }

    /// Mean KSComplement of the numeric columns of `synthetic` against `real`.
    static func numericShapes(_ real: Table, _ synthetic: Table) throws -> Double {
        let report = try TableQualityReport(real: real, synthetic: synthetic)
        let scores = report.columns.filter { $0.metric == "KSComplement" }.compactMap(\.score)
        return scores.reduce(0, +) / Double(scores.count)
    }

    @Test func shortTrainingMovesMarginalsTowardTheData() throws {
        let table = try Self.toyTable(rows: 120)
        var options = Self.tinyOptions(epochs: 1)
        options.training.generatorOptimizer.learningRate = 2e-3
        options.training.criticOptimizer.learningRate = 2e-3
        let untrained = try TableSynthesizer.fit(table, options: options, progress: nil)
        options.epochs = 100
        let trained = try TableSynthesizer.fit(table, options: options, progress: nil)
        let before = try Self.numericShapes(table, try untrained.sample(count: 600, seed: 1))
        let after = try Self.numericShapes(table, try trained.sample(count: 600, seed: 1))
        #expect(after > before + 0.1, "numeric column shapes \(before) → \(after)")
        #expect(after > 0.7, "numeric column shapes after training: \(after)")
    }

    @Test func conditionalSamplingReturnsOnlyMatchingRows() throws {
        let table = try Self.toyTable()
        let synth = try TableSynthesizer.fit(table, options: Self.tinyOptions(epochs: 4), progress: nil)
        let green = try synth.sample(count: 50, seed: 2, conditions: [TableCondition(parsing: "color=green")])
        #expect(green.rowCount == 50)
        #expect((0..<50).allSatisfy { try! green.column("color").text($0) == "green" })
        // Two conditions, one of them on missing values: every row has both.
        let both = try synth.sample(count: 20, seed: 3, conditions: [
            TableCondition(column: "size", value: nil), TableCondition(column: "color", value: "red"),
        ])
        #expect(both.rowCount == 20)
        #expect((0..<20).allSatisfy { try! both.column("color").text($0) == "red" })
        #expect((0..<20).allSatisfy { try! both.column("size").isMissing($0) })
        // Without conditions the conditioned column follows the training frequencies.
        let free = try synth.sample(count: 2000, seed: 4)
        let red = (0..<2000).filter { try! free.column("color").text($0) == "red" }.count
        let realRed = (0..<table.rowCount).filter { try! table.column("color").text($0) == "red" }.count
        #expect(abs(Double(red) / 2000 - Double(realRed) / Double(table.rowCount)) < 0.04)
    }

    @Test func samplingIsAPureFunctionOfSeedAndRowIndex() throws {
        let run = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: run) }
        let synth = try TableSynthesizer.fit(try Self.toyTable(), options: Self.tinyOptions(epochs: 2),
                                             runDirectory: run, progress: nil)
        func texts(_ t: Table) -> [[String]] { (0..<t.rowCount).map { i in t.columns.map { $0.text(i) } } }
        let all = texts(try synth.sample(count: 9, seed: 5))
        #expect(Array(all.prefix(6)) == texts(try synth.sample(count: 6, seed: 5)), "the row count changed the rows")
        #expect(all != texts(try synth.sample(count: 9, seed: 6)), "the seed was ignored")
        // The model file of the run reproduces them, and so does a saved copy.
        #expect(texts(try TableSynthesizer.load(from: run).sample(count: 9, seed: 5)) == all)
        let copy = run.appendingPathComponent("copy.safetensors")
        try synth.save(to: copy)
        let loaded = try TableSynthesizer.load(from: copy)
        #expect(texts(try loaded.sample(count: 9, seed: 5)) == all)
        #expect(loaded.columnNames == ["color", "size", "x", "y"])
        // The file holds the generator under CTGAN's PyTorch names, the transform and the configuration.
        let contents = try Safetensors.read(copy)
        #expect(contents.tensors["seq.0.fc.weight"]?.shape == [32, 8 + loaded.transformer.conditionWidth])
        #expect(contents.tensors["seq.2.weight"]?.shape.first == loaded.transformer.outputWidth)
        #expect(contents.metadata["format"] == TableSynthesizer.formatName)
        #expect(try DataTransformer.decode(json: contents.metadata["transformer"]!) == loaded.transformer)
    }

    /// With CTGAN's critic, and with the defaults' critic that sees values plus the auxiliary classifier, whose
    /// weights, optimizer and random stream travel in the checkpoint.
    @Test(arguments: [false, true]) func resumeEqualsUninterrupted(valuesAndClassifier: Bool) throws {
        let a = Self.temporaryFolder(), b = Self.temporaryFolder()
        defer { for u in [a, b] { try? FileManager.default.removeItem(at: u) } }
        let table = try Self.toyTable()
        func options(epochs: Int) -> TableTrainingOptions {
            var o = Self.tinyOptions(epochs: epochs)
            o.model.criticSeesValues = valuesAndClassifier
            if valuesAndClassifier { o.model.targetClassifierWeight = 1 }
            return o
        }
        let straight = try TableSynthesizer.fit(table, options: options(epochs: 4), runDirectory: a, progress: nil)
        _ = try TableSynthesizer.fit(table, options: options(epochs: 2), runDirectory: b, progress: nil)
        let fourEpochs = Self.tinyOptions(epochs: 4).steps(rows: table.rowCount)
        let resumed = try TableSynthesizer.resume(runDirectory: b, data: table, budget: .steps(fourEpochs), progress: nil)
        #expect(resumed.trainingOutcome?.step == fourEpochs)
        let weights = { (s: TableSynthesizer) in s.generator.stateDict().map(\.tensor.scalars) }
        #expect(weights(resumed) == weights(straight), "resumed weights differ")
        // Other data is refused.
        let other = try Self.toyTable(seed: 9)
        #expect(throws: TableSynthesisError.self) {
            try TableSynthesizer.resume(runDirectory: b, data: other, budget: .steps(60), progress: nil)
        }
    }

    @Test func badConditionsGetMessagesThatNameTheProblem() throws {
        let synth = try TableSynthesizer.fit(try Self.toyTable(), options: Self.tinyOptions(epochs: 1), progress: nil)
        func message(_ conditions: [String]) -> String {
            do {
                _ = try synth.sample(count: 5, conditions: try conditions.map { try TableCondition(parsing: $0) })
                return "no error"
            } catch {
                return "\(error)"
            }
        }
        #expect(message(["colour=red"]).contains("no discrete column named 'colour'"))
        #expect(message(["colour=red"]).contains("color, size"))
        #expect(message(["x=1"]).contains("column 'x' is numeric"))
        #expect(message(["color=purple"]).contains("no value 'purple'"))
        #expect(message(["color=purple"]).contains("blue, green, red"))
        #expect(message(["color=red", "color=blue"]).contains("several values"))
        #expect(message(["color"]).contains("not of the form column=value"))
        #expect(message(["=red"]).contains("not of the form column=value"))
        #expect(message(["color=red", "color=red"]) == "no error")
    }

    @Test func optionsAreCheckedAndTheBudgetFollowsTheTableSize() throws {
        var o = TableTrainingOptions()
        #expect(o.steps(rows: 426) == 5000)  // 4 steps per epoch: 1250 epochs
        #expect(o.steps(rows: 133) == 5000)  // 1 step per epoch: 5000 epochs
        #expect(o.steps(rows: 20_000) == 300 * 200)  // large tables: CTGAN's 300 epochs
        #expect(o.steps(rows: 10) == 5000)  // fewer rows than a batch: one step per epoch
        o.batchSize = 50
        #expect(o.steps(rows: 426) == 5000)  // 625 epochs of 8 steps
        #expect(o.steps(rows: 300) == 5004)  // 834 epochs of 6 steps
        o.epochs = 3
        #expect(o.steps(rows: 426) == 24)
        o.batchSize = 55
        #expect(throws: TableSynthesisError.self) { try o.validate() }
        o.batchSize = 50
        o.targetShare = 0
        #expect(throws: TableSynthesisError.self) { try o.validate() }
        var unknown = Self.tinyOptions(epochs: 1)
        unknown.target = "colour"
        #expect(throws: TableError.self) { try TableSynthesizer.fit(try Self.toyTable(), options: unknown, progress: nil) }
    }
}

extension Double {
    fileprivate func rounded(toPlaces places: Int) -> Double {
        let scale = pow(10, Double(places))
        return (self * scale).rounded() / scale
    }
}
