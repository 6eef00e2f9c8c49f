// The raw loops behind elementwise ops: map one tensor, or combine two with broadcasting. No graph here.

/// Elements per parallel chunk below which a loop stays on one thread.
let parallelGrain = 1 << 16

extension Tensor {
    /// `f` applied to every element (no gradient).
    @inline(__always)
    public func map(_ f: (Float) -> Float) -> Tensor {
        let out = Tensor(uninitialized: shape)
        let src = pointer, dst = out.pointer
        parallelRanges(count, minimum: parallelGrain) { r in
            for i in r { dst[i] = f(src[i]) }
        }
        return out
    }

    /// `f` applied to every element (no gradient), for a function given as a type: the loop specialises for it and
    /// vectorises, where a closure captured by the parallel loop stays an indirect call per element.
    @inline(__always)
    public func map<F: ElementFunction>(_ f: F) -> Tensor {
        let out = Tensor(uninitialized: shape)
        let src = pointer, dst = out.pointer
        parallelRanges(count, minimum: parallelGrain) { r in
            for i in r { dst[i] = f(src[i]) }
        }
        return out
    }

    /// `f` combining corresponding elements of `self` and `other` after broadcasting (no gradient). `f` is a type,
    /// so every loop below specialises for it and vectorises.
    @inline(__always)
    public func zipMap<F: BinaryElementFunction>(_ other: Tensor, _ f: F) -> Tensor {
        let a = pointer, b = other.pointer
        if shape == other.shape {
            let out = Tensor(uninitialized: shape)
            let dst = out.pointer
            parallelRanges(count, minimum: parallelGrain) { r in
                for i in r { dst[i] = f(a[i], b[i]) }
            }
            return out
        }
        if other.count == 1 && rank >= other.rank {
            let s = b[0]
            let out = Tensor(uninitialized: shape)
            let dst = out.pointer
            parallelRanges(count, minimum: parallelGrain) { r in
                for i in r { dst[i] = f(a[i], s) }
            }
            return out
        }
        if count == 1 && other.rank >= rank {
            let s = a[0]
            let out = Tensor(uninitialized: other.shape)
            let dst = out.pointer
            parallelRanges(other.count, minimum: parallelGrain) { r in
                for i in r { dst[i] = f(s, b[i]) }
            }
            return out
        }
        let outShape: [Int]
        do { outShape = try Tensor.broadcastShape(shape, other.shape) } catch { preconditionFailure("\(error)") }
        let out = Tensor(uninitialized: outShape)
        let dst = out.pointer
        if out.count == 0 { return out }
        let sa = Tensor.broadcastStrides(shape, to: outShape), sb = Tensor.broadcastStrides(other.shape, to: outShape)
        // Rows along the last axis: their starts come from a walk over the other axes, their loops are unit-stride or
        // broadcast a scalar (a bias [1, C, 1] against [B, C, L]), so they vectorise.
        let inner = outShape.last!, ia = sa.last!, ib = sb.last!, rows = out.count / inner
        let start = UnsafeMutablePointer<Int>.allocate(capacity: 2 * rows)  // [rows, 2]: offsets in a and b
        defer { start.deallocate() }
        stridedWalk2(Array(outShape.dropLast()), Array(sa.dropLast()), Array(sb.dropLast())) { o, i, j in
            start[2 * o] = i
            start[2 * o + 1] = j
        }
        parallelRanges(rows, minimum: Swift.max(1, parallelGrain / inner)) { range in
            for row in range {
                let d = dst + row * inner, x = a + start[2 * row], y = b + start[2 * row + 1]
                switch (ia, ib) {
                case (1, 1): for t in 0..<inner { d[t] = f(x[t], y[t]) }
                case (1, 0): let s = y[0]; for t in 0..<inner { d[t] = f(x[t], s) }
                case (0, 1): let s = x[0]; for t in 0..<inner { d[t] = f(s, y[t]) }
                default: for t in 0..<inner { d[t] = f(x[t * ia], y[t * ib]) }
                }
            }
        }
        return out
    }

    /// `f` combining three tensors of the same shape element by element (no gradient).
    @inline(__always)
    func zipMap3(_ b: Tensor, _ c: Tensor, _ f: (Float, Float, Float) -> Float) -> Tensor {
        precondition(shape == b.shape && shape == c.shape)
        let out = Tensor(uninitialized: shape)
        let x = pointer, y = b.pointer, z = c.pointer, dst = out.pointer
        parallelRanges(count, minimum: parallelGrain) { r in
            for i in r { dst[i] = f(x[i], y[i], z[i]) }
        }
        return out
    }
}
