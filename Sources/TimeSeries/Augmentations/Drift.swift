/// Drift (tsaug's `Drift`): adds a smooth random trend to each feature. Anchors are a Gaussian random walk
/// (cumulative sums of N(0, 1)) at `points + 2` evenly spaced positions over [0, T], joined by a cubic spline and read
/// at steps 0 … T−1; the trend is shifted to start at 0, scaled so its largest magnitude is `maxDrift`, and multiplied
/// by the feature's range in that series (tsaug's `normalize=True`):
/// `x'_c(t) = x_c(t) + maxDrift · d_c(t) / max|d_c| · (max x_c − min x_c)`. Defaults maxDrift 0.5, 3 drift points.
public struct Drift: SeriesAugmenter {
    public static let name = "drift"
    /// Largest drift as a share of the feature's range.
    public var maxDrift: Double
    /// Drift points between the two ends.
    public var points: Int

    public init(maxDrift: Double = 0.5, points: Int = 3) {
        self.maxDrift = maxDrift
        self.points = points
    }

    public init(parameters: inout AugmentationParameters) throws {
        self.init(maxDrift: try parameters.number("max", default: 0.5, in: 0...1e6),
                  points: try parameters.integer("points", default: 3, in: 1...100))
    }

    public func augment(_ data: SeriesArray, streams: AugmentationStreams) throws -> SeriesArray {
        let k = points + 2, c = data.features, t = data.length
        let trends = try RandomCurves(
            data, knots: RandomCurves.linspace(0, Double(t), count: k), streams: streams
        ) { rng, values in
            for f in 0..<c {
                var walk = 0.0
                for j in 0..<k {
                    walk += rng.normal()
                    values[f * k + j] = walk
                }
            }
        }
        let maxDrift = Float(self.maxDrift)
        return trends.values.withUnsafeBufferPointer { tp in
            mapSeries(data, streams: streams) { n, input, output, _ in
                for f in 0..<c {
                    let trend = tp.baseAddress! + (n * c + f) * t
                    var lo = input[f], hi = input[f], largest: Float = 0
                    for s in 0..<t {
                        lo = min(lo, input[s * c + f]); hi = max(hi, input[s * c + f])
                        largest = max(largest, abs(trend[s] - trend[0]))
                    }
                    if largest == 0 { continue }
                    let gain = maxDrift * (hi - lo) / largest
                    for s in 0..<t { output[s * c + f] = input[s * c + f] + gain * (trend[s] - trend[0]) }
                }
            }
        }
    }
}
