/// One multivariate series as read from a file, before the set is cut to a common length.
public struct Series: Sendable, Equatable {
    /// The series' identifier.
    public var id: String
    /// Its class label, if the data has labels.
    public var label: String?
    /// Its time stamps, one per step, if the file had a time column.
    public var times: [String]?
    /// The values, `[T, C]` row-major.
    public var values: [Float]

    public init(id: String, label: String? = nil, times: [String]? = nil, values: [Float]) {
        self.id = id
        self.label = label
        self.times = times
        self.values = values
    }
}

/// Series of possibly different lengths sharing one set of features, as read from a CSV file.
/// `stacked()` makes an equal-length `SeriesArray` of them; `windows(length:stride:)` cuts them into windows.
public struct SeriesCollection: Sendable, Equatable {
    /// One name per feature.
    public var featureNames: [String]
    /// The label column's name, when the series carry labels.
    public var labelName: String?
    /// The series.
    public var series: [Series]

    public init(featureNames: [String], labelName: String? = nil, series: [Series]) {
        self.featureNames = featureNames
        self.labelName = labelName
        self.series = series
    }

    /// C, the number of features.
    public var features: Int { featureNames.count }

    /// The number of steps of series `i`.
    public func length(of i: Int) -> Int { series[i].values.count / max(features, 1) }

    /// The series as one `[N, T, C]` array; throws `SeriesError.ragged` naming two series of different lengths.
    public func stacked() throws -> SeriesArray {
        guard let first = series.first else {
            throw SeriesError.invalidArgument("the data holds no series")
        }
        let t = length(of: 0)
        for i in series.indices where length(of: i) != t {
            throw SeriesError.ragged(
                message: "series '\(series[i].id)' has \(length(of: i)) steps but '\(first.id)' has \(t): "
                    + "equal lengths are needed; cut the series into windows (`SeriesCollection.windows(length:stride:)`)")
        }
        let hasTimes = series.allSatisfy { $0.times != nil }
        return try SeriesArray(
            count: series.count, length: t, features: features, values: series.flatMap(\.values),
            featureNames: featureNames, ids: series.map(\.id), labels: labelsIfAny(), labelName: labelName,
            times: hasTimes ? series.flatMap { $0.times! } : nil)
    }

    /// Sliding windows of `length` steps taken every `stride` steps from each series, starting at step 0; a series
    /// shorter than `length` gives none. Window ids are `"<id>@<start>"`; labels and times follow their series.
    /// Throws `SeriesError.windowTooLong` when no series is long enough.
    public func windows(length: Int, stride: Int = 1) throws -> SeriesArray {
        guard length > 0, stride > 0 else {
            throw SeriesError.invalidArgument("window length and stride must be positive (got \(length), \(stride))")
        }
        let longest = series.indices.map { self.length(of: $0) }.max() ?? 0
        guard length <= longest else { throw SeriesError.windowTooLong(window: length, longestSeries: longest) }
        let labels = labelsIfAny()
        let hasTimes = series.allSatisfy { $0.times != nil }
        var values: [Float] = [], ids: [String] = [], windowLabels: [String] = [], times: [String] = []
        for (i, s) in series.enumerated() {
            let t = self.length(of: i)
            for start in Swift.stride(from: 0, through: t - length, by: stride) {
                values += s.values[(start * features)..<((start + length) * features)]
                ids.append("\(s.id)@\(start)")
                if let labels { windowLabels.append(labels[i]) }
                if hasTimes { times += s.times![start..<(start + length)] }
            }
        }
        return try SeriesArray(
            count: ids.count, length: length, features: features, values: values, featureNames: featureNames,
            ids: ids, labels: labels == nil ? nil : windowLabels, labelName: labelName, times: hasTimes ? times : nil)
    }

    private func labelsIfAny() -> [String]? {
        let labels = series.compactMap(\.label)
        return labels.count == series.count && !labels.isEmpty ? labels : nil
    }
}

extension SeriesArray {
    /// The series as a collection (for writing to CSV).
    public var collection: SeriesCollection {
        SeriesCollection(
            featureNames: featureNames, labelName: labelName,
            series: (0..<count).map { n in
                Series(id: ids[n], label: labels?[n], times: times.map { Array($0[(n * length)..<((n + 1) * length)]) },
                       values: Array(series(n)))
            })
    }
}
