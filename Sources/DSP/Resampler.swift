import Foundation
import TensorCore

/// Band-limited sample-rate conversion by a rational factor `up / down`, with a Kaiser-windowed sinc kernel in
/// polyphase form.
///
/// Output sample `j` sits at input time `tⱼ = j · down / up` and is `Σₖ x[k] · h(tⱼ − k)`, where
/// `h(τ) = 2f꜀ · sinc(2f꜀τ) · kaiser(τ / halfWidth, β)` and samples outside the signal count as zero.
/// With `B = ½ · min(1, up/down)` cycles per input sample (the lower of the two Nyquist frequencies):
/// - passband edge `0.9 B`, stopband edge `B` (nothing above the new Nyquist frequency survives to alias),
///   cut-off `f꜀ = 0.95 B`;
/// - stopband attenuation 100 dB (Kaiser `β = 0.1102 (A − 8.7)`, length `(A − 7.95) / (14.36 Δf)`).
///
/// The kernel is tabulated at `min(up, 4096)` phases. When `up ≤ 4096` (every ratio between the usual audio rates)
/// each output uses an exact phase; otherwise coefficients are interpolated linearly between neighbouring phases
/// (error below −140 dB). Each phase row is scaled to sum to one, so DC passes with unit gain.
public struct Resampler: Sendable {
    /// Interpolation factor (reduced).
    public let up: Int
    /// Decimation factor (reduced).
    public let down: Int
    /// Taps per output sample.
    public let taps: Int
    private let phases: Int
    /// `[phases + 1, taps]`: row `p` holds `h(p/phases + taps/2 − 1 − i)` for `i` in `0..<taps`.
    private let table: [Float]

    /// Stopband attenuation in dB.
    public static let attenuation = 100.0
    /// Passband edge as a fraction of the lower Nyquist frequency.
    public static let passband = 0.9

    /// A converter from `inputRate` to `outputRate` (Hz).
    public init(from inputRate: Int, to outputRate: Int) throws {
        guard inputRate > 0, outputRate > 0 else {
            throw DSPError.invalidParameter("sample rates must be positive, got \(inputRate) → \(outputRate) Hz")
        }
        let g = Resampler.gcd(inputRate, outputRate)
        try self.init(up: outputRate / g, down: inputRate / g)
    }

    /// A converter that multiplies the sample rate by `ratio` (output samples per input sample), approximated by the
    /// nearest fraction with a denominator up to 65536 (relative error below 1e-9 for ratios near 1).
    public init(ratio: Double) throws {
        guard ratio.isFinite, ratio > 1e-4, ratio < 1e4 else {
            throw DSPError.invalidParameter("resampling ratio must be in (1e-4, 1e4), got \(ratio)")
        }
        let (p, q) = Resampler.nearestFraction(ratio, maxDenominator: 65536)
        try self.init(up: p, down: q)
    }

    private init(up: Int, down: Int) throws {
        let g = Resampler.gcd(up, down)
        self.up = up / g
        self.down = down / g
        let band = 0.5 * min(1, Double(self.up) / Double(self.down))  // cycles per input sample
        let transition = (1 - Resampler.passband) * band
        let cutoff = band - transition / 2
        let a = Resampler.attenuation
        let beta = 0.1102 * (a - 8.7)
        let halfWidth = (a - 7.95) / (14.36 * transition) / 2
        let half = Int(halfWidth.rounded(.up))
        taps = 2 * half
        phases = min(self.up, 4096)
        guard taps * (phases + 1) <= 1 << 22 else {
            throw DSPError.invalidParameter(
                "resampling by \(self.up)/\(self.down) needs a \(taps)-tap kernel; the ratio is too extreme "
                    + "(check the sample rates)")
        }
        var table = [Float](repeating: 0, count: (phases + 1) * taps)
        for p in 0...phases {
            let frac = Double(p) / Double(phases)
            var row = [Double](repeating: 0, count: taps)
            for i in 0..<taps {
                let tau = frac + Double(half - 1 - i)
                let x = 2 * cutoff * tau
                let sinc = x == 0 ? 1 : sin(Double.pi * x) / (Double.pi * x)
                row[i] = 2 * cutoff * sinc * kaiser(tau / halfWidth, beta: beta)
            }
            let sum = row.reduce(0, +)
            for i in 0..<taps { table[p * taps + i] = Float(row[i] / sum) }
        }
        self.table = table
    }

