import Foundation
import Testing
import _TestSupport
@testable import AudioIO

/// End-to-end runs of the `swiftgan audio` commands (the binary is built next to the test bundle).
@Suite struct AudioCommandTests {
    func run(_ arguments: [String]) throws -> CommandResult { try runSwiftGAN(arguments) }

    @Test func infoShowsTheHeaderAndLevelsAndFlagsBadFiles() throws {
        try withTemporaryDirectory { dir in
            let good = dir.appendingPathComponent("tone.flac"), bad = dir.appendingPathComponent("bad.wav")
            try AudioFile.write(AudioBuffer(samples: tone(440, rate: 22050, count: 22050, amplitude: 0.5),
                                            channels: 1, sampleRate: 22050), to: good, format: .flac24)
            try Data("text".utf8).write(to: bad)
            let result = try run(["audio", "info", good.path, bad.path])
            #expect(result.status == 1)
            for fragment in ["FLAC", "22050 Hz", "channels  1", "22050 (1.000 s)", "-6.02 dBFS", "-9.03 dBFS"] {
                #expect(result.stdout.contains(fragment), "\(fragment) in \(result.stdout)")
            }
            #expect(result.stderr.contains("bad.wav: cannot read audio"))
        }
    }

    @Test func prepareWarnsPerFileAndSummarises() throws {
        try withTemporaryDirectory { dir in
            let data = dir.appendingPathComponent("data"), out = dir.appendingPathComponent("out")
            try makeCorpus(data)
            let result = try run(["audio", "prepare", "--data", data.path, "--out", out.path, "--sample-rate", "8000",
                                  "--slice", "1000", "--mono"])
            #expect(result.status == 0)
            #expect(result.stdout.contains("read 5 file(s)") && result.stdout.contains("skipped 5 file(s)"))
            #expect(result.stdout.contains("wrote 8 clip(s) of 1000 samples at 8000 Hz, 1 channel(s)"))
            #expect(result.stdout.contains("dropped 1 silent clip(s)"))
            #expect(result.stderr.split(separator: "\n").filter { $0.hasPrefix("warning: skipped") }.count == 5)
            #expect(listing(out).count == 8)
        }
    }

    @Test func badFoldersAndOptionsFailWithOneLineAndNoOutput() throws {
        try withTemporaryDirectory { dir in
            let empty = dir.appendingPathComponent("empty"), out = dir.appendingPathComponent("out")
            try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
            let prepare = try run(["audio", "prepare", "--data", empty.path, "--out", out.path])
            #expect(prepare.status != 0 && prepare.stderr.contains("folder is empty"))
            let augment = try run(["audio", "augment", "--data", empty.path, "--out", out.path, "--methods", "reverb"])
            #expect(augment.status != 0 && augment.stderr.contains("unknown augmentation 'reverb'"))
            #expect(!FileManager.default.fileExists(atPath: out.path))
        }
    }
}
