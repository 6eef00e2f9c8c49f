import Foundation
import NN
import TensorCore

extension GANTrainer {
    /// The configurations a run was started with (from its `config.json`), to rebuild its problem before `resume`.
    public static func storedConfiguration(in runDirectory: URL) throws -> (training: GANTrainingConfig, domain: Data?) {
        try RunDirectory(url: runDirectory).readConfig()
    }

    /// Continues the run in `runDirectory` from its newest checkpoint that verifies (a damaged newer one is skipped and
    /// named in `resumeReport`), exactly where it stopped: weights, optimizer
    /// moments, EMA shadows, random streams, step, elapsed time and loss sums are restored, so the resumed run
    /// matches an uninterrupted one bit for bit. Lines of `metrics.jsonl` after the checkpoint are dropped.
    ///
    /// - Parameters:
    ///   - runDirectory: the run's folder, as given to `init(problem:config:runDirectory:domainConfig:)`.
    ///   - problem: built like the original (same architecture); its weights are overwritten.
    ///   - config: when given, must equal the stored configuration except for the budget, the checkpoint and log
    ///     intervals and `keepCheckpoints`, which take the new values (e.g. to train longer).
    ///   - domainConfig: when given, must equal the stored domain configuration.
    public static func resume(from runDirectory: URL, problem: Problem, config: GANTrainingConfig? = nil,
                              domainConfig: Data? = nil) throws -> GANTrainer {
        let run = RunDirectory(url: runDirectory)
        // In a data-parallel job, process 0 takes the lock and mends the folder; the others only read it.
        let leads = try dataParallelWorld().map { $0.rank == 0 } ?? true
        let lock = leads ? try run.beginResume() : nil
        let checkpoints = run.checkpoints.list()
        guard !checkpoints.isEmpty else { throw TrainingError.noCheckpoint(path: runDirectory.path) }
        // The newest checkpoint that reads and verifies. Damaged newer ones are renamed `*.damaged`, so that neither
        // pruning nor loading a run's newest checkpoint ever prefers them to the good one.
        var skipped: [(name: String, reason: String)] = []
        var found: (url: URL, contents: Safetensors.Contents, stored: CheckpointMetadata)?
        for candidate in checkpoints.reversed() {
            do {
                let (contents, stored) = try run.checkpoints.read(candidate.url)
                found = (candidate.url, contents, stored)
                break
            } catch TrainingError.unreadableCheckpoint(_, let reason) {
                skipped.append((candidate.url.lastPathComponent, reason))
                if leads { try? FileManager.default.moveItem(at: candidate.url, to: candidate.url.appendingPathExtension("damaged")) }
            }
        }
        guard let (url, contents, stored) = found else {
            throw TrainingError.noUsableCheckpoint(path: runDirectory.path, reasons: skipped.map { "\($0.name): \($0.reason)" })
        }
        if let config, let (field, old, new) = try stored.config.firstDifference(from: config) {
            throw TrainingError.configMismatch(field: field, stored: old, given: new)
        }
        if let domainConfig {
            let given = (try? canonicalJSON(domainConfig)) ?? String(decoding: domainConfig, as: UTF8.self)
            if given != stored.domainConfig {
                throw TrainingError.configMismatch(field: "domain config", stored: stored.domainConfig ?? "none", given: given)
            }
        }

        let trainer = try GANTrainer(problem: problem, config: config ?? stored.config, run: run,
                                     domainConfig: stored.domainConfig)
        do {
            try trainer.loadState(contents.tensors)
            try problem.restoreCheckpointState(stored.problemState)
        } catch {
            throw TrainingError.unreadableCheckpoint(
                path: url.path, reason: "\(error); it was written for a different model, rebuild the problem with the "
                    + "run's stored configuration")
        }
        trainer.lock = lock
        trainer.resumeReport = "resuming from checkpoints/\(url.lastPathComponent) (step \(stored.step))"
            + (skipped.isEmpty ? "" : "; the newer " + skipped.map { "\($0.name) (\($0.reason))" }.joined(separator: ", ")
                + " was renamed *.damaged")
        trainer.step = stored.step
        trainer.elapsedBefore = stored.elapsedSeconds
        trainer.accumulator = stored.accumulator
        trainer.lastCheckpoint = url
        trainer.lastCheckpointStep = stored.step
        trainer.dataRandom = stored.random[0]
        trainer.latentRandom = stored.random[1]
        trainer.modelRandom = stored.random[2]
        trainer.penaltyRandom = stored.random[3]
        if leads {
            try run.writeConfig(trainer.config, domain: stored.domainConfig)
            try run.truncateMetrics(after: stored.step)
        }
        return trainer
    }
}

extension GANTrainingConfig {
    /// The first field (other than the resumable ones) whose value differs from `other`'s, with both values as JSON.
    func firstDifference(from other: GANTrainingConfig) throws -> (field: String, mine: String, theirs: String)? {
        let a = try fields(), b = try other.fields()
        for key in Set(a.keys).union(b.keys).sorted() where !Self.resumableFields.contains(key) {
            let x = a[key] ?? "null", y = b[key] ?? "null"
            if x != y { return (key, x, y) }
        }
        return nil
    }

    /// Each top-level field as canonical JSON text.
    private func fields() throws -> [String: String] {
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(self)) as? [String: Any] ?? [:]
        return try object.mapValues {
            String(decoding: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys, .fragmentsAllowed]),
                   as: UTF8.self)
        }
    }
}
