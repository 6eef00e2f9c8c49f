/// Errors raised by the time-series data layer. Each message names the file, series, column or value at fault and
/// says what to do about it.
public enum SeriesError: Error, CustomStringConvertible, Equatable {
    /// A file could not be read or written.
    case io(path: String, reason: String)
    /// A CSV file that does not have the expected layout (missing column, bad header, …).
    case csvLayout(path: String, message: String)
    /// A cell that is not a finite number.
    case badValue(path: String, line: Int, column: String, value: String)
    /// A `.npy` file that SwiftGAN cannot read.
    case npy(path: String, message: String)
    /// Series of different lengths where equal lengths are needed.
    case ragged(message: String)
    /// Sliding windows that fit no series.
    case windowTooLong(window: Int, longestSeries: Int)
    /// A NaN or infinite value inside an array.
    case notFinite(series: String, step: Int, feature: String)
    /// A class label with too few members for the requested operation.
    case labelTooSmall(label: String, members: Int, needed: Int, operation: String)
    /// An argument out of its domain (unknown augmentation, negative sigma, …).
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .io(let path, let reason):
            return "\(path): \(reason)"
        case .csvLayout(let path, let message):
            return "\(path): \(message)"
        case .badValue(let path, let line, let column, let value):
            let shown = value.isEmpty ? "an empty cell" : "'\(value)'"
            return "\(path), line \(line), column '\(column)': \(shown) is not a finite number; "
                + "fill or drop missing values before using the file"
        case .npy(let path, let message):
            return "\(path): \(message)"
        case .ragged(let message):
            return message
        case .windowTooLong(let window, let longest):
            return "window length \(window) is longer than every series (the longest has \(longest) steps); "
                + "choose a window of at most \(longest)"
        case .notFinite(let series, let step, let feature):
            return "series '\(series)', step \(step), feature '\(feature)': value is NaN or infinite; "
                + "fill or drop missing values first"
        case .labelTooSmall(let label, let members, let needed, let operation):
            return "class '\(label)' has \(members) series but \(operation) needs at least \(needed) per class; "
                + "add series to that class, merge it with another, or leave \(operation) out"
        case .invalidArgument(let message):
            return message
        }
    }
}
