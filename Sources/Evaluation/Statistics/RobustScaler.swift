/// scikit-learn's `RobustScaler`: subtract each feature's median, divide by its interquartile range (25th to 75th
/// percentile, linear interpolation); a feature with zero range is only centred.
public struct RobustScaler: Sendable {
    public let centers: [Double]
    public let scales: [Double]

    /// Fits to `x` [n, features].
    public init(x: [Double], features d: Int) {
        let n = x.count / max(d, 1)
        var centers = [Double](repeating: 0, count: d), scales = [Double](repeating: 1, count: d)
        for j in 0..<d {
            let column = (0..<n).map { x[$0 * d + j] }.sorted()
            centers[j] = SampleStatistics.quantile(column, 0.5)
            let iqr = SampleStatistics.quantile(column, 0.75) - SampleStatistics.quantile(column, 0.25)
            scales[j] = iqr > 0 ? iqr : 1
        }
        self.centers = centers
        self.scales = scales
    }

    /// `x` [n, features] scaled.
    public func transform(_ x: [Double]) -> [Double] {
        let d = centers.count
        var out = x
        for i in out.indices { out[i] = (out[i] - centers[i % d]) / scales[i % d] }
        return out
    }
}
