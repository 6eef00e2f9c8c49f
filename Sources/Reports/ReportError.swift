import Foundation

/// Problems making a report: an unreadable run directory or an unwritable output file.
public enum ReportError: Error, CustomStringConvertible, Equatable {
    /// `path` is not a SwiftGAN run directory (the reason says what is missing).
    case notARun(path: String, reason: String)
    /// The report could not be written to `path`.
    case unwritable(path: String, reason: String)
    /// The data cannot be drawn (for example real and synthetic sets of different shapes).
    case invalidInput(String)

    public var description: String {
        switch self {
        case .notARun(let path, let reason):
            return "\(path) is not a SwiftGAN run directory: \(reason); pass the folder a training run wrote"
        case .unwritable(let path, let reason):
            return "cannot write the report to \(path): \(reason); choose another path"
        case .invalidInput(let message):
            return message
        }
    }
}
