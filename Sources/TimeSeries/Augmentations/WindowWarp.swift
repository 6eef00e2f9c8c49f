import Foundation
import TensorCore

/// Window warping (Le Guennec et al. 2016; Iwana & Uchida 2021): speeds up or slows down one random window.
/// A window of `w = ⌈ratio · T⌉` steps starting uniformly in `1 ..< T − w − 1` is resampled to `⌊w · scale⌋` steps,
/// with `scale` drawn uniformly from `scales`; the joined series (prefix, warped window, suffix) is then resampled
/// back to T steps by linear interpolation. Defaults ratio 0.1, scales {0.5, 2}. Needs T ≥ w + 3.
public struct WindowWarp: SeriesAugmenter {
    public static let name = "windowwarp"
    /// The window's share of the series length.
    public var ratio: Double
    /// The speed factors to choose from.
    public var scales: [Double]

    public init(ratio: Double = 0.1, scales: [Double] = [0.5, 2]) {
        self.ratio = ratio
        self.scales = scales
    }

    public init(parameters: inout AugmentationParameters) throws {
        let ratio = try parameters.number("ratio", default: 0.1, in: 0.01...1)
        let slow = try parameters.number("slow", default: 0.5, in: 0.01...100)
        let fast = try parameters.number("fast", default: 2, in: 0.01...100)
        self.init(ratio: ratio, scales: [slow, fast])
    }

    public func augment(_ data: SeriesArray, streams: AugmentationStreams) throws -> SeriesArray {
        let t = data.length, c = data.features
        let w = Int(ceil(ratio * Double(t)))
        guard t - w - 1 > 1 else {
            throw SeriesError.invalidArgument(
                "windowwarp with ratio \(ratio) needs series of at least \(w + 3) steps (they have \(t)); "
                    + "lower the ratio or leave windowwarp out")
        }
        let scales = self.scales
        return mapSeries(data, streams: streams) { _, input, output, rng in
            let scale = scales[rng.int(below: scales.count)]
            let start = 1 + rng.int(below: t - w - 2)
            let m = Int(Double(w) * scale)
            let joined = t - w + m
            withScratch(joined) { joinedPointer in
                for f in 0..<c {
                    for s in 0..<start { joinedPointer[s] = input[s * c + f] }
                    if m > 0 {
                        Resampling.stretch(input + start * c + f, stride: c, count: w, from: 0, to: Double(w - 1),
                                           into: joinedPointer + start, outStride: 1, outCount: m)
                    }
                    for s in (start + w)..<t { joinedPointer[s - w + m] = input[s * c + f] }
                    Resampling.stretch(UnsafePointer(joinedPointer), stride: 1, count: joined, from: 0,
                                       to: Double(joined - 1), into: output + f, outStride: c, outCount: t)
                }
            }
        }
    }
}
