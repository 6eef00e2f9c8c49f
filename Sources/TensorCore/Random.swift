import Foundation

/// SwiftGAN's one seeded pseudo-random generator: xoshiro256**, seeded through SplitMix64.
///
/// Randomness is explicit: every random tensor, shuffle and augmentation draws from one of these. Streams are derived,
/// not shared: `SeededGenerator(seed: s, stream: [copy, index])` gives sample `index` its own sequence, so a result
/// for one sample does not depend on the batch size, on the order samples are processed in, or on the thread count.
/// The draws use only integer arithmetic and IEEE operations, so a seed gives the same numbers on every machine.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Hashable, Codable {
    private var s0, s1, s2, s3: UInt64

    /// A generator for `seed`, optionally on a sub-stream named by a path of integers.
    public init(seed: UInt64, stream: [Int] = []) {
        var key = SeededGenerator.splitMix(seed)
        for part in stream {
            key = SeededGenerator.splitMix(key ^ SeededGenerator.splitMix(UInt64(bitPattern: Int64(part))))
        }
        var state = key
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            return SeededGenerator.splitMix(state)
        }
        s0 = next(); s1 = next(); s2 = next(); s3 = next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }
    }

    /// The four words of state (saved in checkpoints so a resumed run continues the same sequence).
    public var state: [UInt64] { [s0, s1, s2, s3] }

    /// Restores a generator from `state` (four words, not all zero).
    public init?(state: [UInt64]) {
        guard state.count == 4, state.contains(where: { $0 != 0 }) else { return nil }
        (s0, s1, s2, s3) = (state[0], state[1], state[2], state[3])
    }

    public init(from decoder: Decoder) throws {
        let words = try [UInt64](from: decoder)
        guard let g = SeededGenerator(state: words) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "a generator state is four words, not all zero"))
        }
        self = g
    }

    public func encode(to encoder: Encoder) throws { try state.encode(to: encoder) }

    /// SplitMix64's finaliser: a bijective mix of 64 bits.
    @inline(__always)
    static func splitMix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The next 64 random bits.
    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    // MARK: Double draws (uniform and normal ones: see the extension below)

    /// Uniform on [low, high).
    public mutating func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * uniform() }

    /// Uniform integer in `0..<bound` (Lemire's multiply-shift with rejection, so without bias).
    public mutating func int(below bound: Int) -> Int {
        precondition(bound > 0, "int(below:) needs a positive bound")
        let b = UInt64(bound)
        var m = next().multipliedFullWidth(by: b)
        if m.low < b {
            let threshold = (0 &- b) % b
            while m.low < threshold { m = next().multipliedFullWidth(by: b) }
        }
        return Int(m.high)
    }

    /// Normal draw with the given mean and standard deviation.
    public mutating func normal(mean: Double, std: Double) -> Double { mean + std * normal() }

    /// Gamma(shape, 1) draw (Marsaglia & Tsang 2000; shapes below 1 use the `U^(1/shape)` boost).
    public mutating func gamma(shape: Double) -> Double {
        precondition(shape > 0, "gamma shape must be positive")
        if shape < 1 { return gamma(shape: shape + 1) * Foundation.pow(uniform(), 1 / shape) }
        let d = shape - 1.0 / 3.0, c = 1 / (9 * d).squareRoot()
        while true {
            var x = 0.0, v = 0.0
            repeat {
                x = normal()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = uniform()
            if u < 1 - 0.0331 * x * x * x * x { return d * v }
            if Foundation.log(u) < 0.5 * x * x + d * (1 - v + Foundation.log(v)) { return d * v }
        }
    }

    /// Beta(a, b) draw as `X / (X + Y)` with `X ~ Gamma(a)`, `Y ~ Gamma(b)`.
    public mutating func beta(_ a: Double, _ b: Double) -> Double {
        let x = gamma(shape: a), y = gamma(shape: b)
        return x + y > 0 ? x / (x + y) : 0.5
    }

    /// Shuffles `array` in place (Fisher–Yates).
    public mutating func shuffle<T>(_ array: inout [T]) {
        if array.count < 2 { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) { array.swapAt(i, int(below: i + 1)) }
    }

    // MARK: Float draws (tensor fills)

    /// Uniform in [0, 1) with 24 bits of resolution.
    @inline(__always)
    public mutating func nextUniform() -> Float { Float(next() >> 40) * 0x1.0p-24 }

    /// Standard normal in single precision.
    @inline(__always)
    public mutating func nextNormal() -> Float { Float(normal()) }
}

/// SwiftGAN's one implementation of each basic draw, for any generator (the data layers take a generic
/// `RandomNumberGenerator`; SwiftGAN passes `SeededGenerator`).
extension RandomNumberGenerator {
    /// Uniform on [0, 1) with 53 random bits.
    @inlinable @inline(__always)
    public mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Standard normal draw (Box–Muller; one value per call).
    @inlinable
    public mutating func normal() -> Double {
        let u1 = 1 - uniform()  // (0, 1]
        let u2 = uniform()
        return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
    }

    /// Fills `count` values with standard normals in single precision: Box–Muller pairs (the cosine and sine of one
    /// pair of 23- and 24-bit uniforms), so two values cost one logarithm. Used for latent vectors.
    public mutating func fillNormals(_ out: UnsafeMutablePointer<Float>, count: Int) {
        for j in stride(from: 0, to: count, by: 2) {
            let u1 = (Float(next() >> 41) + 0.5) * 0x1.0p-23, u2 = Float(next() >> 40) * 0x1.0p-24
            let r = (-2 * Foundation.log(u1)).squareRoot(), angle = 2 * Float.pi * u2
            out[j] = r * Foundation.cos(angle)
            if j + 1 < count { out[j + 1] = r * Foundation.sin(angle) }
        }
    }

    /// An index drawn with probability proportional to `weights` (non-negative, not all zero).
    public mutating func index(weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        var u = uniform() * total
        for (i, w) in weights.enumerated() {
            u -= w
            if u < 0 { return i }
        }
        return weights.lastIndex { $0 > 0 } ?? 0
    }
}
