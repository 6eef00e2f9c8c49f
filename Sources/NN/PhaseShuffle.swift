import TensorCore

/// WaveGAN's phase shuffle: shifts a `[B, C, L]` signal along time by a random integer in `[−radius, radius]`,
/// filling the vacated samples by reflection, so the critic cannot key on the generator's periodic artefacts.
///
/// As in the reference code, one shift is drawn per call for the whole batch (`perExample: false`); `perExample`
/// draws one per example, as common PyTorch ports do (under a `BatchSplit`, this process's rows of the whole batch's).
public struct PhaseShuffle: Sendable {
    public let radius: Int
    public let perExample: Bool

    public init(radius: Int = 2, perExample: Bool = false) {
        self.radius = radius
        self.perExample = perExample
    }

    /// Source index of output sample t for shift k: `t − k`, reflected into `0..<length`.
    public static func indices(length: Int, shift k: Int) -> [Int] {
        (0..<length).map { t in
            var j = t - k
            if j < 0 { j = -j }
            if j >= length { j = 2 * (length - 1) - j }
            return j
        }
    }

    public func callAsFunction(_ x: Tensor, using g: inout SeededGenerator) -> Tensor {
        guard radius > 0, x.shape[2] > radius else { return x }
        let length = x.shape[2]
        if !perExample {
            let k = g.int(below: 2 * radius + 1) - radius
            return k == 0 ? x : x.gathered(axis: 2, indices: PhaseShuffle.indices(length: length, shift: k))
        }
        let shifts = BatchSplit.draw(count: x.shape[0], using: &g) { $0.int(below: 2 * radius + 1) - radius }
        let rows = (0..<x.shape[0]).map { b -> Tensor in
            let k = shifts[b]
            let one = x.sliced(axis: 0, b..<(b + 1))
            return k == 0 ? one : one.gathered(axis: 2, indices: PhaseShuffle.indices(length: length, shift: k))
        }
        return Tensor.concatenated(rows, axis: 0)
    }
}
