import Foundation
import TensorCore

/// The files of a training run: `config.json`, `metrics.jsonl` and `checkpoints/`.
struct RunDirectory {
    let url: URL
    var configURL: URL { url.appendingPathComponent("config.json") }
    var metricsURL: URL { url.appendingPathComponent("metrics.jsonl") }
    var checkpoints: CheckpointStore { CheckpointStore(directory: url.appendingPathComponent("checkpoints")) }

    /// Creates the folder and `checkpoints/` (no error when they exist).
    func create() throws {
        do {
            try FileManager.default.createDirectory(at: checkpoints.directory, withIntermediateDirectories: true)
        } catch {
            throw TrainingError.unwritableRunDirectory(path: url.path, reason: (error as NSError).localizedDescription)
        }
    }

    /// Creates the folder if needed and takes its lock for a new run. Stale temporary files are removed; the folder
    /// must then hold nothing else (`runDirectoryInUse` when it has checkpoints, `runDirectoryNotEmpty` otherwise).
    func beginNewRun() throws -> RunLock {
        do { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) } catch {
            throw TrainingError.unwritableRunDirectory(path: url.path, reason: (error as NSError).localizedDescription)
        }
        let lock = try RunLock(directory: url)
        removeStaleTemporaries()
        guard checkpoints.list().isEmpty else { throw TrainingError.runDirectoryInUse(path: url.path) }
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).filter { $0 != RunLock.fileName }
        guard entries.isEmpty else { throw TrainingError.runDirectoryNotEmpty(path: url.path, entries: entries) }
        try create()
        return lock
    }

    /// Takes the lock of an existing run to resume it, and removes stale temporary files.
    func beginResume() throws -> RunLock {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw TrainingError.noCheckpoint(path: url.path)
        }
        let lock = try RunLock(directory: url)
        removeStaleTemporaries()
        return lock
    }

    /// Removes the temporary files that interrupted atomic writes (a killed process) left anywhere in the run; only
    /// called while holding the run's lock, when no write can be under way.
    func removeStaleTemporaries() {
        let fm = FileManager.default
        for path in fm.enumerator(atPath: url.path)?.compactMap({ $0 as? String }) ?? []
        where AtomicFile.isTemporary((path as NSString).lastPathComponent) {
            try? fm.removeItem(at: url.appendingPathComponent(path))
        }
    }

    /// Writes `config.json`: `{"training": …, "domain": …}`.
    func writeConfig(_ config: GANTrainingConfig, domain: String?) throws {
        var object: [String: Any] = ["training": try JSONSerialization.jsonObject(with: JSONEncoder().encode(config))]
        if let domain { object["domain"] = try JSONSerialization.jsonObject(with: Data(domain.utf8), options: .fragmentsAllowed) }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        try writing(configURL) { try AtomicFile.write(data, to: configURL) }
    }

    /// Reads `config.json`.
    func readConfig() throws -> (training: GANTrainingConfig, domain: Data?) {
        do {
            let data = try Data(contentsOf: configURL)
            guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any], let training = object["training"] else {
                throw TrainingError.unreadableCheckpoint(path: configURL.path, reason: "it has no \"training\" object")
            }
            let config = try JSONDecoder().decode(
                GANTrainingConfig.self, from: JSONSerialization.data(withJSONObject: training))
            let domain = try object["domain"].map { try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys, .fragmentsAllowed]) }
            return (config, domain)
        } catch let error as TrainingError {
            throw error
        } catch {
            throw TrainingError.unreadableCheckpoint(path: configURL.path, reason: "\(error)")
        }
    }

    /// Appends one JSON object as a line of `metrics.jsonl`.
    func appendMetrics(_ record: [String: Any]) throws {
        var line = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
        line.append(0x0A)
        try writing(metricsURL) {
            if !FileManager.default.fileExists(atPath: metricsURL.path) {
                try Data().write(to: metricsURL)
            }
            let handle = try FileHandle(forWritingTo: metricsURL)
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: line)
        }
    }

    /// Keeps only the lines of `metrics.jsonl` up to `step` (a resumed run logs the later steps again).
    func truncateMetrics(after step: Int) throws {
        guard let data = try? Data(contentsOf: metricsURL) else { return }
        let lines = data.split(separator: 0x0A, omittingEmptySubsequences: true)
        let kept = lines.filter { line in
            let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
            return (object?["step"] as? Int).map { $0 <= step } ?? false
        }
        guard kept.count != lines.count else { return }
        var out = Data()
        for line in kept { out.append(contentsOf: line); out.append(0x0A) }
        try writing(metricsURL) { try AtomicFile.write(out, to: metricsURL) }
    }

    /// Empties `metrics.jsonl` (a new run).
    func resetMetrics() throws {
        try writing(metricsURL) { try AtomicFile.write(Data(), to: metricsURL) }
    }
}

/// Runs `body`, turning a file-system failure into `unwritableRunDirectory` naming `url`.
func writing(_ url: URL, _ body: () throws -> Void) throws {
    do { try body() } catch let error as TrainingError { throw error } catch {
        throw TrainingError.unwritableRunDirectory(path: url.path, reason: (error as NSError).localizedDescription)
    }
}

/// `data` (JSON) re-serialised with sorted keys, so equal configurations compare equal as strings.
func canonicalJSON(_ data: Data) throws -> String {
    let object = try JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed)
    return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .fragmentsAllowed]),
                  as: UTF8.self)
}
