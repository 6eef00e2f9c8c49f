// Broadcasting (NumPy rules) in one place: the shape rule, the strided walk every broadcasting kernel uses, and the
// pair of linear ops `expanded(to:)` / `summed(toShape:)` that are each other's gradient.

extension Tensor {
    /// The NumPy broadcast of two shapes; throws when an axis differs and neither extent is 1.
    public static func broadcastShape(_ a: [Int], _ b: [Int]) throws -> [Int] {
        let r = Swift.max(a.count, b.count)
        var out = [Int](repeating: 1, count: r)
        for i in 0..<r {
            let x = i < r - a.count ? 1 : a[i - (r - a.count)]
            let y = i < r - b.count ? 1 : b[i - (r - b.count)]
            guard x == y || x == 1 || y == 1 else {
                throw TensorError.shapeMismatch("shapes \(a) and \(b) do not broadcast")
            }
            out[i] = x == 1 ? y : x
        }
        return out
    }

    /// Strides of a tensor of `shape` read as a tensor of `outShape` (0 along broadcast axes).
    static func broadcastStrides(_ shape: [Int], to outShape: [Int]) -> [Int] {
        let own = Tensor.strides(of: shape)
        let offset = outShape.count - shape.count
        return (0..<outShape.count).map { i in
            i < offset || shape[i - offset] == 1 ? 0 : own[i - offset]
        }
    }

    /// Broadcasts to `shape` (copying). Its gradient sums back.
    public func expanded(to outShape: [Int]) -> Tensor {
        if outShape == shape { return self }
        precondition((try? Tensor.broadcastShape(shape, outShape)) == outShape, "cannot expand \(shape) to \(outShape)")
        let out = Tensor(uninitialized: outShape)
        let src = pointer, dst = out.pointer
        stridedWalk(outShape, Tensor.broadcastStrides(shape, to: outShape)) { o, a in dst[o] = src[a] }
        let inShape = shape
        return Tensor.record("expand", result: out, inputs: [self]) { g, _, _ in [g.summed(toShape: inShape)] }
    }

    /// Sums over the axes that broadcasting to this tensor's shape added or stretched, giving `target`.
    /// Its gradient expands back.
    public func summed(toShape target: [Int]) -> Tensor {
        if target == shape { return self }
        let lead = rank - target.count
        var axes: [Int] = Array(0..<lead)
        for i in 0..<target.count where target[i] == 1 && shape[lead + i] != 1 { axes.append(lead + i) }
        let inShape = shape
        let reduced = reduceSum(axes: axes).reshapedUnchecked(target)
        return Tensor.record("sumTo", result: reduced.detached, inputs: [self]) { g, _, _ in [g.expanded(to: inShape)] }
    }

    /// Shape change without checks or graph (internal: callers guarantee the element count).
    @inline(__always)
    func reshapedUnchecked(_ s: [Int]) -> Tensor { Tensor(shape: s, storage: storage, node: nil) }
}

/// Visits every element of a tensor of `shape` in row-major order, passing its linear index and the matching offset
/// in an operand read with `strides` (0 on broadcast axes).
@inline(__always)
func stridedWalk(_ shape: [Int], _ strides: [Int], _ body: (Int, Int) -> Void) {
    let r = shape.count
    let total = shape.reduce(1, *)
    if total == 0 { return }
    if r == 0 { body(0, 0); return }
    let inner = shape[r - 1], sInner = strides[r - 1]
    var index = [Int](repeating: 0, count: r)
    var offset = 0
    var o = 0
    while o < total {
        var a = offset
        for j in 0..<inner {
            body(o + j, a)
            a += sInner
        }
        o += inner
        // carry into the outer axes
        var d = r - 2
        while d >= 0 {
            index[d] += 1
            offset += strides[d]
            if index[d] < shape[d] { break }
            offset -= strides[d] * shape[d]
            index[d] = 0
            d -= 1
        }
    }
}

/// Like `stridedWalk` for two operands.
@inline(__always)
func stridedWalk2(_ shape: [Int], _ sa: [Int], _ sb: [Int], _ body: (Int, Int, Int) -> Void) {
    let r = shape.count
    let total = shape.reduce(1, *)
    if total == 0 { return }
    if r == 0 { body(0, 0, 0); return }
    let inner = shape[r - 1], ia = sa[r - 1], ib = sb[r - 1]
    var index = [Int](repeating: 0, count: r)
    var offA = 0, offB = 0, o = 0
    while o < total {
        var a = offA, b = offB
        for j in 0..<inner {
            body(o + j, a, b)
            a += ia
            b += ib
        }
        o += inner
        var d = r - 2
        while d >= 0 {
            index[d] += 1
            offA += sa[d]
            offB += sb[d]
            if index[d] < shape[d] { break }
            offA -= sa[d] * shape[d]
            offB -= sb[d] * shape[d]
            index[d] = 0
            d -= 1
        }
    }
}
