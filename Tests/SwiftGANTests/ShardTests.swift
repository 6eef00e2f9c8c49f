import Foundation
import SwiftGAN
import Testing
import _TestSupport

/// Sharded generation: part k of n of a sample, in every domain; the parts joined in order are one process's output.
@Suite struct ShardTests {
    @Test func shardsCoverTheIndicesInOrderWithoutGapsOrOverlaps() throws {
        for total in [0, 1, 2, 7, 100, 1001] {
            for count in [1, 2, 3, 8, 13] {
                let ranges = try (0..<count).map { try Shard(index: $0, of: count).range(of: total) }
                #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == total)
                #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
                let sizes = ranges.map(\.count)
                #expect(sizes.max()! - sizes.min()! <= 1, "\(total) over \(count): \(sizes)")
            }
        }
        // No overflow where total × k does not fit in 64 bits.
        let big = try Shard(index: 2, of: 3).range(of: Int.max)
        #expect(big.lowerBound == Int.max / 3 * 2 + (Int.max % 3) * 2 / 3 && big.upperBound == Int.max)
        #expect(try Shard(parsing: "3/4") == Shard(index: 3, of: 4) && Shard.whole.range(of: 5) == 0..<5)
        #expect(try Shard(parsing: "0/4").description == "0/4")
        for bad in ["4/4", "-1/2", "1/0", "a/b", "1", "1/2/3", ""] {
            #expect(throws: ShardError.self, "\(bad)") { try Shard(parsing: bad) }
        }
    }

