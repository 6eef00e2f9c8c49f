import Foundation
import NN
import TensorCore
import Testing
import Training

/// Run folders that are safe to share and to crash in: new runs need a new or empty folder, one writer at a time,
/// checkpoints carry a checksum and resume falls back to the newest one that verifies.
@Suite struct RunFolderSafetyTests {
    /// A finished two-checkpoint run (steps 2 and 4) in a fresh folder.
    static func finishedRun() throws -> URL {
        let dir = temporaryRunDirectory("safety")
        var config = quickConfig(steps: 4)
        config.checkpointEverySteps = 2
        config.keepCheckpoints = 3
        _ = try quietTrainer(ToyProblem(), config, dir).run()
        return dir
    }

    @Test func aNewRunNeedsANewOrEmptyFolder() throws {
        let dir = temporaryRunDirectory("not-empty")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: dir.appendingPathComponent("notes.txt"))
        #expect(throws: TrainingError.runDirectoryNotEmpty(path: dir.path, entries: ["notes.txt"])) {
            _ = try GANTrainer(problem: ToyProblem(), config: quickConfig(), runDirectory: dir)
        }
        #expect(try String(contentsOf: dir.appendingPathComponent("notes.txt"), encoding: .utf8) == "keep me")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("config.json").path))
        #expect(TrainingError.runDirectoryNotEmpty(path: "r", entries: ["a"]).description.contains("new or empty folder"))
        // An empty folder (or one with a lock left by an earlier process) is fine.
        try FileManager.default.removeItem(at: dir.appendingPathComponent("notes.txt"))
        try Data("12345\n".utf8).write(to: dir.appendingPathComponent(".lock"))
        #expect(try quietTrainer(ToyProblem(), quickConfig(steps: 1), dir).run().step == 1)
    }

    @Test func aSecondWriterIsRefusedUntilTheFirstFinishes() throws {
        let dir = temporaryRunDirectory("locked")
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try quietTrainer(ToyProblem(), quickConfig(steps: 2), dir)
        let pid = getpid()
        #expect(throws: TrainingError.runDirectoryLocked(path: dir.path, pid: pid)) {
            _ = try GANTrainer.resume(from: dir, problem: ToyProblem())
        }
        #expect(TrainingError.runDirectoryLocked(path: "r", pid: 7).description.contains("in use by process 7"))
        _ = try first.run()  // releases the lock when it returns
        let resumed = quiet(try GANTrainer.resume(from: dir, problem: ToyProblem()))
        #expect(resumed.step == 2)
    }

    @Test func checkpointsCarryAChecksumAndResumeFallsBackPastADamagedOne() throws {
        let dir = try Self.finishedRun()
        defer { try? FileManager.default.removeItem(at: dir) }
        let newest = dir.appendingPathComponent("checkpoints/step-00000004.safetensors")
        var bytes = try Data(contentsOf: newest)
        #expect(try Safetensors.parse(bytes, path: "c").metadata["checkpoint_crc32"]?.count == 8)
        bytes[bytes.count - 3] ^= 0x10  // one flipped bit in the tensor data: still a well-formed file
        try bytes.write(to: newest)
        #expect(try Safetensors.read(newest).tensors.count > 0)

        let resumed = quiet(try GANTrainer.resume(from: dir, problem: ToyProblem()))
        #expect(resumed.step == 2)
        let report = resumed.resumeReport ?? ""
        #expect(report.contains("step-00000002.safetensors") && report.contains("step-00000004.safetensors")
                    && report.contains("checksum"), "\(report)")
        #expect(checkpointNames(dir) == ["step-00000002.safetensors", "step-00000004.safetensors.damaged"])
        // Training continues from step 2 and writes a good step 4 again.
        #expect(try resumed.run().step == 4)
        #expect(checkpointNames(dir).contains("step-00000004.safetensors"))
    }

    @Test func whenNoCheckpointVerifiesResumeSaysSo() throws {
        let dir = try Self.finishedRun()
        defer { try? FileManager.default.removeItem(at: dir) }
        for step in [2, 4] {
            let url = dir.appendingPathComponent("checkpoints/step-0000000\(step).safetensors")
            var bytes = try Data(contentsOf: url)
            bytes[bytes.count / 2] ^= 1
            try bytes.write(to: url)
        }
        do {
            _ = try GANTrainer.resume(from: dir, problem: ToyProblem())
            Issue.record("resumed from damaged checkpoints")
        } catch let error as TrainingError {
            guard case .noUsableCheckpoint(_, let reasons) = error else { Issue.record("\(error)"); return }
            #expect(reasons.count == 2 && !error.description.contains("\n"), "\(error)")
        }
    }

    @Test func staleTemporaryFilesAnywhereInTheRunAreRemoved() throws {
        let dir = try Self.finishedRun()
        defer { try? FileManager.default.removeItem(at: dir) }
        let stale = [".config.json.tmp-1-2", ".model.safetensors.tmp-3-4", "previews/x/.000000.wav.tmp-5-6",
                     "checkpoints/.step-00000006.safetensors.tmp-7-8"].map { dir.appendingPathComponent($0) }
        for url in stale {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data([1]).write(to: url)
        }
        _ = quiet(try GANTrainer.resume(from: dir, problem: ToyProblem()))
        for url in stale { #expect(!FileManager.default.fileExists(atPath: url.path), "\(url.lastPathComponent) kept") }
    }
}
