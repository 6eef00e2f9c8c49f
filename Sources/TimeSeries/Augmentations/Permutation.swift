/// Permutation (Um et al. 2017; Iwana & Uchida 2021): cuts the series into `k` nearly equal consecutive segments
/// (`k` uniform in `1 ..< maxSegments`; the first `T mod k` segments are one step longer, as NumPy's `array_split`)
/// and joins them in a random order. Whole time steps move, all features together. Default maxSegments 5.
public struct Permutation: SeriesAugmenter {
    public static let name = "permutation"
    /// One more than the largest number of segments.
    public var maxSegments: Int

    public init(maxSegments: Int = 5) {
        self.maxSegments = maxSegments
    }

    public init(parameters: inout AugmentationParameters) throws {
        self.init(maxSegments: try parameters.integer("segments", default: 5, in: 2...10_000))
    }

    public func augment(_ data: SeriesArray, streams: AugmentationStreams) throws -> SeriesArray {
        let t = data.length, c = data.features, maxSegments = self.maxSegments
        return mapSeries(data, streams: streams) { _, input, output, rng in
            let k = 1 + rng.int(below: maxSegments - 1)
            if k == 1 { return }
            var starts: [Int] = [0]
            for i in 0..<k { starts.append(starts[i] + t / k + (i < t % k ? 1 : 0)) }
            var order = Array(0..<k)
            rng.shuffle(&order)
            var position = 0
            for segment in order {
                let from = starts[segment], size = starts[segment + 1] - from
                (output + position * c).update(from: input + from * c, count: size * c)
                position += size
            }
        }
    }
}
