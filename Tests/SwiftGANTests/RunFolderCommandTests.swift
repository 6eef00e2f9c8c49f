import Foundation
import SwiftGAN
import Testing
import _TestSupport

/// `train` refuses a folder that holds other files, and `--resume` falls back past a damaged checkpoint, run as the
/// real binary.
@Suite struct RunFolderCommandTests {
    @Test func trainNeedsANewOrEmptyFolderAndResumeSkipsADamagedCheckpoint() throws {
        let folder = temporaryURL("run-folder-cli")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        #expect(try runSwiftGAN(["series", "sines", "--count", "20", "--length", "8", "--features", "2",
                                 "--out", path("real.npy")]).status == 0)

        // A folder with someone's files: refused, nothing overwritten.
        try FileManager.default.createDirectory(atPath: path("busy"), withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: URL(fileURLWithPath: path("busy/config.json")))
        let refused = try runSwiftGAN(["series", "train", "--data", path("real.npy"), "--out", path("busy"),
                                       "--steps", "2"] + tinyTrainArguments)
        #expect(refused.status == 1 && refused.stderr.split(separator: "\n").count == 1
                    && refused.stderr.contains("new or empty folder"), "\(refused.stderr)")
        #expect(try String(contentsOfFile: path("busy/config.json"), encoding: .utf8) == "mine")

        // Checkpoints at 2 and 4; the newest gets a flipped bit; resume continues from step 2 and says so.
        let trained = try runSwiftGAN(["series", "train", "--data", path("real.npy"), "--out", path("run"),
                                       "--steps", "4"] + tinyTrainArguments)
        #expect(trained.status == 0, "\(trained.stderr)")
        let again = try runSwiftGAN(["series", "train", "--data", path("real.npy"), "--out", path("run"),
                                     "--steps", "4"] + tinyTrainArguments)
        #expect(again.status == 1 && again.stderr.contains("already holds checkpoints"), "\(again.stderr)")
        let newest = URL(fileURLWithPath: path("run/checkpoints/step-00000004.safetensors"))
        var bytes = try Data(contentsOf: newest)
        bytes[bytes.count - 1] ^= 0x01
        try bytes.write(to: newest)
        let resumed = try runSwiftGAN(["series", "train", "--data", path("real.npy"), "--out", path("run"), "--resume",
                                       "--steps", "6"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("resuming from checkpoints/step-00000002.safetensors")
                    && resumed.stdout.contains("step-00000004.safetensors (its checksum does not match"), "\(resumed.stdout)")
        #expect(resumed.stdout.contains("trained 6 steps"), "\(resumed.stdout)")
    }

    @Test func aSecondTrainingProcessIsRefusedAndAKilledOneDoesNotBlock() throws {
        let folder = temporaryURL("run-lock-cli")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        #expect(try runSwiftGAN(["series", "sines", "--count", "20", "--length", "8", "--features", "2",
                                 "--out", path("real.npy")]).status == 0)
        let train = ["series", "train", "--data", path("real.npy"), "--out", path("run")]
        let (first, _, _) = try startSwiftGAN(train + ["--steps", "1000000"] + tinyTrainArguments)
        defer { if first.isRunning { kill(first.processIdentifier, SIGKILL) } }
        // Wait for the first process's first checkpoint.
        let checkpoints = folder.appendingPathComponent("run/checkpoints")
        for _ in 0..<200 where ((try? FileManager.default.contentsOfDirectory(atPath: checkpoints.path)) ?? []).isEmpty {
            Thread.sleep(forTimeInterval: 0.05)
        }
        for second in [train + ["--steps", "2"] + tinyTrainArguments, train + ["--resume", "--steps", "4"]] {
            let refused = try runSwiftGAN(second)
            #expect(refused.status == 1 && refused.stderr.contains("in use by process \(first.processIdentifier)")
                        && refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
        }
        // Killed, the first process leaves its pid in .lock but no lock: the run resumes at once.
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        let resumed = try runSwiftGAN(train + ["--resume", "--steps", "1"])
        #expect(resumed.status == 0 && resumed.stdout.contains("resuming from"), "\(resumed.stdout) \(resumed.stderr)")
    }
}
