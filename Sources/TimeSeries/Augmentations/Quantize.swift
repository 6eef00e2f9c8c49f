/// Quantisation (tsaug's `Quantize`, how "uniform"): each feature of each series is rounded onto `levels` levels
/// evenly spread over its own range: with `u = (x − min) / (max − min)`, the level is `min(⌊u · levels⌋, levels − 1)`
/// and the value its bin centre `min + (level + ½) / levels · (max − min)`. (tsaug rounds instead of flooring, which
/// shifts the bins by half a level.) A constant feature is left as is. Deterministic. Default 10 levels.
public struct Quantize: SeriesAugmenter {
    public static let name = "quantize"
    /// The number of levels.
    public var levels: Int

    public init(levels: Int = 10) {
        self.levels = levels
    }

    public init(parameters: inout AugmentationParameters) throws {
        self.init(levels: try parameters.integer("levels", default: 10, in: 1...1_000_000))
    }

    public func augment(_ data: SeriesArray, streams: AugmentationStreams) throws -> SeriesArray {
        let t = data.length, c = data.features, n = Float(levels)
        return mapSeries(data, streams: streams) { _, input, output, _ in
            for f in 0..<c {
                var lo = input[f], hi = input[f]
                for s in 0..<t { lo = min(lo, input[s * c + f]); hi = max(hi, input[s * c + f]) }
                let range = hi - lo
                if range == 0 { continue }
                for s in 0..<t {
                    let level = min((input[s * c + f] - lo) / range * n, n - 1).rounded(.down)
                    output[s * c + f] = lo + (level + 0.5) / n * range
                }
            }
        }
    }
}
