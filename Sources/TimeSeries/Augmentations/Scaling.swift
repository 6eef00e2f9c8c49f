/// Scaling (Um et al. 2017): multiplies each feature of a series by one random factor, `x'_c(t) = s_c · x_c(t)`,
/// `s_c ~ N(1, σ²)`. Default σ = 0.1 (Um et al.; Iwana & Uchida 2021).
public struct Scaling: SeriesAugmenter {
    public static let name = "scaling"
    /// Standard deviation of the factors.
    public var sigma: Double

    public init(sigma: Double = 0.1) {
        self.sigma = sigma
    }

    public init(parameters: inout AugmentationParameters) throws {
        self.init(sigma: try parameters.number("sigma", default: 0.1, in: 0...1e6))
    }

    public func augment(_ data: SeriesArray, streams: AugmentationStreams) throws -> SeriesArray {
        let t = data.length, c = data.features
        return mapSeries(data, streams: streams) { _, input, output, rng in
            for f in 0..<c {
                let factor = Float(rng.normal(mean: 1, std: sigma))
                for s in 0..<t { output[s * c + f] = input[s * c + f] * factor }
            }
        }
    }
}
