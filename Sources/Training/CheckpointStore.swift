import Foundation
import NN
import TensorCore

/// The `checkpoints/` folder of a run: one safetensors file per checkpoint, `step-<step>.safetensors`, written
/// atomically; only the newest few are kept.
struct CheckpointStore {
    let directory: URL

    /// The file for a checkpoint after `step` generator updates.
    func url(step: Int) -> URL {
        directory.appendingPathComponent("step-" + String(format: "%08d", step) + ".safetensors")
    }

    /// Existing checkpoints, oldest first.
    func list() -> [(step: Int, url: URL)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.compactMap { name -> (Int, URL)? in
            guard name.hasPrefix("step-"), name.hasSuffix(".safetensors"),
                  let step = Int(name.dropFirst(5).dropLast(12))
            else { return nil }
            return (step, directory.appendingPathComponent(name))
        }.sorted { $0.0 < $1.0 }
    }

    /// The newest checkpoint, if any.
    var latest: URL? { list().last?.url }

    /// Writes a checkpoint atomically, then deletes all but the newest `keep`.
    func write(step: Int, tensors: [(String, Tensor)], metadata: [String: String], keep: Int) throws -> URL {
        let url = url(step: step)
        var metadata = metadata
        metadata[CheckpointChecksum.key] = CheckpointChecksum.placeholder
        try writing(url) {
            var file = try Safetensors.encode(tensors, metadata: metadata)
            CheckpointChecksum.seal(&file)
            try AtomicFile.write(file, to: url)
        }
        for old in list().dropLast(keep) { try? FileManager.default.removeItem(at: old.url) }
        return url
    }

    /// The contents and metadata of the checkpoint at `url`, after its checksum is verified; throws
    /// `TrainingError.unreadableCheckpoint` for a file that cannot be read, fails its checksum or is not a checkpoint.
    func read(_ url: URL) throws -> (Safetensors.Contents, CheckpointMetadata) {
        do {
            let file = try Safetensors.bytes(of: url)
            if CheckpointChecksum.verify(file) == false {
                throw TrainingError.unreadableCheckpoint(path: url.path, reason: "its checksum does not match: the file is damaged")
            }
            let contents = try Safetensors.parse(file, path: url.path)
            return (contents, try CheckpointMetadata(contents.metadata, path: url.path))
        } catch let error as TrainingError {
            throw error
        } catch {
            throw TrainingError.unreadableCheckpoint(path: url.path, reason: "\(error)")
        }
    }
}

/// Tensors of a checkpoint, grouped by prefix (`generator.`, `critics.0.`, `ema.`, `optimizer.generator.`, …).
struct CheckpointTensors {
    private(set) var entries: [(String, Tensor)] = []

    init() {}

    mutating func add(_ prefix: String, _ tensors: [(String, Tensor)]) {
        entries += tensors.map { (prefix + $0.0, $0.1) }
    }

    /// The tensors under `prefix`, with the prefix removed.
    static func group(_ all: [String: Tensor], _ prefix: String) -> [String: Tensor] {
        var out: [String: Tensor] = [:]
        for (name, t) in all where name.hasPrefix(prefix) { out[String(name.dropFirst(prefix.count))] = t }
        return out
    }
}
