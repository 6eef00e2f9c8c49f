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
        let lin = g.inLength, lout = g.outLength, kernel = g.kernelSize, s = g.stride
        let n = batch * lout, cin = g.inChannels
        parallelRows(cin * kernel, floatsPerRow: n) { rows in
            for row in rows {
                let i = row / kernel, k = row % kernel
                let offset = k * g.dilation - g.padding  // input position of output t is t·s + offset
                let lo = min(lout, max(0, ceilDiv(-offset, s))), hi = max(lo, min(lout, floorDiv(lin - 1 - offset, s) + 1))
                for b in 0..<batch {
                    let src = x + (b * cin + i) * lin + offset  // src[t·s] = x[b, i, t·s + offset]
                    let dst = cols + row * n + b * lout  // [Lout]
                    dst.update(repeating: 0, count: lo)
                    if s == 1 {
                        (dst + lo).update(from: src + lo, count: hi - lo)
                    } else {
                        for t in lo..<hi { dst[t] = src[t * s] }
                    }
                    (dst + hi).update(repeating: 0, count: lout - hi)
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

/// `⌈a / b⌉` for `b > 0` and any sign of `a`.
@inline(__always)
func ceilDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? (a + b - 1) / b : -((-a) / b) }

/// `⌊a / b⌋` for `b > 0` and any sign of `a`.
@inline(__always)
func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }

/// Rounds a float count up to a multiple of 16 (64 bytes), so buffers carved from one scratch block stay aligned.
@inline(__always)
func alignedCount(_ n: Int) -> Int { (n + 15) & ~15 }
