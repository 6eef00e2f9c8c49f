/// Jitter (Um et al. 2017): adds independent Gaussian noise to every value, `x'(t) = x(t) + ε`, `ε ~ N(0, σ²)`.
/// Default σ = 0.03 (Iwana & Uchida 2021's code; Um et al. used 0.05 on raw accelerometer data).
public struct Jitter: SeriesAugmenter {
    public static let name = "jitter"
    /// Standard deviation of the noise, in the data's units.
    public var sigma: Double

    public init(sigma: Double = 0.03) {
        self.sigma = sigma
    }

    public init(parameters: inout AugmentationParameters) throws {
        self.init(sigma: try parameters.number("sigma", default: 0.03, in: 0...1e6))
    }

    public func augment(_ data: SeriesArray, streams: AugmentationStreams) throws -> SeriesArray {
        let count = data.seriesStride
        return mapSeries(data, streams: streams) { _, input, output, rng in
            for i in 0..<count { output[i] = input[i] + Float(sigma * rng.normal()) }
        }
    }
}
