/// Magnitude warping (Um et al. 2017): multiplies each feature by a smooth random curve around 1,
/// `x'_c(t) = x_c(t) · w_c(t)`, where `w_c` is the cubic spline through `knots + 2` evenly spaced points over
/// steps 0 … T−1 with values drawn from N(1, σ²). Defaults σ = 0.2, 4 knots (Um et al.; Iwana & Uchida 2021).
public struct MagnitudeWarp: SeriesAugmenter {
    public static let name = "magwarp"
    /// Standard deviation of the curve's values at the knots.
    public var sigma: Double
    /// Interior knots of the curve (it has `knots + 2` points).
    public var knots: Int

    public init(sigma: Double = 0.2, knots: Int = 4) {
        self.sigma = sigma
        self.knots = knots
    }

    public init(parameters: inout AugmentationParameters) throws {
        let (sigma, knots) = try parameters.randomCurve()
        self.init(sigma: sigma, knots: knots)
    }

    public func augment(_ data: SeriesArray, streams: AugmentationStreams) throws -> SeriesArray {
        let c = data.features, t = data.length
        let curves = try RandomCurves.aroundOne(data, sigma: sigma, knots: knots, streams: streams)
        return curves.values.withUnsafeBufferPointer { cp in
            mapSeries(data, streams: streams) { n, input, output, _ in
                let curve = cp.baseAddress! + n * c * t  // [C, T]
                for s in 0..<t {
                    for f in 0..<c { output[s * c + f] = input[s * c + f] * curve[f * t + s] }
                }
            }
        }
    }
}
