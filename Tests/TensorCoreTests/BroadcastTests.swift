import Testing
import TensorCore

/// Broadcasting element-wise ops against a naive loop over the output's indices.
@Suite struct BroadcastTests {
    /// `[a-shape, b-shape]` pairs covering every row form: a bias `[1, C, 1]`, both sides broadcast, a scalar row
    /// on either side, and a last axis of length 1.
    static let pairs: [([Int], [Int])] = [
        ([3, 4, 5], [1, 4, 1]), ([3, 1, 5], [1, 4, 1]), ([4, 1], [1, 5]), ([1, 5], [4, 1]), ([2, 3, 1], [1, 3, 1]),
        ([2, 3, 4], [4]), ([1, 300, 300], [2, 300, 1]),
    ]

    static func naive(_ a: Tensor, _ b: Tensor, _ f: (Float, Float) -> Float) throws -> [Float] {
        let out = try Tensor.broadcastShape(a.shape, b.shape)
        let count = out.reduce(1, *)
        func offset(_ index: Int, in shape: [Int]) -> Int {
            var rest = index, result = 0, step = 1
            var strides = [Int](repeating: 0, count: shape.count)
            for d in stride(from: shape.count - 1, through: 0, by: -1) { strides[d] = step; step *= shape[d] }
            for d in stride(from: out.count - 1, through: 0, by: -1) {
                let i = rest % out[d]
                rest /= out[d]
                let e = d - (out.count - shape.count)
                if e >= 0 && shape[e] > 1 { result += i * strides[e] }
            }
            return result
        }
        let x = a.scalars, y = b.scalars
        return (0..<count).map { f(x[offset($0, in: a.shape)], y[offset($0, in: b.shape)]) }
    }

    @Test func broadcastOpsMatchANaiveLoop() throws {
        var g = SeededGenerator(seed: 7)
        for (sa, sb) in Self.pairs {
            let a = Tensor.uniform(sa, low: -1, high: 1, using: &g), b = Tensor.uniform(sb, low: 0.5, high: 2, using: &g)
            #expect((a + b).scalars == (try Self.naive(a, b, +)), "\(sa) + \(sb)")
            #expect((a * b).scalars == (try Self.naive(a, b, *)), "\(sa) * \(sb)")
            #expect((b - a).scalars == (try Self.naive(b, a, -)), "\(sb) - \(sa)")
            #expect((a / b).scalars == (try Self.naive(a, b, /)), "\(sa) / \(sb)")
        }
    }
}
