/// Pooling (tsaug's `Pool`, kind "ave"): lowers the time resolution without changing the length. Consecutive blocks
/// of `size` steps are replaced by their mean; a shorter last block by its own mean. Deterministic. Default size 2.
public struct Pool: SeriesAugmenter {
    public static let name = "pool"
    /// Steps per block.
    public var size: Int

    public init(size: Int = 2) {
        self.size = size
    }

    public init(parameters: inout AugmentationParameters) throws {
        self.init(size: try parameters.integer("size", default: 2, in: 1...100_000))
    }

    public func augment(_ data: SeriesArray, streams: AugmentationStreams) throws -> SeriesArray {
        let t = data.length, c = data.features, size = self.size
        return mapSeries(data, streams: streams) { _, input, output, _ in
            for from in stride(from: 0, to: t, by: size) {
                let to = min(from + size, t)
                for f in 0..<c {
                    var sum: Float = 0
                    for s in from..<to { sum += input[s * c + f] }
                    let mean = sum / Float(to - from)
                    for s in from..<to { output[s * c + f] = mean }
                }
            }
        }
    }
}
