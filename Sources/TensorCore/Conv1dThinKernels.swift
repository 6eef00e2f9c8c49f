/// Direct vectorised loops for convolutions with a single input channel (`Cin = 1`): WaveGAN's first critic layer
/// (waveform → 64 channels) and, through the transposed mapping, the generator's last layer (64 channels →
/// waveform). A GEMM there would have one row (or an inner dimension of `K`) and run memory-bound on its column
/// buffer; these loops read the waveform de-interleaved by stride phase so that every inner loop is unit-stride.
enum Conv1dThinKernels {
    /// `forward` for `Cin = 1`. x `[B, 1, Lin]`, weight `[Cout, 1, K]`, y `[B, Cout, Lout]`.
    static func forward(
        x: UnsafePointer<Float>, weight: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>, _ g: Conv1dGeometry
    ) {
        let taps = Conv1dTaps(g), cout = g.outChannels, lout = g.outLength, lin = g.inLength, kernel = g.kernelSize
        Conv1dLowering.parallelRows(g.batch * cout, floatsPerRow: lout * kernel) { rows in
            withScratch(lin) { phases in  // [Lin], the current sample de-interleaved
                var current = -1
                for row in rows {
                    let b = row / cout, o = row % cout
                    if b != current {
                        taps.deinterleave(x + b * lin, into: phases)
                        current = b
                    }
                    let dst = y + row * lout  // [Lout]
                    dst.update(repeating: 0, count: lout)
                    for k in 0..<kernel {
                        let w = weight[o * kernel + k]
                        let (range, src) = taps.span(k, outLength: lout, phases: phases)
                        for t in range { dst[t] += w * src[t] }
                    }
                }
            }
        }
    }

    /// `backwardInput` for `Cin = 1`, in the polyphase form of `plan`. gy `[B, Cout, Lout]`, weight `[Cout, 1, K]`,
    /// gx `[B, 1, Lin]`.
    static func backwardInput(
        gy: UnsafePointer<Float>, weight: UnsafePointer<Float>, gx: UnsafeMutablePointer<Float>, _ plan: Conv1dPhasePlan
    ) {
        let g = plan.geometry, s = g.stride, cout = g.outChannels, lout = g.outLength, kernel = g.kernelSize
        Conv1dLowering.parallelRows(g.batch * s, floatsPerRow: plan.columns * cout * kernel / s) { items in
            withScratch(plan.columns) { acc in  // [columns], one phase of one sample
                for item in items {
                    let b = item / s, rho = item % s, phase = plan.phases[rho]
                    let dst = gx + b * g.inLength + rho  // dst[u·s] = gx[b, 0, u·s + ρ]
                    acc.update(repeating: 0, count: phase.length)
                    for o in 0..<cout {
                        let row = gy + (b * cout + o) * lout  // [Lout]
                        for (j, tap) in phase.taps.enumerated() where tap >= 0 {
                            let shift = plan.shifts[phase.shifts.lowerBound + j], w = weight[o * kernel + tap]
                            let lo = min(phase.length, max(0, -shift)), hi = max(lo, min(phase.length, lout - shift))
                            let src = row + shift
                            for u in lo..<hi { acc[u] += w * src[u] }
                        }
                    }
                    for u in 0..<phase.length { dst[u * s] = acc[u] }
                }
            }
        }
    }

    /// `backwardWeight` for `Cin = 1`. x `[B, 1, Lin]`, gy `[B, Cout, Lout]`, gw `[Cout, 1, K]`.
    static func backwardWeight(
        x: UnsafePointer<Float>, gy: UnsafePointer<Float>, gw: UnsafeMutablePointer<Float>, _ g: Conv1dGeometry
    ) {
        let taps = Conv1dTaps(g), cout = g.outChannels, lout = g.outLength, lin = g.inLength, kernel = g.kernelSize
        // Fixed parts (not one per thread): the summation order, hence the result, is the same for any thread count.
        let parts = max(1, min(8, g.batch)), count = cout * kernel
        withScratch(parts * (lin + count)) { scratch in
            parallelFor(parts) { part in
                let phases = scratch + part * lin  // [Lin]
                let sums = scratch + parts * lin + part * count  // [Cout, K], this part's samples
                sums.update(repeating: 0, count: count)
                for b in (g.batch * part / parts)..<(g.batch * (part + 1) / parts) {
                    taps.deinterleave(x + b * lin, into: phases)
                    for o in 0..<cout {
                        let row = gy + (b * cout + o) * lout  // [Lout]
                        for k in 0..<kernel {
                            let (range, src) = taps.span(k, outLength: lout, phases: phases)
                            sums[o * kernel + k] += dot(row + range.lowerBound, src + range.lowerBound, range.count)
                        }
                    }
                }
            }
            gw.update(from: scratch + parts * lin, count: count)
            for part in 1..<parts {
                let sums = scratch + parts * lin + part * count
                for c in 0..<count { gw[c] += sums[c] }
            }
        }
    }

    /// `Σ a[i]·b[i]` over `n` floats, in vector lanes.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
        var acc0 = SIMD8<Float>(), acc1 = SIMD8<Float>()
        var i = 0
        while i + 16 <= n {
            acc0 += load8(a + i) * load8(b + i)
            acc1 += load8(a + i + 8) * load8(b + i + 8)
            i += 16
        }
        var sum = (acc0 + acc1).sum()
        while i < n {
            sum += a[i] * b[i]
            i += 1
        }
        return sum
    }

    @inline(__always)
    static func load8(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
    }
}
