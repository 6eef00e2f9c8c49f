import Foundation
import TensorCore

/// MiniRocket's features (Dempster, Schmidt and Webb 2021): a fixed set of convolution kernels at several dilations,
/// and for each kernel and dilation the proportion of positive values (PPV) of its output minus a few biases.
///
/// As the reference: the 84 kernels of length 9 whose weights are −1 with 2 at three of the nine taps; dilations
/// `⌊2^e⌋` for `e` evenly spaced in `[0, log2((T − 1)/8)]`, the features shared evenly between them; for kernel k of
/// dilation i, zero padding of `4·d` on both sides when `(i + k)` is even, else only the positions where the kernel
/// fits. The biases of each kernel and dilation are quantiles (at `(j·φ) mod 1`, φ the golden ratio) of its output
/// on one training series drawn at random. Multivariate series: each kernel and dilation sums the convolution over a
/// random subset of the channels, 1 to 9 of them (MiniRocket's multivariate variant).
public struct RandomConvolutionFeatures: Sendable {
    struct Kernel: Sendable {
        var taps: (Int, Int, Int)
        var dilation: Int
        var padded: Bool
        var channels: [Int]
        var biases: [Float]
    }

    let kernels: [Kernel]
    public let length: Int
    public let channels: Int
    /// Features per series (the sum of the kernels' bias counts).
    public let featureCount: Int

    /// The 84 choices of the three taps of weight 2.
    static let tapSets: [(Int, Int, Int)] = (0..<9).flatMap { a in
        (a + 1..<9).flatMap { b in (b + 1..<9).map { c in (a, b, c) } }
    }

    /// Fits the biases to `values` (`[count, length, channels]`, at least one series) with about `features` features
    /// (rounded down to a multiple of 84, at least 84).
    public init(fitting values: [Float], count: Int, length: Int, channels: Int, features: Int = 9_996,
                seed: UInt64 = 0) {
        precondition(count >= 1 && length >= 1 && channels >= 1 && values.count == count * length * channels,
                     "RandomConvolutionFeatures: \(values.count) values for [\(count), \(length), \(channels)]")
        self.length = length
        self.channels = channels
        var random = SeededGenerator(seed: seed, stream: [0x5EC])
        let perKernel = Swift.max(1, features / 84)
        let maxExponent = Swift.max(0, log2(Double(Swift.max(length - 1, 1)) / 8))
        let tries = Swift.min(perKernel, 32)
        var dilations: [(dilation: Int, count: Int)] = []
        for i in 0..<tries {
            let e = tries == 1 ? 0 : maxExponent * Double(i) / Double(tries - 1)
            let d = Int(pow(2, e))
            if let last = dilations.last, last.dilation == d { dilations[dilations.count - 1].count += 1 }
            else { dilations.append((d, 1)) }
        }
        // Features per dilation: proportional to how often it came up, then the remainder to the smallest.
        let total = dilations.reduce(0) { $0 + $1.count }
        var perDilation = dilations.map { perKernel * $0.count / total }
        perDilation[0] += perKernel - perDilation.reduce(0, +)
        var kernels: [Kernel] = []
        var quantileIndex = 0
        let phi = (1 + 5.0.squareRoot()) / 2
        var output = [Float](repeating: 0, count: length)
        for (i, (d, _)) in dilations.enumerated() where perDilation[i] > 0 {
            for (k, taps) in Self.tapSets.enumerated() {
                let most = Swift.min(channels, 9)
                let subsetSize = Swift.min(most, Swift.max(1, Int(pow(2, random.uniform(0, log2(Double(most) + 1))))))
                var all = Array(0..<channels)
                random.shuffle(&all)
                var kernel = Kernel(taps: taps, dilation: d, padded: (i + k) % 2 == 0,
                                    channels: Array(all.prefix(subsetSize)).sorted(), biases: [])
                let example = random.int(below: count)
                let valid = Self.convolve(kernel, series: values, offset: example * length * channels, length: length,
                                          channels: channels, into: &output)
                let sorted = output[valid].sorted()
                kernel.biases = (0..<perDilation[i]).map { _ in
                    quantileIndex += 1
                    let q = (Double(quantileIndex) * phi).truncatingRemainder(dividingBy: 1)
                    return Self.quantile(sorted, q)
                }
                kernels.append(kernel)
            }
        }
        self.kernels = kernels
        featureCount = kernels.reduce(0) { $0 + $1.biases.count }
    }

    /// The features of `values` (`[count, length, channels]` as fitted), `[count, featureCount]` row-major.
    public func transform(_ values: [Float], count: Int) -> [Double] {
        precondition(values.count == count * length * channels, "RandomConvolutionFeatures: wrong input size")
        var features = [Double](repeating: 0, count: count * featureCount)
        let (length, channels, featureCount, kernels) = (self.length, self.channels, self.featureCount, self.kernels)
        features.withUnsafeMutableBufferPointer { out in
            parallelRanges(count) { series in
                var output = [Float](repeating: 0, count: length)
                for n in series {
                    var f = n * featureCount
                    for kernel in kernels {
                        let valid = Self.convolve(kernel, series: values, offset: n * length * channels, length: length,
                                                  channels: channels, into: &output)
                        let width = Double(valid.count)
                        for bias in kernel.biases {
                            var positive = 0
                            for t in valid where output[t] > bias { positive += 1 }
                            out[f] = Double(positive) / width
                            f += 1
                        }
                    }
                }
            }
        }
        return features
    }

    /// Writes `kernel`'s output on the series at `offset` into `output` and returns the positions it covers: all of
    /// them with padding, else those where the kernel fits inside the series (all of them if it never fits).
    static func convolve(_ kernel: Kernel, series: [Float], offset: Int, length: Int, channels: Int,
                         into output: inout [Float]) -> Range<Int> {
        let d = kernel.dilation, (a, b, c) = kernel.taps
        series.withUnsafeBufferPointer { x in
            output.withUnsafeMutableBufferPointer { out in
                for t in 0..<length {
                    // Σ_j w_j x[t + (j − 4)d] with w = −1 + 3·[j ∈ taps], zero outside the series.
                    var sum: Float = 0, chosen: Float = 0
                    for j in 0..<9 {
                        let s = t + (j - 4) * d
                        guard s >= 0 && s < length else { continue }
                        var v: Float = 0
                        for ch in kernel.channels { v += x[offset + s * channels + ch] }
                        sum += v
                        if j == a || j == b || j == c { chosen += v }
                    }
                    out[t] = 3 * chosen - sum
                }
            }
        }
        let reach = 4 * d
        return kernel.padded || 2 * reach >= length ? 0..<length : reach..<(length - reach)
    }

    /// The `q` quantile of ascending `sorted` with linear interpolation (NumPy's default).
    static func quantile(_ sorted: [Float], _ q: Double) -> Float {
        let position = q * Double(sorted.count - 1)
        let low = Int(position), high = Swift.min(low + 1, sorted.count - 1)
        let w = Float(position - Double(low))
        return sorted[low] * (1 - w) + sorted[high] * w
    }
}
