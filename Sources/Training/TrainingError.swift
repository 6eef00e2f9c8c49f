import Foundation

/// Why a training run could not start, continue or finish. Each message names the file, field or value at fault and
/// says what to do.
public enum TrainingError: Error, CustomStringConvertible, Equatable {
    /// A configuration field has a value the trainer cannot use.
    case invalidConfig(field: String, value: String, reason: String)
    /// The run directory (or a file in it) cannot be created or written.
    case unwritableRunDirectory(path: String, reason: String)
    /// A new run was started in a directory that already holds checkpoints.
    case runDirectoryInUse(path: String)
    /// A new run was started in a folder that already holds other files.
    case runDirectoryNotEmpty(path: String, entries: [String])
    /// Another process is training in the folder.
    case runDirectoryLocked(path: String, pid: Int32?)
    /// Every checkpoint of the run failed to read or verify (each with its reason).
    case noUsableCheckpoint(path: String, reasons: [String])
    /// `resume` was pointed at a folder without a checkpoint.
    case noCheckpoint(path: String)
    /// A checkpoint or `config.json` cannot be read or does not fit the problem.
    case unreadableCheckpoint(path: String, reason: String)
    /// The configuration given on resume differs from the one the run was started with.
    case configMismatch(field: String, stored: String, given: String)
    /// The problem (generator, critics, data) returned something the trainer cannot use.
    case invalidProblem(String)
    /// A loss (or, at a checkpoint, a weight) became NaN or infinite; the run stopped without an update or checkpoint
    /// from that state.
    case nonFiniteLoss(step: Int, loss: String, value: Float, lastCheckpoint: String?)

    public var description: String {
        switch self {
        case .invalidConfig(let field, let value, let reason):
            return "training config: \(field) = \(value) is invalid: \(reason)"
        case .unwritableRunDirectory(let path, let reason):
            return "cannot write the run directory \(path): \(reason); choose a writable location"
        case .runDirectoryInUse(let path):
            return "\(path) already holds checkpoints of a run; resume it or choose another run directory"
        case .runDirectoryNotEmpty(let path, let entries):
            let shown = entries.sorted().prefix(5).joined(separator: ", ") + (entries.count > 5 ? ", …" : "")
            return "\(path) already holds files (\(shown)); a new run needs a new or empty folder: choose another, "
                + "empty this one, or resume the run in it"
        case .runDirectoryLocked(let path, let pid):
            let holder = pid.map { "process \($0)" } ?? "another process"
            return "\(path) is in use by \(holder), which is training in it; wait for it to finish or choose another folder"
        case .noUsableCheckpoint(let path, let reasons):
            return "no checkpoint in \(path) can be resumed from (\(reasons.joined(separator: "; "))); start a new run"
        case .noCheckpoint(let path):
            return "\(path) holds no checkpoint to resume from (expected checkpoints/step-*.safetensors); start a new run instead"
        case .unreadableCheckpoint(let path, let reason):
            return "cannot resume from \(path): \(reason)"
        case .configMismatch(let field, let stored, let given):
            return "the run was started with \(field) = \(stored) but \(given) was given on resume; "
                + "use the original setting or start a new run"
        case .invalidProblem(let message):
            return "training problem: \(message)"
        case .nonFiniteLoss(let step, let loss, let value, let lastCheckpoint):
            let kept = lastCheckpoint.map { "the last good checkpoint \($0) is kept" } ?? "no checkpoint had been written yet"
            return "training diverged at step \(step): \(loss) = \(value); \(kept). "
                + "Lower the learning rates or raise the gradient penalty, then resume or restart"
        }
    }
}
