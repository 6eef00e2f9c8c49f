import Foundation
import TensorCore

/// The activations of a CTGAN generator's output, over all spans at once.
///
/// The activation is one op with a loop over rows and spans. Its gradient is a loop too, except while a graph of the
/// backward pass is being recorded (`createGraph`): then it is composed of tensor ops — each softmax span is one
/// *segment* of the row and each tanh position a segment of its own, so per-span sums are a scatter-add into segments
/// and a gather back — and can be differentiated again.
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
    /// The spans as (first position, width, is softmax).
    let blocks: [(start: Int, width: Int, softmax: Bool)]

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
        var start = 0
        blocks = spans.map { span in
            defer { start += span.width }
            return (start, span.width, span.kind == .softmax)
        }
        segmentCount = next
        width = segment.count
        tanhMask = try! Tensor(shape: [1, segment.count], values: isSoftmax.map { $0 ? 0 : 1 })
    }

    /// `tanh(x)` at tanh positions and the Gumbel-softmax `softmax((x + gumbel) / temperature)` over each softmax span
    /// (CTGAN's `_apply_activate`). `logits` and `gumbel` are `[B, D]`; `gumbel` is a constant.
    public func activate(_ logits: Tensor, gumbel: Tensor, temperature: Float) -> Tensor {
        precondition(logits.rank == 2 && logits.shape[1] == width && gumbel.shape == logits.shape,
                     "activate: logits \(logits.shape), gumbel \(gumbel.shape), width \(width)")
        let out = Tensor(uninitialized: logits.shape)
        let x = logits.storage.pointer, n = gumbel.storage.pointer, y = out.storage.pointer
        let inverseT = 1 / temperature
        forEachRow(logits.shape[0]) { row in
            let xr = x + row, nr = n + row, yr = y + row
            for block in blocks {
                let r = block.start..<(block.start + block.width)
                if !block.softmax {
                    for j in r { yr[j] = Foundation.tanh(xr[j]) }
                    continue
                }
                var m = -Float.infinity
                for j in r { yr[j] = (xr[j] + nr[j]) * inverseT; m = Swift.max(m, yr[j]) }
                var total: Float = 0
                for j in r { yr[j] = Foundation.exp(yr[j] - m); total += yr[j] }
                let scale = 1 / total
                for j in r { yr[j] *= scale }
            }
        }
        return Tensor.record("tableActivation", result: out, inputs: [logits], savesOutput: true) { g, y, _ in
            [activationGradient(g, output: y, temperature: temperature)]
        }
    }

    /// The activation's backward rule: `g·(1 − y²)` at tanh positions and `y·(g − Σ_span g·y)/τ` in softmax spans.
    func activationGradient(_ g: Tensor, output y: Tensor, temperature: Float) -> Tensor {
        if GradientRecording.isEnabled {  // recording a backward graph: composed, differentiable again
            let sums = (g * y).scatterAdded(axis: 1, indices: segment, length: segmentCount)
                .gathered(axis: 1, indices: segment)
            return Tensor.select(tanhMask, g * (1 - y * y), y * (g - sums) * (1 / temperature))
        }
        let out = Tensor(uninitialized: g.shape)
        let gp = g.storage.pointer, yp = y.storage.pointer, o = out.storage.pointer, inverseT = 1 / temperature
        forEachRow(g.shape[0]) { row in
            let gr = gp + row, yr = yp + row, orow = o + row
            for block in blocks {
                let r = block.start..<(block.start + block.width)
                if !block.softmax {
                    for j in r { orow[j] = gr[j] * (1 - yr[j] * yr[j]) }
                    continue
                }
                var dot: Float = 0
                for j in r { dot += gr[j] * yr[j] }
                for j in r { orow[j] = yr[j] * (gr[j] - dot) * inverseT }
            }
        }
        return out
    }

    /// Runs `body(offset)` for the first element of each of `rows` rows of width D, rows split across cores.
    private func forEachRow(_ rows: Int, _ body: (Int) -> Void) {
        let d = width
        parallelRanges(rows, minimum: Swift.max(1, (1 << 14) / Swift.max(d, 1))) { range in
            for b in range { body(b * d) }
        }
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
