/// The memory-bound glue around the convolution GEMMs: column gathers, block transposes and the polyphase plan.
/// Every routine splits its rows across the cores; each row is written by exactly one thread.
enum Conv1dLowering {
    /// Rows shorter than this many floats in total are copied on one thread (a parallel launch costs more).
    static let parallelMinimumFloats = 1 << 14

    /// Runs `body` over `0..<rows` split across the cores when the rows hold enough floats to pay for it.
    @inline(__always)
    static func parallelRows(_ rows: Int, floatsPerRow: Int, _ body: (Range<Int>) -> Void) {
        parallelRanges(rows, minimum: max(1, parallelMinimumFloats / max(floatsPerRow, 1)), body)
    }

    /// `cols[(i, k), (b, t)] = x[b, i, t·stride − padding + k·dilation]`, zero outside `x`.
    ///
    /// - x: `[batch, Cin, Lin]` (a chunk of the batch)
    /// - cols: `[Cin·K, batch·Lout]`
    static func im2col(
        x: UnsafePointer<Float>, batch: Int, cols: UnsafeMutablePointer<Float>, _ g: Conv1dGeometry
    ) {
        let taps = Conv1dTaps(g), lin = g.inLength, lout = g.outLength, kernel = g.kernelSize, cin = g.inChannels
        let n = batch * lout
        parallelRows(cin, floatsPerRow: kernel * n) { channels in
            withScratch(lin) { phases in  // [Lin], one input row de-interleaved by stride phase
                for i in channels {
                    for b in 0..<batch {
                        let row = x + (b * cin + i) * lin  // [Lin]
                        if g.stride > 1 { taps.deinterleave(row, into: phases) }
                        let source = g.stride > 1 ? UnsafePointer(phases) : row
                        for k in 0..<kernel {
                            let (range, src) = taps.span(k, outLength: lout, phases: source)
                            let dst = cols + (i * kernel + k) * n + b * lout  // [Lout]
                            dst.update(repeating: 0, count: range.lowerBound)
                            (dst + range.lowerBound).update(from: src + range.lowerBound, count: range.count)
                            (dst + range.upperBound).update(repeating: 0, count: lout - range.upperBound)
                        }
                    }
                }
            }
        }
    }

    /// Swaps the two outer axes of rows of `length` floats: `dst[b, a, :] = src[a, b, :]`.
    ///
    /// - src: `[outer, inner, length]`
    /// - dst: `[inner, outer, length]`
    static func transposeBlocks(
        _ src: UnsafePointer<Float>, to dst: UnsafeMutablePointer<Float>, outer: Int, inner: Int, length: Int
    ) {
        parallelRows(outer, floatsPerRow: inner * length) { range in
            for a in range {
                for b in 0..<inner {
                    (dst + (b * outer + a) * length).update(from: src + (a * inner + b) * length, count: length)
                }
            }
        }
    }
}

/// Tap `k` reads input `t·stride − padding + k·dilation = (t + q_k)·stride + r_k`, i.e. element `t + q_k` of
/// the input's phase `r_k` (`phase_r[m] = x[m·stride + r]`).
struct Conv1dTaps {
    let q: [Int]
    let r: [Int]
    /// Phase `r` occupies `start[r]..<start[r] + length[r]` of a de-interleaved row (`Lin` floats in all).
    let start: [Int]
    let length: [Int]
    let stride: Int

    init(_ g: Conv1dGeometry) {
        let s = g.stride
        let offsets = (0..<g.kernelSize).map { $0 * g.dilation - g.padding }
        q = offsets.map { floorDiv($0, s) }
        r = offsets.map { $0 - floorDiv($0, s) * s }
        length = (0..<s).map { $0 < g.inLength ? (g.inLength - $0 - 1) / s + 1 : 0 }
        var start: [Int] = []
        var sum = 0
        for n in length {
            start.append(sum)
            sum += n
        }
        self.start = start
        stride = s
    }

    /// `phases[start[r] + m] = row[m·stride + r]`.
    ///
    /// - row: `[Lin]`
    /// - phases: `[Lin]`
    func deinterleave(_ row: UnsafePointer<Float>, into phases: UnsafeMutablePointer<Float>) {
        for rr in 0..<stride {
            let dst = phases + start[rr]
            for m in 0..<length[rr] { dst[m] = row[m * stride + rr] }
        }
    }

    /// The outputs `t` whose tap `k` lies inside the input, and where that tap's values start
    /// (`source[t]` is the input under tap `k` of output `t`).
    @inline(__always)
    func span(_ k: Int, outLength: Int, phases: UnsafePointer<Float>) -> (Range<Int>, UnsafePointer<Float>) {
        let lo = min(outLength, max(0, -q[k])), hi = max(lo, min(outLength, length[r[k]] - q[k]))
        return (lo..<hi, phases + start[r[k]] + q[k])
    }
}

/// `⌊a / b⌋` for `b > 0` and any sign of `a`.
@inline(__always)
func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }

/// Rounds a float count up to a multiple of 16 (64 bytes), so buffers carved from one scratch block stay aligned.
@inline(__always)
func alignedCount(_ n: Int) -> Int { (n + 15) & ~15 }
