/// Dropout (tsaug's `Dropout`, fill "ffill"): each step t < T − size starts a dropped block with probability
/// `p / size`; the `size` steps after it take the last value before the block (blocks are filled in time order, so a
/// value always comes from a step that was not dropped). All features drop together. Defaults p 0.05, size 1.
public struct Dropout: SeriesAugmenter {
    public static let name = "dropout"
    /// Share of steps dropped.
    public var probability: Double
    /// Steps per dropped block.
    public var size: Int

    public init(probability: Double = 0.05, size: Int = 1) {
        self.probability = probability
        self.size = size
    }

    public init(parameters: inout AugmentationParameters) throws {
        self.init(probability: try parameters.number("p", default: 0.05, in: 0...1),
                  size: try parameters.integer("size", default: 1, in: 1...100_000))
    }

    public func augment(_ data: SeriesArray, streams: AugmentationStreams) throws -> SeriesArray {
        let t = data.length, c = data.features, size = self.size, threshold = probability / Double(size)
        return mapSeries(data, streams: streams) { _, _, output, rng in
            if t <= size { return }
            for s in 0..<(t - size) where rng.uniform() < threshold {
                for step in (s + 1)...(s + size) {
                    (output + step * c).update(from: output + s * c, count: c)
                }
            }
        }
    }
}
