// Sums, means, maxima and norms over axes. `reduceSum` is the one raw reduction loop; the ops around it add shapes
// and gradients.

extension Tensor {
    /// Raw sum over `axes` keeping them as extent-1 axes (no graph). Accumulates in Double.
    func reduceSum(axes: [Int]) -> Tensor {
        let axes = Set(axes.map { axis($0) })
        let outShape = shape.enumerated().map { axes.contains($0.offset) ? 1 : $0.element }
        let out = Tensor(uninitialized: outShape)
        let src = pointer, dst = out.pointer
        if axes.count == rank || out.count == 1 {
            // Everything: partial sums over fixed chunks (not one per thread), so the result does not depend on the
            // thread count, which another part of the process may change meanwhile.
            let parts = Swift.max(1, Swift.min(64, count / parallelGrain))
            var partial = [Double](repeating: 0, count: parts)
            partial.withUnsafeMutableBufferPointer { pp in
                parallelFor(parts) { p in
                    var s = 0.0
                    for i in (count * p / parts)..<(count * (p + 1) / parts) { s += Double(src[i]) }
                    pp[p] = s
                }
            }
            dst[0] = Float(partial.reduce(0, +))
            return out
        }
        // Kept axes forming one contiguous block (bias gradients: [B, C, L] → [1, C, 1]): view the input as
        // [outer, kept, inner] and sum contiguous runs.
        let kept = (0..<rank).filter { !axes.contains($0) }
        if let first = kept.first, let last = kept.last, last - first + 1 == kept.count {
            let outer = shape[..<first].reduce(1, *), inner = shape[(last + 1)...].reduce(1, *)
            let k = out.count
            var acc = [Double](repeating: 0, count: k)
            acc.withUnsafeMutableBufferPointer { a in
                for o in 0..<outer {
                    let base = src + o * k * inner
                    if inner == 1 {
                        for c in 0..<k { a[c] += Double(base[c]) }
                    } else {
                        for c in 0..<k {
                            var run: Float = 0
                            let row = base + c * inner
                            for z in 0..<inner { run += row[z] }
                            a[c] += Double(run)
                        }
                    }
                }
            }
            for i in 0..<k { dst[i] = Float(acc[i]) }
            return out
        }
        // Otherwise the general walk maps each input element to its output slot.
        var acc = [Double](repeating: 0, count: out.count)
        let outStrides = Tensor.strides(of: outShape)
        let walkStrides = (0..<rank).map { axes.contains($0) ? 0 : outStrides[$0] }
        acc.withUnsafeMutableBufferPointer { a in
            stridedWalk(shape, walkStrides) { i, o in a[o] += Double(src[i]) }
        }
        for i in 0..<out.count { dst[i] = Float(acc[i]) }
        return out
    }

    /// Sum over `axes` (all axes when empty), dropping them unless `keepDims`.
    public func sum(axes: [Int] = [], keepDims: Bool = false) -> Tensor {
        let all = axes.isEmpty ? Array(0..<rank) : axes.map { axis($0) }
        let kept = reduceSum(axes: all)
        let outShape = keepDims ? kept.shape : shape.enumerated().filter { !all.contains($0.offset) }.map(\.element)
        let inShape = shape, keptShape = kept.shape
        return Tensor.record("sum", result: kept.reshapedUnchecked(outShape), inputs: [self]) { g, _, _ in
            [g.reshaped(keptShape).expanded(to: inShape)]
        }
    }

    /// Mean over `axes` (all axes when empty).
    public func mean(axes: [Int] = [], keepDims: Bool = false) -> Tensor {
        let all = axes.isEmpty ? Array(0..<rank) : axes.map { axis($0) }
        let n = all.reduce(1) { $0 * shape[$1] }
        return sum(axes: all, keepDims: keepDims) * (1 / Float(Swift.max(n, 1)))
    }

    /// Maximum over `axes` (all when empty). The gradient goes to the maximal elements (split evenly on ties).
    public func max(axes: [Int] = [], keepDims: Bool = false) -> Tensor {
        let all = axes.isEmpty ? Array(0..<rank) : axes.map { axis($0) }
        let set = Set(all)
        let keptShape = shape.enumerated().map { set.contains($0.offset) ? 1 : $0.element }
        let kept = Tensor.full(keptShape, -.infinity)
        let src = pointer, dst = kept.pointer
        let keptStrides = Tensor.strides(of: keptShape)
        stridedWalk(shape, (0..<rank).map { set.contains($0) ? 0 : keptStrides[$0] }) { i, o in
            if src[i] > dst[o] { dst[o] = src[i] }
        }
        let outShape = keepDims ? keptShape : shape.enumerated().filter { !set.contains($0.offset) }.map(\.element)
        let x = self
        return Tensor.record("max", result: kept.reshapedUnchecked(outShape), inputs: [self]) { g, _, _ in
            let isMax = x.detached.zipMap(kept, Equality())
            let ties = isMax.reduceSum(axes: all)
            return [(g.reshaped(keptShape) / ties).expanded(to: x.shape) * isMax]
        }
    }

    /// Euclidean norm over `axes` (all when empty): `sqrt(sum(x²))`. Differentiable twice away from zero.
    public func norm(axes: [Int] = [], keepDims: Bool = false) -> Tensor {
        squared().sum(axes: axes, keepDims: keepDims).sqrt()
    }

    /// Variance over `axes` (population, divides by n).
    public func variance(axes: [Int], keepDims: Bool = false) -> Tensor {
        let mu = mean(axes: axes, keepDims: true)
        return (self - mu).squared().mean(axes: axes, keepDims: keepDims)
    }
}
