import SwiftGAN
import Testing

// The README's library example and the DocC articles' examples, line for line, with tiny models so they run in
// seconds. This file imports SwiftGAN (and the test framework) alone: every name the examples use must come from
// there, unambiguously. `readmeLinesAreHere` and `articleLinesAreHere` check that their lines still stand here, in
// order (lines marked `// tiny` are the tests' own, to keep the models small).

@Suite struct LibraryExampleTests {
    @Test func readmeExampleRuns() throws {
        let (scratch, drums, wineCSV) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let run = scratch.appendingPathComponent("run")
        let outputFolder = scratch.appendingPathComponent("clips")
        let tableRun = scratch.appendingPathComponent("table-run"), seriesRun = scratch.appendingPathComponent("series-run")
        let syntheticCSV = scratch.appendingPathComponent("synthetic.csv").path
        let syntheticNPY = scratch.appendingPathComponent("synthetic.npy").path

        // Audio: a folder of recordings in, clips out.
        var options = AudioTrainingOptions()
        options.training.seed = 1
        options.training.batchSize = 2  // tiny: a model of size 2 on 4096-sample clips
        options.training.checkpointEveryMinutes = nil
        options.model.wavegan.modelSize = 2
        options.clips.sliceLength = 4096
        var budget = TrainingBudget.minutes(10)                    // or .steps(n), or both: whichever comes first
        budget.steps = 2  // tiny
        let synth = try AudioSynthesizer.fit(.folder(drums), options: options, runDirectory: run, budget: budget)
        let clips = try synth.sample(count: 8, seed: 1)            // Tensor [8, channels, samples]
        try synth.writeClips(count: 100, seed: 1, to: outputFolder)
        let again = try AudioSynthesizer.load(from: run)           // or a .safetensors model file
        #expect(clips.shape == [8, 1, 4096])
        #expect(try FileManager.default.contentsOfDirectory(atPath: outputFolder.path).count == 100)
        #expect(try again.sample(count: 8, seed: 1).scalars == clips.scalars)

        // Tables: a CSV file in, rows out.
        let table = try Table.read(csvFile: wineCSV)
        var tableOptions = TableTrainingOptions()
        tableOptions.target = "class"
        tableOptions.epochs = 2  // tiny
        tableOptions.model.generatorLayers = [16]
        tableOptions.model.criticLayers = [16]
        tableOptions.batchSize = 20
        tableOptions.threads = nil  // tests run in parallel: leave the process-wide thread count alone
        let tables = try TableSynthesizer.fit(table, options: tableOptions, runDirectory: tableRun)
        try tables.sample(count: 1000, seed: 1).write(csvFile: syntheticCSV)
        let tablesAgain = try TableSynthesizer.load(from: tableRun)
        let synthetic = try Table.read(csvFile: syntheticCSV)
        #expect(synthetic.rowCount == 1000 && synthetic.columnNames == ["class", "x", "y"])
        #expect(try tablesAgain.sample(count: 5, seed: 1).columnNames == synthetic.columnNames)

        // Time series: windows in, windows out.
        let windows = try Sines.generate(count: 500, length: 24, features: 5, seed: 1)
        var seriesOptions = SeriesSynthesizerOptions()
        seriesOptions.training.seed = 1
        seriesOptions.model.width = 6  // tiny
        let series = try SeriesSynthesizer.fit(windows, options: seriesOptions, runDirectory: seriesRun, budget: budget)
        try SeriesFile.write(try series.sample(count: 100, seed: 1), path: syntheticNPY)
        let seriesAgain = try SeriesSynthesizer.load(from: seriesRun)
        budget = .minutes(20)                                      // counted from the start: ten minutes more
        budget.steps = 4  // tiny
        let longer = try SeriesSynthesizer.resume(runDirectory: seriesRun, data: windows, budget: budget)
        let (written, _) = try SeriesFile.read(path: syntheticNPY)
        let sampled = try written.stacked()
        #expect(sampled.count == 100 && sampled.length == 24 && sampled.features == 5)
        #expect(try seriesAgain.sample(count: 100, seed: 1).values == sampled.values)
        #expect(series.trainingOutcome?.step == 2 && longer.trainingOutcome?.step == 4)
    }

