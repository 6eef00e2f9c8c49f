import Foundation

/// Window slicing (Le Guennec et al. 2016; Iwana & Uchida 2021): takes a random window of `⌈ratio · T⌉` steps,
/// starting uniformly in `0 ..< T − window`, and stretches it back to T steps by linear interpolation:
/// `x'(t) = x(start + t · (window − 1) / (T − 1))`. Default ratio 0.9. A window as long as the series leaves it as is.
public struct WindowSlice: SeriesAugmenter {
    public static let name = "windowslice"
    /// The window's share of the series length.
    public var ratio: Double

    public init(ratio: Double = 0.9) {
        self.ratio = ratio
    }

    public init(parameters: inout AugmentationParameters) throws {
        self.init(ratio: try parameters.number("ratio", default: 0.9, in: 0.01...1))
    }

    public func augment(_ data: SeriesArray, streams: AugmentationStreams) throws -> SeriesArray {
        let t = data.length, c = data.features
        let window = Int(ceil(ratio * Double(t)))
        if window >= t { return data }
        return mapSeries(data, streams: streams) { _, input, output, rng in
            let start = rng.int(below: t - window)
            for f in 0..<c {
                Resampling.stretch(input + f, stride: c, count: t, from: Double(start),
                                   to: Double(start + window - 1), into: output + f, outStride: c, outCount: t)
            }
        }
    }
}
