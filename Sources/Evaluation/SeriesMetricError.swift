/// Errors raised by the series metrics. Messages say which set is at fault and what to do.
public enum SeriesMetricError: Error, CustomStringConvertible, Equatable {
    /// A set without series (or with fewer than a metric needs).
    case tooFewSeries(set: String, count: Int, needed: Int, metric: String)
    /// The two sets differ in length or features.
    case mismatchedShapes(real: String, synthetic: String)
    /// A NaN or infinite value.
    case notFinite(set: String, series: Int, step: Int, feature: Int)
    /// An option out of its domain.
    case invalidOption(String)

    public var description: String {
        switch self {
        case .tooFewSeries(let set, let count, let needed, let metric):
            return "the \(set) set has \(count) series but \(metric) needs at least \(needed); give more series"
        case .mismatchedShapes(let real, let synthetic):
            return "real series are \(real) but synthetic series are \(synthetic); compare sets of the same window "
                + "length and features (cut both with the same `SeriesCollection.windows(length:stride:)`)"
        case .notFinite(let set, let series, let step, let feature):
            return "the \(set) set has a NaN or infinite value (series \(series), step \(step), feature \(feature)); "
                + "fill or drop missing values first"
        case .invalidOption(let message):
            return message
        }
    }
}
