// Reshape and permute, and the gather/scatter pair along one axis that slicing, padding (zero and reflect),
// shifting and embedding lookups are all made of. Gather and scatter-add are linear and each other's gradient.

extension Tensor {
    /// The same elements under a new shape; one extent may be -1 (inferred).
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var s = newShape
        if let i = s.firstIndex(of: -1) {
            let known = s.enumerated().filter { $0.offset != i }.reduce(1) { $0 * $1.element }
            s[i] = known == 0 ? 0 : count / known
        }
        precondition(s.reduce(1, *) == count, "cannot reshape \(shape) to \(newShape)")
        if s == shape { return self }
        let old = shape
        return Tensor.record("reshape", result: reshapedUnchecked(s), inputs: [self]) { g, _, _ in [g.reshaped(old)] }
    }

    /// Axes reordered: result axis i is input axis `order[i]`.
    public func permuted(_ order: [Int]) -> Tensor {
        precondition(order.sorted() == Array(0..<rank), "bad permutation \(order) for shape \(shape)")
        if order == Array(0..<rank) { return self }
        let outShape = order.map { shape[$0] }
        let inStrides = strides
        let out = Tensor(uninitialized: outShape)
        let src = pointer, dst = out.pointer
        stridedWalk(outShape, order.map { inStrides[$0] }) { o, i in dst[o] = src[i] }
        var inverse = [Int](repeating: 0, count: rank)
        for (i, a) in order.enumerated() { inverse[a] = i }
        return Tensor.record("permute", result: out, inputs: [self]) { g, _, _ in [g.permuted(inverse)] }
    }

    /// A matrix's transpose (rank 2), or the last two axes swapped.
    public func transposed() -> Tensor {
        var order = Array(0..<rank)
        order.swapAt(rank - 1, rank - 2)
        return permuted(order)
    }

    /// Along `axis`, element j of the result is element `indices[j]` of the input, or 0 where `indices[j] < 0`.
    /// Slices, zero and reflect padding, shifts and row lookups are all this op.
    public func gathered(axis a: Int, indices: [Int]) -> Tensor {
        let ax = axis(a)
        let n = shape[ax]
        precondition(indices.allSatisfy { $0 < n }, "gather index out of range for extent \(n)")
        var outShape = shape
        outShape[ax] = indices.count
        let out = Tensor(uninitialized: outShape)
        let outer = shape[..<ax].reduce(1, *), inner = shape[(ax + 1)...].reduce(1, *)
        let src = pointer, dst = out.pointer, m = indices.count
        let runs = IndexRun.runs(of: indices)
        runs.withUnsafeBufferPointer { runs in
            parallelRanges(outer, minimum: Swift.max(1, parallelGrain / Swift.max(1, m * inner))) { r in
                for o in r {
                    let s = src + o * n * inner, d = dst + o * m * inner
                    for run in runs {
                        let to = d + run.position * inner, count = run.count * inner
                        if run.index >= 0 {
                            to.update(from: s + run.index * inner, count: count)
                        } else {
                            to.update(repeating: 0, count: count)
                        }
                    }
                }
            }
        }
        return Tensor.record("gather", result: out, inputs: [self]) { g, _, _ in
            [g.scatterAdded(axis: ax, indices: indices, length: n)]
        }
    }

    /// The adjoint of `gathered`: along `axis`, element j of this tensor is added into element `indices[j]` of a
    /// zero tensor with extent `length` there (entries with a negative index are dropped).
    public func scatterAdded(axis a: Int, indices: [Int], length n: Int) -> Tensor {
        let ax = axis(a)
        precondition(shape[ax] == indices.count, "scatter needs one index per element along axis \(ax)")
        var outShape = shape
        outShape[ax] = n
        let out = Tensor.zeros(outShape)
        let outer = shape[..<ax].reduce(1, *), inner = shape[(ax + 1)...].reduce(1, *)
        let src = pointer, dst = out.pointer, m = indices.count
        let runs = IndexRun.runs(of: indices)
        runs.withUnsafeBufferPointer { runs in
            parallelRanges(outer, minimum: Swift.max(1, parallelGrain / Swift.max(1, m * inner))) { r in
                for o in r {
                    let s = src + o * m * inner, d = dst + o * n * inner
                    for run in runs where run.index >= 0 {
                        let to = d + run.index * inner, from = s + run.position * inner
                        for k in 0..<(run.count * inner) { to[k] += from[k] }
                    }
                }
            }
        }
        return Tensor.record("scatterAdd", result: out, inputs: [self]) { g, _, _ in
            [g.gathered(axis: ax, indices: indices)]
        }
    }

    /// Elements `range` along `axis`.
    public func sliced(axis a: Int, _ range: Range<Int>) -> Tensor {
        let ax = axis(a)
        if range == 0..<shape[ax] { return self }
        return gathered(axis: ax, indices: Array(range))
    }

    /// Zero padding along `axis`.
    public func padded(axis a: Int, before: Int, after: Int) -> Tensor {
        let n = shape[axis(a)]
        return gathered(axis: a, indices: Array(repeating: -1, count: before) + Array(0..<n)
            + Array(repeating: -1, count: after))
    }

    /// Reflect padding along `axis` (edge not repeated, as NumPy's and PyTorch's "reflect"); pads must be < extent.
    public func reflectPadded(axis a: Int, before: Int, after: Int) -> Tensor {
        let n = shape[axis(a)]
        precondition(before < n && after < n, "reflect padding \(before)/\(after) needs more than \(n) elements")
        return gathered(axis: a, indices: Tensor.reflectIndices(length: n, before: before, after: after))
    }

    /// Source indices of reflect padding: `-before..<n+after` folded back into `0..<n`.
    public static func reflectIndices(length n: Int, before: Int, after: Int) -> [Int] {
        (-before..<(n + after)).map { i in
            var j = i
            if j < 0 { j = -j }
            if j >= n { j = 2 * (n - 1) - j }
            return j
        }
    }

    /// Tensors joined along `axis` (all other extents equal).
    public static func concatenated(_ parts: [Tensor], axis a: Int) -> Tensor {
        precondition(!parts.isEmpty, "concatenating no tensors")
        let ax = parts[0].axis(a)
        var outShape = parts[0].shape
        for p in parts.dropFirst() {
            precondition(p.rank == outShape.count && (0..<p.rank).allSatisfy { $0 == ax || p.shape[$0] == outShape[$0] },
                         "cannot concatenate \(p.shape) to \(outShape) along axis \(ax)")
        }
        outShape[ax] = parts.reduce(0) { $0 + $1.shape[ax] }
        let out = Tensor(uninitialized: outShape)
        let outer = outShape[..<ax].reduce(1, *), inner = outShape[(ax + 1)...].reduce(1, *)
        let total = outShape[ax]
        var start = 0
        var ranges: [Range<Int>] = []
        for p in parts {
            let len = p.shape[ax]
            for o in 0..<outer {
                (out.pointer + (o * total + start) * inner).update(from: p.pointer + o * len * inner, count: len * inner)
            }
            ranges.append(start..<(start + len))
            start += len
        }
        return record("concat", result: out, inputs: parts) { g, _, need in
            ranges.enumerated().map { need[$0.offset] ? g.sliced(axis: ax, $0.element) : nil }
        }
    }

    /// One-hot rows: `[indices.count, classes]` with a 1 at each index (a constant).
    public static func oneHot(_ indices: [Int], classes: Int) -> Tensor {
        let out = Tensor.zeros([indices.count, classes])
        for (i, c) in indices.enumerated() where c >= 0 && c < classes { out.pointer[i * classes + c] = 1 }
        return out
    }
}

/// A run of consecutive positions along the gathered axis whose indices are consecutive too (or all negative):
/// positions `position..<position+count` read `index..<index+count`, or zeros when `index` is negative. Gathers and
/// scatters copy whole runs, so slices, pads and shifts move memory in blocks instead of element by element.
struct IndexRun {
    var position: Int
    var index: Int
    var count: Int

    /// `indices` cut into maximal runs, in order.
    static func runs(of indices: [Int]) -> [IndexRun] {
        var runs: [IndexRun] = []
        for (j, i) in indices.enumerated() {
            if var last = runs.last,
               i < 0 ? last.index < 0 : last.index >= 0 && i == last.index + last.count {
                last.count += 1
                runs[runs.count - 1] = last
            } else {
                runs.append(IndexRun(position: j, index: i < 0 ? -1 : i, count: 1))
            }
        }
        return runs
    }
}
