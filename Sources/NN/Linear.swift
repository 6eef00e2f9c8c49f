import TensorCore

/// A fully connected layer: `y = x·Wᵀ + b` with `weight` `[out, in]` (PyTorch's layout).
public final class Linear: Module {
    public let weight: Parameter
    public let bias: Parameter?

    public init(_ inFeatures: Int, _ outFeatures: Int, bias useBias: Bool = true, using g: inout SeededGenerator) {
        weight = Parameter(Initialization.defaultWeight([outFeatures, inFeatures], fanIn: inFeatures, using: &g))
        bias = useBias ? Parameter(Initialization.defaultBias(outFeatures, fanIn: inFeatures, using: &g)) : nil
        super.init()
    }

    public var inFeatures: Int { weight.shape[1] }
    public var outFeatures: Int { weight.shape[0] }

    /// `x` `[N, in]` → `[N, out]`. Throws when the feature count is wrong.
    public func callAsFunction(_ x: Tensor) throws -> Tensor {
        guard x.rank == 2, x.shape[1] == inFeatures else {
            throw TensorError.shapeMismatch("Linear(\(inFeatures) → \(outFeatures)) got input \(x.shape)")
        }
        let y = x.matmul(weight.value, transposeOther: true)
        return bias.map { y + $0.value } ?? y
    }
}

/// A lookup table: row i of `weight` `[count, dimension]` for each index.
public final class Embedding: Module {
    public let weight: Parameter

    public init(_ count: Int, _ dimension: Int, using g: inout SeededGenerator) {
        weight = Parameter(Tensor.normal([count, dimension], using: &g))
        super.init()
    }

    /// Rows for `indices` → `[indices.count, dimension]`. Throws on an index out of range.
    public func callAsFunction(_ indices: [Int]) throws -> Tensor {
        let n = weight.shape[0]
        if let bad = indices.first(where: { $0 < 0 || $0 >= n }) {
            throw TensorError.invalidArgument("embedding index \(bad) outside 0..<\(n)")
        }
        return weight.value.gathered(axis: 0, indices: indices)
    }
}
