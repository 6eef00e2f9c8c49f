import Foundation
import Testing
import _TestSupport
import TimeSeries

/// End-to-end runs of the `swiftgan series` commands (the binary is built next to the test bundle).
@Suite struct SeriesCommandTests {
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    func run(_ arguments: [String]) throws -> CommandResult { try runSwiftGAN(arguments) }

    @Test func sinesThenAugmentWritesTheCopies() throws {
        let sines = temporaryPath("csv"), augmented = temporaryPath("npy")
        defer { for p in [sines, augmented] { try? FileManager.default.removeItem(atPath: p) } }
        #expect(try run(["series", "sines", "--count", "6", "--out", sines, "--seed", "4"]).status == 0)
        let result = try run(["series", "augment", "--data", sines, "--out", augmented, "--methods",
                              "jitter:sigma=0.05,timewarp", "--copies", "3", "--seed", "2", "--include-original"])
        #expect(result.status == 0 && result.stdout.contains("wrote 24 series"))
        let written = try NPY.readSeries(path: augmented)
        let original = try Sines.generate(count: 6, seed: 4)
        #expect(written.count == 24 && written.length == 24 && written.features == 5)
        #expect(zip(written.values.prefix(original.values.count), original.values).allSatisfy { abs($0 - $1) < 1e-6 })
        let n = original.values.count
        let firstCopy = Array(written.values[n..<(2 * n)]), secondCopy = Array(written.values[(2 * n)..<(3 * n)])
        #expect(firstCopy != original.values && firstCopy != secondCopy)
        // Jitter σ = 0.05 in standardised units stays small next to the data.
        #expect(zip(firstCopy, original.values).map { abs($0 - $1) }.max()! < 0.2)
    }

    @Test func theBundledMacroSampleReadsAsOneLongSeries() throws {
        let path = repository.appendingPathComponent("Samples/series/macrodata.csv").path
        let (collection, layout) = try SeriesCSV.read(path: path)
        let data = try collection.stacked()
        #expect(layout == .long && data.count == 1 && data.length == 203 && data.features == 12)
        #expect(data.times!.first == "1959Q1" && data.times!.last == "2009Q3")
        #expect(try collection.windows(length: 24).count == 180)
    }

    @Test func badInputFailsWithOneLineAndNoOutputFile() throws {
        let missing = temporaryPath("csv"), out = temporaryPath("csv")
        let result = try run(["series", "augment", "--data", missing, "--out", out, "--methods", "jitter"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("no such file") && result.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: out))
        let ragged = temporaryPath("csv")
        defer { try? FileManager.default.removeItem(atPath: ragged) }
        try "id,time,v\na,0,1\na,1,2\nb,0,3\n".write(toFile: ragged, atomically: true, encoding: .utf8)
        let uneven = try run(["series", "augment", "--data", ragged, "--out", out, "--methods", "jitter"])
        #expect(uneven.status != 0 && uneven.stderr.contains("--window"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