    /// Shards of generators that compute in aligned groups end on the groups' edges, nearest the even split.
    @Test func alignedShardsEndOnGroupEdges() throws {
        for (total, first, group) in [(600, 0, 256), (100, 0, 16), (5, 0, 16), (1000, 7, 16), (0, 0, 4), (33, 30, 16)] {
            for count in [1, 2, 3, 5] {
                let ranges = try (0..<count).map { try Shard(index: $0, of: count).range(of: total, first: first, group: group) }
                #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == total)
                #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
                for (k, r) in ranges.enumerated().dropFirst() {
                    let even = total * k / count
                    #expect((first + r.lowerBound) % group == 0 || r.lowerBound == 0 || r.lowerBound == total)
                    #expect(abs(r.lowerBound - even) <= group / 2 || r.lowerBound == 0 || r.lowerBound == total,
                            "\(total) from \(first) in groups of \(group), shard \(k)/\(count): \(r) vs \(even)")
                }
            }
        }
        #expect(try Shard(index: 1, of: 2).range(of: 600, first: 0, group: 256) == 256..<600)
        #expect(Shard.groups(5..<40, size: 16) == [5..<16, 16..<32, 32..<40] && Shard.groups(3..<3, size: 4).isEmpty)
    }

    /// Rows of `tables` written as CSV lines, without the header lines after the first table's.
    func joinedCSV(_ tables: [Table]) throws -> String {
        try tables.enumerated().map { i, table in
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("swiftgan-shard-\(UUID()).csv")
            defer { try? FileManager.default.removeItem(at: file) }
            try table.write(csvFile: file.path)
            let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            return (i == 0 ? lines[...] : lines.dropFirst()).joined(separator: "\n")
        }.joined()
    }

    @Test func tableShardsJoinToOneSample() throws {
        var options = TableSynthesizerTests.tinyOptions(epochs: 1)
        options.identifiers = ["id"]
        options.drop = ["source"]
        let synth = try TableSynthesizer.fit(try TableColumnsAndBudgetTests.tableWithExtras(), options: options,
                                             progress: nil)
        for conditions in [[], [try TableCondition(parsing: "color=blue")]] {
            let whole = try synth.sample(count: 25, seed: 4, conditions: conditions)
            let parts = try (0..<3).map { k in
                let part = try Shard(index: k, of: 3).range(of: 25)
                return try synth.sample(count: part.count, seed: 4, conditions: conditions, first: part.lowerBound)
            }
            #expect(try joinedCSV(parts) == joinedCSV([whole]))
            #expect(try parts[2].column("id").numbers == (17...25).map(Double.init))  // ids number the whole sample
        }
        // Rows kept by a second condition depend on the rows before them: a shard refuses them.
        let two = try ["color=red", "size=S"].map { try TableCondition(parsing: $0) }
        #expect(throws: TableSynthesisError.self) { try synth.sample(count: 5, seed: 4, conditions: two, first: 5) }
        #expect(try synth.sample(count: 5, seed: 4, conditions: two).rowCount == 5)
    }

    @Test func seriesShardsJoinToOneSample() throws {
        let run = temporaryURL("series-shards")
        defer { try? FileManager.default.removeItem(at: run) }
        let synth = try SeriesSynthesizer.fit(try trainingData(labelled: true), options: tinyOptions(),
                                              runDirectory: run, progress: nil)
        let whole = try synth.sample(count: 10, seed: 2)
        let tail = try synth.sample(count: 4, seed: 2, first: 6)
        let size = whole.length * whole.features
        #expect(tail.values == Array(whole.values[(6 * size)...]))
        #expect(tail.ids == Array(whole.ids[6...]) && tail.labels == Array(whole.labels![6...]))
    }

    @Test func audioShardsShareTheOutputFolder() throws {
        let fm = FileManager.default
        let run = fm.temporaryDirectory.appendingPathComponent("swiftgan-shard-audio-\(UUID())")
        let whole = run.appendingPathComponent("whole"), shared = run.appendingPathComponent("shared")
        defer { try? fm.removeItem(at: run) }
        let synth = try AudioSynthesizer.fit(.clips(AudioSynthesizerTests.sines(count: 4)),
                                             options: AudioSynthesizerTests.tinyOptions(steps: 1),
                                             runDirectory: run.appendingPathComponent("run"), progress: nil)
        try synth.writeClips(count: 20, seed: 3, to: whole, batchSize: 2)
        for k in [1, 0] {  // in any order, into one folder; shards end on whole generation groups (16 clips)
            let files = try synth.writeClips(count: 20, seed: 3, to: shared, batchSize: 3, shard: Shard(index: k, of: 2))
            #expect(files.map(\.lastPathComponent) == (k == 0 ? 0..<16 : 16..<20).map { String(format: "%06d.wav", $0) })
        }
        let names = try fm.contentsOfDirectory(atPath: whole.path).sorted()
        #expect(try fm.contentsOfDirectory(atPath: shared.path).sorted() == names && names.count == 20)
        for name in names {
            #expect(fm.contents(atPath: whole.appendingPathComponent(name).path)
                == fm.contents(atPath: shared.appendingPathComponent(name).path), "\(name) differs")
        }
        // A shard does not overwrite its own clips unless asked.
        #expect(throws: AudioSynthesisError.self) {
            try synth.writeClips(count: 20, seed: 3, to: shared, shard: Shard(index: 1, of: 2))
        }
        try synth.writeClips(count: 20, seed: 3, to: shared, shard: Shard(index: 1, of: 2), overwrite: true)
    }

    @Test func theCommandLineWritesShards() throws {
        let folder = try TableCommandTests.folderWithTable()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = { (name: String) in folder.appendingPathComponent(name).path }
        let train = try runSwiftGAN(["table", "train", "--data", path("toy.csv"), "--out", path("run"), "--epochs", "1"])
        #expect(train.status == 0, "\(train.stderr)")
        let sample = ["table", "sample", "--model", path("run"), "--rows", "600", "--seed", "5"]
        #expect(try runSwiftGAN(sample + ["--out", path("whole.csv")]).status == 0)
        var joined = ""
        for k in 0..<2 {
            let shard = try runSwiftGAN(sample + ["--out", path("part\(k).csv"), "--shard", "\(k)/2"])
            #expect(shard.status == 0, "\(shard.stderr)")
            // Shards end on whole generation groups (256 rows).
            #expect(shard.stdout.contains(k == 0 ? "rows 0..<256 of 600, shard 0/2" : "rows 256..<600 of 600, shard 1/2"))
            let lines = try String(contentsOfFile: path("part\(k).csv"), encoding: .utf8).split(separator: "\n")
            joined += (k == 0 ? lines[...] : lines.dropFirst()).joined(separator: "\n") + "\n"
        }
        #expect(try String(contentsOfFile: path("whole.csv"), encoding: .utf8) == joined)
        let bad = try runSwiftGAN(sample + ["--out", path("bad.csv"), "--shard", "2/2"])
        #expect(bad.status != 0 && bad.stderr.contains("shard 2/2 does not exist"), "\(bad.stderr)")
    }
}