    /// Output samples for `inputLength` input samples: `⌈inputLength · up / down⌉`.
    public func outputLength(inputLength: Int) -> Int { (inputLength * up + down - 1) / down }

    /// Resamples one channel of `count` samples into `output` (`outputLength(inputLength: count)` samples).
    /// The work is split across cores.
    public func process(_ input: UnsafePointer<Float>, count: Int, output: UnsafeMutablePointer<Float>) {
        let outCount = outputLength(inputLength: count)
        if up == down {
            output.update(from: input, count: count)
            return
        }
        let half = taps / 2, taps = self.taps, up = self.up, down = self.down, phases = self.phases
        table.withUnsafeBufferPointer { tb in
            let table = tb.baseAddress!
            parallelRanges(outCount, minimum: 2048) { range in
                withScratch(taps) { window in
                    for j in range {
                        let position = j * down
                        let base = position / up, remainder = position % up
                        let scaled = remainder * phases
                        let row = table + (scaled / up) * taps
                        let start = base - half + 1
                        // Input samples start..<start + taps, zero outside the signal.
                        var src = input + start
                        if start < 0 || start + taps > count {
                            for i in 0..<taps {
                                let k = start + i
                                window[i] = k >= 0 && k < count ? input[k] : 0
                            }
                            src = UnsafePointer(window)
                        }
                        var y = dot(src, row, taps)
                        let weight = scaled % up
                        if weight != 0 {
                            let next = dot(src, row + taps, taps)
                            y += (next - y) * Float(weight) / Float(up)
                        }
                        output[j] = y
                    }
                }
            }
        }
    }

    /// Resamples one channel.
    public func process(_ input: [Float]) -> [Float] {
        var out = [Float](repeating: 0, count: outputLength(inputLength: input.count))
        input.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { y in process(x.baseAddress!, count: x.count, output: y.baseAddress!) }
        }
        return out
    }

    /// Resamples `channels` planes stored back to back in `input` (`[channels, frames]`) into
    /// `[channels, outputLength(frames)]`.
    public func process(planar input: [Float], channels: Int) throws -> [Float] {
        guard channels > 0, input.count % channels == 0 else {
            throw DSPError.shapeMismatch("\(input.count) samples do not split into \(channels) channels")
        }
        let frames = input.count / channels, outFrames = outputLength(inputLength: frames)
        var out = [Float](repeating: 0, count: channels * outFrames)
        input.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { y in
                for c in 0..<channels {
                    process(x.baseAddress! + c * frames, count: frames, output: y.baseAddress! + c * outFrames)
                }
            }
        }
        return out
    }

    static func gcd(_ a: Int, _ b: Int) -> Int {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }

    /// The best rational approximation `p / q` of `x` with `q ≤ maxDenominator` (continued fractions).
    static func nearestFraction(_ x: Double, maxDenominator: Int) -> (Int, Int) {
        var (p0, q0, p1, q1) = (0, 1, 1, 0)
        var value = x
        while true {
            let a = Int(value.rounded(.down))
            let (p2, q2) = (a * p1 + p0, a * q1 + q0)
            if q2 > maxDenominator { break }
            (p0, q0, p1, q1) = (p1, q1, p2, q2)
            let rest = value - Double(a)
            if rest < 1e-12 { break }
            value = 1 / rest
        }
        return (p1, q1)
    }
}
