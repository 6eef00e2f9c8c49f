import Foundation

/// Silence after the sound: a gate that zeroes the end of a clip once its level has fallen below a threshold for
/// good. One-shot recordings end in digital silence (or are zero-padded to the clip length), while a generator's
/// output keeps a faint noise floor after the sound has decayed.
///
/// A clip is read in blocks of `block` samples; a block's level is its RMS relative to the clip's peak, in dB. The
/// gate finds the last block above the threshold, fades out over its last `fade` samples and zeroes everything after
/// it. Nothing earlier changes, so quiet passages inside a sound are kept. The threshold is chosen from data
/// (`threshold(realOnsets:generatedLevels:length:)`): the level at which generated clips fall silent, on average,
/// where the real clips do.
public enum TailGate {
    /// Samples per level block (16 ms at 16 kHz).
    public static let block = 256
    /// Samples of the linear fade-out before the silence.
    public static let fade = 64

    /// Block levels of `clip` in dB relative to its peak (−∞ for silent blocks), `⌈clip.count / block⌉` values.
    public static func levels(_ clip: UnsafeBufferPointer<Float>) -> [Float] {
        let peak = clip.reduce(Float(0)) { max($0, abs($1)) }
        let blocks = (clip.count + block - 1) / block
        guard peak > 0 else { return [Float](repeating: -.infinity, count: blocks) }
        return (0..<blocks).map { b in
            let range = (b * block)..<min(clip.count, (b + 1) * block)
            let energy = range.reduce(Float(0)) { $0 + clip[$1] * clip[$1] } / Float(range.count)
            return energy > 0 ? 10 * log10(energy) - 20 * log10(peak) : -.infinity
        }
    }

    /// Where the final silence of `clip` begins: the index after its last non-zero sample (its length when the last
    /// sample is not zero, 0 when it is all zero).
    public static func silenceOnset(_ clip: UnsafeBufferPointer<Float>) -> Int {
        (clip.lastIndex { $0 != 0 } ?? -1) + 1
    }

    /// Where the gate at `threshold` makes a clip with block `levels` (of a clip of `length` samples) fall silent:
    /// after its last block above the threshold, and never before its loudest block (a clip is never silenced whole).
    public static func gatedOnset(levels: [Float], threshold: Float, length: Int) -> Int {
        guard let loudest = levels.indices.max(by: { levels[$0] < levels[$1] }), levels[loudest] > -.infinity
        else { return 0 }
        let last = levels.lastIndex { $0 > threshold } ?? loudest
        return min(length, (max(last, loudest) + 1) * block)
    }

    /// The threshold (dB re peak) at which generated clips (their block `levels`) fall silent at the same mean
    /// position as the real clips do (`realOnsets`, from `silenceOnset`), all clips `length` samples long. Nil when
    /// fewer than a tenth of the real clips are silent over their last sixteenth (the data has no silent tails to
    /// reproduce), or when the generated clips already fall silent no later than the real ones.
    public static func threshold(realOnsets: [Int], generatedLevels: [[Float]], length: Int) -> Float? {
        guard !realOnsets.isEmpty, !generatedLevels.isEmpty else { return nil }
        let silentTails = realOnsets.filter { $0 <= length - length / 16 }.count
        guard Double(silentTails) >= 0.1 * Double(realOnsets.count) else { return nil }
        let target = Double(realOnsets.reduce(0, +)) / Double(realOnsets.count)
        func meanOnset(_ t: Float) -> Double {
            Double(generatedLevels.reduce(0) { $0 + gatedOnset(levels: $1, threshold: t, length: length) })
                / Double(generatedLevels.count)
        }
        // The mean onset falls as the threshold rises; bisect for the target between −120 dB (no gating) and 0 dB.
        var low: Float = -120, high: Float = 0
        guard meanOnset(low) > target else { return nil }
        for _ in 0..<40 {
            let mid = (low + high) / 2
            if meanOnset(mid) > target { low = mid } else { high = mid }
        }
        return abs(meanOnset(low) - target) <= abs(meanOnset(high) - target) ? low : high
    }

    /// Applies the gate at `threshold` (dB re peak) to `clip` in place.
    public static func apply(_ clip: UnsafeMutableBufferPointer<Float>, threshold: Float) {
        let end = gatedOnset(levels: levels(UnsafeBufferPointer(clip)), threshold: threshold, length: clip.count)
        let start = max(0, end - fade)
        for i in start..<end { clip[i] *= Float(end - i) / Float(fade + 1) }
        for i in end..<clip.count { clip[i] = 0 }
    }
}
