/// Problems specific to time-series synthesis (the data layer has `SeriesError`, the trainer `TrainingError`).
/// Messages name the file, label or value at fault and say what to do.
public enum SeriesSynthesisError: Error, CustomStringConvertible, Equatable {
    /// Too little data to train on.
    case tooFewWindows(count: Int)
    /// `sample(label:)` with a label the model was not trained on (or a model without labels).
    case unknownLabel(String, known: [String])
    /// A file or folder that is not a usable SwiftGAN series model or series run.
    case notAModel(String)
    /// Data given to `resume` that differs from the run's data.
    case dataMismatch(String)
    /// An option or argument out of its domain.
    case invalidOption(String)

    /// `path` is not a usable series model, because of `reason`.
    static func unusable(path: String, reason: String) -> SeriesSynthesisError {
        .notAModel("\(path) is not a usable SwiftGAN series model: \(reason)")
    }

    public var description: String {
        switch self {
        case .tooFewWindows(let count):
            return "the training data has \(count) window\(count == 1 ? "" : "s"); a GAN needs at least 2 — give more "
                + "series or a shorter window with a smaller stride (`SeriesCollection.windows(length:stride:)`)"
        case .unknownLabel(let label, let known):
            return known.isEmpty
                ? "the model was trained without labels, so it cannot sample label '\(label)'; sample without a label"
                : "the model knows no label '\(label)'; known labels: \(known.joined(separator: ", "))"
        case .notAModel(let message):
            return message
        case .dataMismatch(let message):
            return "the data differs from the run's training data: \(message); resume with the same file and options"
        case .invalidOption(let message):
            return message
        }
    }
}
