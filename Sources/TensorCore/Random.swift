import Foundation

/// A seeded pseudo-random generator (xoshiro256**, seeded through SplitMix64).
///
/// Every random tensor in SwiftGAN is drawn from one of these, sequentially, so results depend only on the seed —
/// never on the thread count. `derived(_:)` makes an independent stream for, e.g., sample index i, so that sample i
/// is the same whatever the batch it is generated in.
public struct SeededGenerator: RandomNumberGenerator, Codable, Hashable, Sendable {
    /// The four words of generator state (saved in checkpoints so a resumed run continues the same stream).
    public private(set) var state: [UInt64]

    public init(seed: UInt64) {
        var sm = seed
        state = (0..<4).map { _ in SeededGenerator.splitMix(&sm) }
        if state.allSatisfy({ $0 == 0 }) { state[0] = 1 }
    }

    /// Restores a generator from `state` (four words, not all zero).
    public init?(state: [UInt64]) {
        guard state.count == 4, state.contains(where: { $0 != 0 }) else { return nil }
        self.state = state
    }

    /// An independent generator for stream `index` of this seed: a pure function of (seed state, index).
    public func derived(_ index: UInt64) -> SeededGenerator {
        var sm = state[0] ^ (state[1] &* 0x9E37_79B9_7F4A_7C15) ^ (index &* 0xD1B5_4A32_D192_ED03)
        _ = SeededGenerator.splitMix(&sm)
        return SeededGenerator(seed: SeededGenerator.splitMix(&sm) ^ index)
    }

    @inline(__always)
    static func splitMix(_ x: inout UInt64) -> UInt64 {
        x &+= 0x9E37_79B9_7F4A_7C15
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = ((state[1] &* 5) << 7 | (state[1] &* 5) >> 57) &* 9
        let t = state[1] << 17
        state[2] ^= state[0]
        state[3] ^= state[1]
        state[1] ^= state[2]
        state[0] ^= state[3]
        state[2] ^= t
        state[3] = (state[3] << 45) | (state[3] >> 19)
        return result
    }

    /// Uniform in [0, 1) with 24 bits of resolution.
    @inline(__always)
    public mutating func nextUniform() -> Float {
        Float(next() >> 40) * (1.0 / 16_777_216.0)
    }

    /// Uniform in [0, 1) with 53 bits of resolution.
    @inline(__always)
    public mutating func nextDouble() -> Double {
        Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// Standard normal (Box–Muller, one value per call).
    @inline(__always)
    public mutating func nextNormal() -> Float {
        var u1 = nextDouble()
        while u1 <= 1e-300 { u1 = nextDouble() }
        let u2 = nextDouble()
        return Float((-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2))
    }

    /// An integer uniform in `0..<n`.
    @inline(__always)
    public mutating func nextInt(_ n: Int) -> Int {
        Int(next() % UInt64(max(n, 1)))
    }
}
