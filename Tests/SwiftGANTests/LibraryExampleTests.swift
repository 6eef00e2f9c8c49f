import SwiftGAN
import Testing

// The README's library example, line for line, with tiny models so it runs in seconds. This file imports SwiftGAN
// (and the test framework) alone: every name the example uses must come from there, unambiguously.
// `readmeLinesAreHere` checks that the README's lines still stand here, in order.

@Suite struct LibraryExampleTests {
    @Test func readmeExampleRuns() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("swiftgan-readme-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let drums = scratch.appendingPathComponent("drums"), run = scratch.appendingPathComponent("run")
        let outputFolder = scratch.appendingPathComponent("clips")
        let tableRun = scratch.appendingPathComponent("table-run"), seriesRun = scratch.appendingPathComponent("series-run")
        let wineCSV = scratch.appendingPathComponent("wine.csv").path
        let syntheticCSV = scratch.appendingPathComponent("synthetic.csv").path
        let syntheticNPY = scratch.appendingPathComponent("synthetic.npy").path
        try FileManager.default.createDirectory(at: drums, withIntermediateDirectories: true)
        for c in 0..<4 {
            let samples = (0..<4096).map { Float(0.5 * sin(Double($0) * 0.05 * Double(c + 1))) }
            try AudioFile.write(try AudioBuffer(samples: samples, channels: 1, sampleRate: 16000),
                                to: drums.appendingPathComponent("hit\(c).wav"))
        }
        var csv = "class,x,y\n"
        var g = SeededGenerator(seed: 1)
        for i in 0..<60 { csv += "\(i % 3 == 0 ? "red" : "white"),\(g.normal() + Double(i % 3)),\(g.uniform())\n" }
        try csv.write(toFile: wineCSV, atomically: true, encoding: .utf8)

        // Audio: a folder of recordings in, clips out.
        var options = AudioTrainingOptions()
        options.training.maxMinutes = 10
        options.training.maxSteps = 2  // tiny: 2 steps of a model of size 2 on 4096-sample clips
        options.training.batchSize = 2
        options.training.checkpointEveryMinutes = nil
        options.model.wavegan.modelSize = 2
        options.clips.sliceLength = 4096
        let synth = try AudioSynthesizer.train(folder: drums, options: options, runDirectory: run)
        let clips = try synth.generate(count: 8, seed: 1)          // Tensor [8, channels, samples]
        try synth.writeClips(count: 100, seed: 1, to: outputFolder)
        let again = try AudioSynthesizer.load(from: run)           // or a .safetensors model file
        #expect(clips.shape == [8, 1, 4096])
        #expect(try FileManager.default.contentsOfDirectory(atPath: outputFolder.path).count == 100)
        #expect(try again.generate(count: 8, seed: 1).scalars == clips.scalars)

        // Tables: a CSV file in, rows out.
        let table = try Table.read(csvFile: wineCSV)
        var tableOptions = TableTrainingOptions()
        tableOptions.target = "class"
        tableOptions.epochs = 2  // tiny
        tableOptions.model.generatorLayers = [16]
        tableOptions.model.criticLayers = [16]
        tableOptions.batchSize = 20
        let tables = try TableSynthesizer.fit(table, options: tableOptions, runDirectory: tableRun)
        try tables.sample(rows: 1000, seed: 1).write(csvFile: syntheticCSV)
        let tablesAgain = try TableSynthesizer.load(from: tableRun)
        let synthetic = try Table.read(csvFile: syntheticCSV)
        #expect(synthetic.rowCount == 1000 && synthetic.columnNames == ["class", "x", "y"])
        #expect(try tablesAgain.sample(rows: 5, seed: 1).columnNames == synthetic.columnNames)

        // Time series: windows in, windows out.
        let windows = try Sines.generate(count: 500, length: 24, features: 5, seed: 1)
        let series = SeriesSynthesizer()
        series.options.training.maxSteps = 3  // tiny
        series.options.training.maxMinutes = nil
        series.options.model.width = 6
        series.options.model.layers = 1
        try series.fit(windows, runDirectory: seriesRun)
        try SeriesFile.write(try series.sample(count: 100, seed: 1), path: syntheticNPY)
        let seriesAgain = try SeriesSynthesizer.load(from: seriesRun)
        let (written, _) = try SeriesFile.read(path: syntheticNPY)
        let sampled = try written.stacked()
        #expect(sampled.count == 100 && sampled.length == 24 && sampled.features == 5)
        #expect(try seriesAgain.sample(count: 100, seed: 1).values == sampled.values)
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
