import Foundation
import TensorCore

/// The activations of a CTGAN generator's output, over all spans at once.
///
/// Each softmax span is one *segment* of the row and each tanh position a segment of its own, so a per-span softmax
/// is a handful of whole-tensor ops (a scatter-add of the exponentials into segment sums and a gather back) instead
/// of a slice per span; every op is differentiable to any order.
public struct TableOutputLayout {
    /// Values per row (D).
    public let width: Int
    /// Segment of each position.
    let segment: [Int]
    let segmentCount: Int
    /// 1 at tanh positions, 0 at softmax positions, `[1, D]`.
    let tanhMask: Tensor
    /// True at softmax positions.
    let isSoftmax: [Bool]

    public init(spans: [TableGANConfig.Span]) {
        var segment: [Int] = [], isSoftmax: [Bool] = []
        var next = 0
        for span in spans {
            switch span.kind {
            case .softmax:
                segment += Array(repeating: next, count: span.width)
                isSoftmax += Array(repeating: true, count: span.width)
                next += 1
            case .tanh:
                for _ in 0..<span.width {
                    segment.append(next)
                    isSoftmax.append(false)
                    next += 1
                }
            }
        }
        self.segment = segment
        self.isSoftmax = isSoftmax
        segmentCount = next
        width = segment.count
        tanhMask = try! Tensor(shape: [1, segment.count], values: isSoftmax.map { $0 ? 0 : 1 })
    }

    /// `tanh(x)` at tanh positions and the Gumbel-softmax `softmax((x + gumbel) / temperature)` over each softmax span
    /// (CTGAN's `_apply_activate`). `logits` and `gumbel` are `[B, D]`; `gumbel` is a constant.
    public func activate(_ logits: Tensor, gumbel: Tensor, temperature: Float) -> Tensor {
        let v = (logits + gumbel.detached) * (1 / temperature)
        let (shifted, sums) = segmentExponentials(v)
        return Tensor.select(tanhMask, logits.tanh(), shifted.exp() / sums)
    }

    /// CTGAN's conditional loss: the mean over rows of the cross-entropy `−log softmax(x)[t]` within the span holding
    /// output position `targets[b]` (a row with target −1 contributes 0 but still counts in the mean).
    public func crossEntropy(_ logits: Tensor, targets: [Int]) -> Tensor {
        let rows = logits.shape[0]
        precondition(targets.count == rows && logits.shape[1] == width, "crossEntropy: \(logits.shape) vs \(targets.count)")
        let (shifted, sums) = segmentExponentials(logits)
        let logSoftmax = shifted - sums.log()
        let pick = Tensor.zeros([rows, width])
        for (b, t) in targets.enumerated() where t >= 0 { pick.storage.pointer[b * width + t] = 1 }
        return -(logSoftmax * pick).sum() * (1 / Float(Swift.max(rows, 1)))
    }

    /// `v` minus its (constant) segment maximum, and each position's segment sum of `exp` of that, both `[B, D]`.
    func segmentExponentials(_ v: Tensor) -> (shifted: Tensor, sums: Tensor) {
        let shifted = v - segmentMaxima(v.detached)
        let sums = shifted.exp().scatterAdded(axis: 1, indices: segment, length: segmentCount)
            .gathered(axis: 1, indices: segment)
        return (shifted, sums)
    }

    /// Each position's segment maximum, `[B, D]` (no graph).
    func segmentMaxima(_ v: Tensor) -> Tensor {
        let rows = v.shape[0], d = width, s = segmentCount
        let out = Tensor(uninitialized: [rows, d])
        let src = v.storage.pointer, dst = out.storage.pointer
        segment.withUnsafeBufferPointer { seg in
            parallelRanges(rows, minimum: Swift.max(1, (1 << 14) / Swift.max(d, 1))) { range in
                withScratch(s) { m in
                    for b in range {
                        let x = src + b * d, y = dst + b * d
                        m.update(repeating: -.infinity, count: s)
                        for j in 0..<d where x[j] > m[seg[j]] { m[seg[j]] = x[j] }
                        for j in 0..<d { y[j] = m[seg[j]] }
                    }
                }
            }
        }
        return out
    }

    /// Fills `row` (D values) with Gumbel noise `−log(−log u)` at softmax positions and 0 at tanh positions
    /// (single precision: u has 24 random bits, so the noise lies within about ±16.6).
    public func gumbelNoise(into row: UnsafeMutablePointer<Float>, using g: inout SeededGenerator) {
        for j in 0..<width {
            if isSoftmax[j] {
                let u = (Float(g.next() >> 41) + 0.5) * 0x1.0p-23  // exactly representable, in (0, 1)
                row[j] = -Foundation.log(-Foundation.log(u))
            } else {
                row[j] = 0
            }
        }
    }
}