    /// A fresh scratch folder, a folder of four 4096-sample sine recordings in it, and a 60-row CSV table
    /// (`class` red/white, `x`, `y`).
    static func scratch() throws -> (root: URL, drums: URL, wineCSV: String) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("swiftgan-docs-\(UUID().uuidString)")
        let drums = root.appendingPathComponent("drums")
        try FileManager.default.createDirectory(at: drums, withIntermediateDirectories: true)
        for c in 0..<4 {
            let samples = (0..<4096).map { Float(0.5 * sin(Double($0) * 0.05 * Double(c + 1))) }
            try AudioFile.write(try AudioBuffer(samples: samples, channels: 1, sampleRate: 16000),
                                to: drums.appendingPathComponent("hit\(c).wav"))
        }
        var csv = "class,x,y\n"
        var g = SeededGenerator(seed: 1)
        for i in 0..<60 { csv += "\(i % 3 == 0 ? "red" : "white"),\(g.normal() + Double(i % 3)),\(g.uniform())\n" }
        let wineCSV = root.appendingPathComponent("wine.csv").path
        try csv.write(toFile: wineCSV, atomically: true, encoding: .utf8)
        return (root, drums, wineCSV)
    }

    /// SwiftGAN.docc/SwiftGAN.md: the generic function over the three synthesizers.
    @Test func landingPageExampleRuns() throws {
        let (root, drums, wineCSV) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        /// Trains any of the three synthesizers and returns ten samples from its saved model file.
        func tenSamples<S: Synthesizer>(of type: S.Type, from data: S.TrainingData, options: S.Options,
                                        budget: TrainingBudget, file: URL) throws -> S.Samples {
            let synth = try S.fit(data, options: options, runDirectory: nil, budget: budget, progress: nil, onLog: nil)
            try synth.save(to: file)
            return try S.load(from: file).sample(count: 10, seed: 1)
        }
        var tableOptions = TableTrainingOptions()
        tableOptions.model.generatorLayers = [16]
        tableOptions.model.criticLayers = [16]
        tableOptions.batchSize = 20
        tableOptions.threads = nil  // tests run in parallel: leave the process-wide thread count alone
        let rows = try tenSamples(of: TableSynthesizer.self, from: try Table.read(csvFile: wineCSV), options: tableOptions,
                                  budget: .steps(2), file: root.appendingPathComponent("table.safetensors"))
        #expect(rows.rowCount == 10 && rows.columnNames == ["class", "x", "y"])
        var audioOptions = AudioTrainingOptions()
        audioOptions.model.wavegan.modelSize = 2
        audioOptions.clips.sliceLength = 4096
        audioOptions.training.batchSize = 2
        let clips = try tenSamples(of: AudioSynthesizer.self, from: .folder(drums), options: audioOptions,
                                   budget: .steps(1), file: root.appendingPathComponent("audio.safetensors"))
        #expect(clips.shape == [10, 1, 4096])
    }

    /// SwiftGAN.docc/TrainingAudioModels.md.
    @Test func audioArticleExampleRuns() throws {
        let (root, drums, _) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = root.appendingPathComponent("run"), clipsFolder = root.appendingPathComponent("clips")
        let recorded = (0..<4).flatMap { c in (0..<16384).map { Float(0.5 * sin(Double($0) * 0.01 * Double(c + 1))) } }

        var options = AudioTrainingOptions()
        options.training.seed = 1
        options.model.wavegan.modelSize = 2  // tiny
        options.clips.sliceLength = 4096  // tiny
        options.training.batchSize = 2  // tiny
        var budget = TrainingBudget.minutes(10)   // or .steps(n); a checkpoint is written every two minutes
        budget.steps = 2  // tiny

        let synth = try AudioSynthesizer.fit(
            folder: drums,
            options: options,
            runDirectory: run,
            budget: budget,
            warning: { print("skipped:", $0) },   // files that could not be read
            onLog: { log in print(log.step, log.lossD, log.lossG) })  // as written to metrics.jsonl
        #expect(synth.trainingOutcome?.step == 2)

        budget = .minutes(20)                     // ten minutes more
        budget.steps = 3  // tiny
        let longer = try AudioSynthesizer.resume(runDirectory: run, data: .folder(drums), budget: budget)
        #expect(longer.trainingOutcome?.step == 3)

        var clipOptions = AudioTrainingOptions()
        clipOptions.model.wavegan.sliceLength = 16384
        clipOptions.model.wavegan.channels = 1
        clipOptions.model.wavegan.sampleRate = 16000
        clipOptions.model.wavegan.modelSize = 2  // tiny
        clipOptions.training.batchSize = 2  // tiny
        let fromMemory = try AudioSynthesizer.fit(.clips(recorded), options: clipOptions, budget: budget)
        #expect(try fromMemory.sample(count: 2, seed: 1).shape == [2, 1, 16384])

        let loaded = try AudioSynthesizer.load(from: run.appendingPathComponent("model.safetensors"))
        let batch = try loaded.sample(count: 64, seed: 7)
        let samples: [Float] = batch.scalars      // 64 × channels × sliceLength values
        _ = try loaded.writeClips(count: 100, seed: 7, to: clipsFolder)
        #expect(samples.count == 64 * 4096)
        #expect(try FileManager.default.contentsOfDirectory(atPath: clipsFolder.path).count == 100)
    }

    /// SwiftGAN.docc/TrainingTableModels.md.
    @Test func tableArticleExampleRuns() throws {
        let (root, _, wineCSV) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = root.appendingPathComponent("run"), modelFile = root.appendingPathComponent("wine.safetensors")
        let redsCSV = root.appendingPathComponent("reds.csv").path

        let table = try Table.read(csvFile: wineCSV)
        var options = TableTrainingOptions()      // TableTrainingOptions.ctgan for CTGAN 0.12's defaults
        options.target = "class"                  // the column to condition on preferentially
        options.epochs = 2  // tiny
        options.model.generatorLayers = [16]  // tiny
        options.model.criticLayers = [16]  // tiny
        options.batchSize = 20  // tiny
        options.threads = nil  // tests run in parallel: leave the process-wide thread count alone
        let synth = try TableSynthesizer.fit(table, options: options, runDirectory: run)
        let reds = try synth.sample(count: 500, seed: 1, conditions: [TableCondition(column: "class", value: "red")])
        try reds.write(csvFile: redsCSV)
        try synth.save(to: modelFile)
        #expect(synth.trainingOutcome?.step == 6)
        #expect(try Table.read(csvFile: redsCSV).column("class").text(0) == "red")

        var stored = try TableSynthesizer.storedOptions(in: run)
        stored.epochs = 2 * (stored.epochs ?? 300)
        let longer = try TableSynthesizer.resume(runDirectory: run, data: table,
                                                 budget: .steps(stored.steps(rows: table.rowCount)))
        let again = try TableSynthesizer.load(from: modelFile)
        #expect(longer.trainingOutcome?.step == 12)
        #expect(try again.sample(count: 3, seed: 1).columnNames == ["class", "x", "y"])
    }

    /// SwiftGAN.docc/TrainingSeriesModels.md.
    @Test func seriesArticleExampleRuns() throws {
        let (root, _, _) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = root.appendingPathComponent("run"), walkingNPY = root.appendingPathComponent("walking.npy").path

        var windows = try Sines.generate(count: 200, length: 24, features: 3, seed: 1)
        windows.labels = (0..<windows.count).map { $0 % 2 == 0 ? "walking" : "running" }
        var options = SeriesSynthesizerOptions()  // the defaults of docs/timeseries.md
        options.training.seed = 1
        options.model.width = 6  // tiny
        var budget = TrainingBudget.minutes(5)
        budget.steps = 2  // tiny
        let synth = try SeriesSynthesizer.fit(windows, options: options, runDirectory: run, budget: budget)
        let walking = try synth.sample(count: 50, seed: 1, label: "walking")
        try SeriesFile.write(walking, path: walkingNPY)
        #expect(walking.count == 50 && walking.labels == Array(repeating: "walking", count: 50))

        budget = .minutes(10)                     // counted from the start of the run
        budget.steps = 4  // tiny
        let longer = try SeriesSynthesizer.resume(runDirectory: run, data: windows, budget: budget)
        let again = try SeriesSynthesizer.load(from: run)
        let fake = try again.sample(count: windows.count, seed: 2)
        print(try autocorrelationDistance(real: windows, synthetic: fake))  // 0 for identical autocorrelations
        #expect(longer.trainingOutcome?.step == 4)
        #expect(fake.count == 200 && fake.length == 24 && fake.features == 3)
    }

    /// Every code line of each DocC article's examples (comments and imports aside) stands in its test, in order.
    @Test(arguments: [
        ("SwiftGAN.md", "landingPageExampleRuns"), ("TrainingAudioModels.md", "audioArticleExampleRuns"),
        ("TrainingTableModels.md", "tableArticleExampleRuns"), ("TrainingSeriesModels.md", "seriesArticleExampleRuns"),
    ])
    func articleLinesAreHere(article: String, test: String) throws {
        let here = URL(fileURLWithPath: #filePath)
        let root = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let url = root.appendingPathComponent("Sources/SwiftGAN/SwiftGAN.docc").appendingPathComponent(article)
        var text = try String(contentsOf: url, encoding: .utf8)[...]
        var lines: [String] = []
        while let block = text.range(of: "```swift\n") {
            let end = try #require(text[block.upperBound...].range(of: "```"))
            lines += text[block.upperBound..<end.lowerBound].split(separator: "\n").map(Self.code)
                .filter { !$0.isEmpty && !$0.hasPrefix("import ") }
            text = text[end.upperBound...]
        }
        #expect(lines.count >= 5, "\(article) has too few example lines")
        let source = try String(contentsOf: here, encoding: .utf8).split(separator: "\n").map(Self.code)
        var position = try #require(source.firstIndex { $0.hasPrefix("@Test func \(test)(") })
        for line in lines {
            let found = source[position...].firstIndex(of: line)
            #expect(found != nil, "\(article) line not in \(test) (or out of order): \(line)")
            position = (found ?? position) + 1
        }
    }

    /// Every code line of the README's library example (comments aside) stands in `readmeExampleRuns`, in order.
    @Test func readmeLinesAreHere() throws {
        let here = URL(fileURLWithPath: #filePath)
        let root = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.range(of: "## Library\n"))
        let block = try #require(readme[section.upperBound...].range(of: "```swift\n"))
        let end = try #require(readme[block.upperBound...].range(of: "```"))
        let lines = readme[block.upperBound..<end.lowerBound].split(separator: "\n").map(Self.code).filter { !$0.isEmpty }
        #expect(lines.count >= 15)
        let source = try String(contentsOf: here, encoding: .utf8).split(separator: "\n").map(Self.code)
        var position = source.startIndex
        for line in lines {
            let found = source[position...].firstIndex(of: line)
            #expect(found != nil, "README line not in the test (or out of order): \(line)")
            position = (found ?? position) + 1
        }
    }

    /// A line without its indentation and trailing `//` comment.
    static func code(_ line: Substring) -> String {
        let text = line.range(of: "//").map { line[..<$0.lowerBound] } ?? line
        return text.trimmingCharacters(in: .whitespaces)
    }
}
