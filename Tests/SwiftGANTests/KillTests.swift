import Foundation
import Testing
import _TestSupport

/// `series train` killed with SIGKILL at random moments — while it trains and while it writes checkpoints, the model
/// and metrics (a checkpoint every step) — and resumed each time: every resume continues from the newest checkpoint
/// on disk (nothing damaged, nothing lost), and the run ends normally.
@Suite struct KillTests {
    static let kills = 50

    /// The newest checkpoint step in `run`, and whether a damaged one was set aside.
    static func checkpoints(_ run: URL) -> (newest: Int?, damaged: Bool) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: run.appendingPathComponent("checkpoints").path)) ?? []
        let steps = names.compactMap { name -> Int? in
            guard name.hasPrefix("step-"), name.hasSuffix(".safetensors") else { return nil }
            return Int(name.dropFirst(5).dropLast(12))
        }
        return (steps.max(), names.contains { $0.hasSuffix(".damaged") })
    }

    /// The step a resumed run said it starts from.
    static func resumedStep(_ stdout: String) -> Int? {
        guard let range = stdout.range(of: "resuming from checkpoints/step-") else { return nil }
        return Int(stdout[range.upperBound...].prefix(8))
    }

    @Test func trainingSurvivesFiftySIGKILLs() throws {
        let folder = temporaryURL("kill")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("real.npy").path, run = folder.appendingPathComponent("run")
        #expect(try runSwiftGAN(["series", "sines", "--count", "16", "--length", "8", "--features", "2", "--out", data])
            .status == 0)
        let common = ["series", "train", "--data", data, "--out", run.path]
        let started = Date()
        let first = try runSwiftGAN(common + ["--steps", "2", "--width", "4", "--latent", "3", "--batch-size", "8",
                                              "--critic-steps", "1", "--checkpoint-every", "1"])
        try #require(first.status == 0, "\(first.stderr)")
        // Kills fall between a third of a short run's duration (still starting up) and well into training, so the
        // window follows the binary's speed (a sanitizer build starts several times slower).
        let shortRun = Date().timeIntervalSince(started)

        var random = SystemRandomNumberGenerator()
        var resumedAndChecked = 0, killedWhileWriting = 0
        var previous = 2
        for kill in 0..<Self.kills {
            let before = Self.checkpoints(run)
            let (process, out, err) = try startSwiftGAN(common + ["--resume", "--steps", "1000000"])
            Thread.sleep(forTimeInterval: Double.random(in: (shortRun / 3)...(2 * shortRun + 0.3), using: &random))
            Foundation.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            try #require(process.terminationReason == .uncaughtSignal,
                         "kill \(kill): the process ended by itself (status \(process.terminationStatus)): \(stderr)")
            if let step = Self.resumedStep(stdout) {
                #expect(step == before.newest, "kill \(kill): resumed from \(step), newest on disk was \(before.newest ?? -1)")
                resumedAndChecked += 1
            }
            let stale = FileManager.default.enumerator(atPath: run.path)?.compactMap { $0 as? String } ?? []
            if stale.contains(where: { $0.contains(".tmp-") }) { killedWhileWriting += 1 }
            let after = Self.checkpoints(run)
            #expect(!after.damaged, "kill \(kill): a checkpoint was damaged")
            #expect((after.newest ?? -1) >= previous, "kill \(kill): checkpoints went back from \(previous)")
            previous = after.newest ?? previous
        }
        #expect(resumedAndChecked >= Self.kills / 2, "only \(resumedAndChecked) runs got as far as resuming")
        // Some kills (about a third here) land inside an atomic write and leave its temporary file behind.
        #expect(killedWhileWriting > 0, "no kill landed during a write")
        print("kill test: \(Self.kills) kills, \(resumedAndChecked) checked resumes, \(killedWhileWriting) during writes")

        // A last resume runs to its budget: from the newest checkpoint, with no damaged one and no stale temporary.
        let newest = try #require(Self.checkpoints(run).newest)
        let last = try runSwiftGAN(common + ["--resume", "--steps", String(newest + 2)])
        #expect(last.status == 0 && Self.resumedStep(last.stdout) == newest && last.stdout.contains("trained \(newest + 2) steps"),
                "\(last.stdout) \(last.stderr)")
        let leftovers = FileManager.default.enumerator(atPath: run.path)?.compactMap { $0 as? String }
            .filter { $0.contains(".tmp-") || $0.hasSuffix(".damaged") } ?? []
        #expect(leftovers.isEmpty, "\(leftovers)")
        let metrics = try String(contentsOf: run.appendingPathComponent("metrics.jsonl"), encoding: .utf8)
        let steps = metrics.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["step"] as? Int
        }
        // One line per step (a checkpoint every step), in order, none lost and none left from a killed session.
        #expect(steps == steps.sorted() && Set(steps) == Set(1...(newest + 2)), "\(steps)")
    }
}
