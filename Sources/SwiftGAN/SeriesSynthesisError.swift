/// Why a series synthesizer could not train, sample, save or load. Messages name the file, label or value at fault
/// and say what to do.
public enum SeriesSynthesisError: Error, CustomStringConvertible, Equatable {
    /// Too little data to train on.
    case tooFewWindows(count: Int)
    /// `sample(label:)` with a label the model was not trained on (or a model without labels).
    case unknownLabel(String, known: [String])
    /// A model file or run directory that is not a SwiftGAN series model.
    case incompatibleModel(path: String, reason: String)
    /// `sample` or `save` before `fit`.
    case notTrained
    /// Data given to `resume` that differs from the run's data.
    case dataMismatch(String)
    /// An argument out of its domain.
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .tooFewWindows(let count):
            return "the training data has \(count) window\(count == 1 ? "" : "s"); a GAN needs at least 2 — give more "
                + "series or a shorter window with a smaller stride (`SeriesCollection.windows(length:stride:)`)"
        case .unknownLabel(let label, let known):
            return known.isEmpty
                ? "the model was trained without labels, so it cannot sample label '\(label)'; sample without a label"
                : "the model knows no label '\(label)'; known labels: \(known.joined(separator: ", "))"
        case .incompatibleModel(let path, let reason):
            return "\(path) is not a usable SwiftGAN series model: \(reason)"
        case .notTrained:
            return "the synthesizer has no trained model; call fit (or load a model) first"
        case .dataMismatch(let message):
            return "the data differs from the run's training data: \(message); resume with the same file and options"
        case .invalidArgument(let message):
            return message
        }
    }
}
