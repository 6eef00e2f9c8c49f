import TensorCore

/// A set of equally long multivariate series stored as one `[N, T, C]` Float32 array (series, time step, feature),
/// the layout of TimeGAN's data and of `.npy` files. `channelsFirst()` gives the engine's `[N, C, T]` layout.
public struct SeriesArray: Sendable, Equatable {
    /// N, the number of series.
    public private(set) var count: Int
    /// T, the number of time steps of every series.
    public let length: Int
    /// C, the number of features.
    public let features: Int
    /// The values, `[N, T, C]` row-major.
    public var values: [Float]
    /// One name per feature.
    public var featureNames: [String]
    /// One identifier per series (CSV id column, window origin, or the series' index).
    public var ids: [String]
    /// One class label per series, or nil when the data has none.
    public var labels: [String]?
    /// The CSV column the labels came from (kept so the labels are written back under the same name).
    public var labelName: String?
    /// The time stamps of every step, `[N, T]`, when the data came with a time column.
    public var times: [String]?

    /// An array over `values` (`[N, T, C]`); ids default to "0", "1", … and feature names to "f0", "f1", ….
    public init(
        count: Int, length: Int, features: Int, values: [Float], featureNames: [String]? = nil, ids: [String]? = nil,
        labels: [String]? = nil, labelName: String? = nil, times: [String]? = nil
    ) throws {
        guard count >= 0, length > 0, features > 0 else {
            throw SeriesError.invalidArgument(
                "a series array needs a positive length and feature count (got N \(count), T \(length), C \(features))")
        }
        guard CheckedSize.product([count, length, features]) == values.count else {
            throw SeriesError.invalidArgument(
                "\(values.count) values do not fill an array of \(count) series × \(length) steps × \(features) features")
        }
        let names = featureNames ?? (0..<features).map { "f\($0)" }
        let idList = ids ?? (0..<count).map(String.init)
        guard names.count == features, idList.count == count, labels.map({ $0.count == count }) ?? true,
              times.map({ $0.count == count * length }) ?? true
        else {
            throw SeriesError.invalidArgument("feature names, ids, labels or times do not match the array's shape")
        }
        self.count = count
        self.length = length
        self.features = features
        self.values = values
        self.featureNames = names
        self.ids = idList
        self.labels = labels
        self.labelName = labelName
        self.times = times
    }

    /// Elements per series (`T · C`).
    public var seriesStride: Int { length * features }

    /// The value of series `n` at step `t`, feature `c`.
    public subscript(n: Int, t: Int, c: Int) -> Float {
        get { values[(n * length + t) * features + c] }
        set { values[(n * length + t) * features + c] = newValue }
    }

    /// Series `n` as a `[T, C]` array.
    public func series(_ n: Int) -> ArraySlice<Float> {
        values[(n * seriesStride)..<((n + 1) * seriesStride)]
    }

    /// The values in the engine's channels-first layout `[N, C, T]`.
    public func channelsFirst() -> [Float] {
        var out = [Float](repeating: 0, count: values.count)
        for n in 0..<count {
            for t in 0..<length {
                for c in 0..<features { out[(n * features + c) * length + t] = values[(n * length + t) * features + c] }
            }
        }
        return out
    }

    /// An array of the same shape and metadata built from channels-first values `[N, C, T]` (e.g. a generator's
    /// output), with `count` series.
    public func replacing(channelsFirst data: [Float], count newCount: Int) throws -> SeriesArray {
        guard data.count == newCount * seriesStride else {
            throw SeriesError.invalidArgument(
                "\(data.count) values do not fill \(newCount) series of \(features) features × \(length) steps")
        }
        var values = [Float](repeating: 0, count: data.count)
        for n in 0..<newCount {
            for c in 0..<features {
                for t in 0..<length { values[(n * length + t) * features + c] = data[(n * features + c) * length + t] }
            }
        }
        return try SeriesArray(count: newCount, length: length, features: features, values: values,
                               featureNames: featureNames, labelName: labelName)
    }

    /// Throws `SeriesError.notFinite` naming the first NaN or infinite value.
    public func checkFinite() throws {
        for (i, v) in values.enumerated() where !v.isFinite {
            let n = i / seriesStride, t = (i % seriesStride) / features, c = i % features
            throw SeriesError.notFinite(series: ids[n], step: t, feature: featureNames[c])
        }
    }

    /// The series at `indices`, in that order, with their ids, labels and times.
    public func selecting(_ indices: [Int]) -> SeriesArray {
        var out = self
        out.count = indices.count
        out.values = indices.flatMap { series($0) }
        out.ids = indices.map { ids[$0] }
        out.labels = labels.map { l in indices.map { l[$0] } }
        out.times = times.map { tm in indices.flatMap { tm[($0 * length)..<(($0 + 1) * length)] } }
        return out
    }

    /// This array followed by `other` (same length and features); labels and times are kept only when both have them.
    public func appending(_ other: SeriesArray) throws -> SeriesArray {
        var out = self
        try out.append(other)
        return out
    }

    /// Appends the series of `other` (same length and features); labels and times are kept only when both have them.
    public mutating func append(_ other: SeriesArray) throws {
        guard other.length == length, other.features == features else {
            throw SeriesError.ragged(
                message: "cannot join series of \(length) steps × \(features) features with series of "
                    + "\(other.length) steps × \(other.features) features")
        }
        count += other.count
        values += other.values
        ids += other.ids
        labels = labels.flatMap { a in other.labels.map { a + $0 } }
        times = times.flatMap { a in other.times.map { a + $0 } }
    }
}
