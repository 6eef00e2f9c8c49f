/// The three primitive kernels behind every 1-D convolution in SwiftGAN: `Conv1d` and `ConvTranspose1d`, forward and
/// both gradients (see `Conv1dGeometry.transposed` for how the transposed layer maps onto them).
///
/// Buffers are contiguous Float32 in channels-first layout, weights in PyTorch's `Conv1d` layout; the geometry must
/// describe them (its initialiser validates the sizes). Outputs are overwritten, never accumulated into. The kernels
/// are thread-safe and split their work across `Threads.count` cores themselves. `scratchFloats` bounds the scratch
/// memory a call takes from `BufferPool.shared` (the batch is processed in chunks that fit; one sample at least).
///
/// How they run: channel-rich layers lower to a few large GEMMs over a chunk of the batch (columns `(b, t)`), with
/// the gathers and transposes around them split across the cores; the input gradient takes the polyphase form of
/// `Conv1dPhasePlan` (stride-1 GEMMs per group of phases, no scatter-add; all phases in one GEMM when `Cin < 128`,
/// where GEMMs of `Cin` rows run slowly); layers with a single input channel (an audio
/// waveform in or out) run as direct vectorised loops (`Conv1dThinKernels`), where a GEMM would have one row.
public enum Conv1dKernels {
    /// The default bound on a call's scratch (column buffers): 16 Mi floats, 64 MB. The batch is processed in
    /// chunks whose scratch fits (at least one sample per chunk).
    public static let defaultScratchFloats = 1 << 24
    /// GEMM columns (`samples · length`) a chunk aims for: enough for OpenBLAS to run at full speed, few enough that
    /// the column buffer of a long signal stays in the last-level cache (measured: 1024–8192 perform alike, larger
    /// chunks of a long signal run slower).
    static let chunkColumns = 2048

    /// `y = conv1d(x, w)` (no bias). Overwrites `y`.
    ///
    /// - x: `[B, Cin, Lin]`
    /// - weight: `[Cout, Cin, K]`
    /// - y: `[B, Cout, Lout]`
    public static func forward(
        x: UnsafePointer<Float>, weight: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>, _ g: Conv1dGeometry,
        scratchFloats: Int = defaultScratchFloats
    ) {
        if g.batch == 0 { return }
        if g.inChannels == 1 {
            FLOPCounter.add(Int(g.flops))
            return Conv1dThinKernels.forward(x: x, weight: weight, y: y, g)
        }
        let lout = g.outLength, rows = g.inChannels * g.kernelSize, cout = g.outChannels
        forEachChunk(g.batch, columns: lout, rows * lout, cout * lout, scratchFloats) { b0, nb, cols, out in
            let n = nb * lout
            Conv1dLowering.im2col(x: x + b0 * g.inChannels * g.inLength, batch: nb, cols: cols, g)  // [Cin·K, n]
            // out [Cout, n] = w [Cout, Cin·K] · cols [Cin·K, n]
            BLAS.sgemm(m: cout, n: n, k: rows, a: weight, lda: rows, b: cols, ldb: n, c: out, ldc: n)
            Conv1dLowering.transposeBlocks(out, to: y + b0 * cout * lout, outer: cout, inner: nb, length: lout)
        }
    }

    /// `gx = ∂⟨gy, conv1d(x, w)⟩/∂x`, the adjoint of `forward` in `x`. Overwrites `gx` (positions no output
    /// touches get 0).
    ///
    /// - gy: `[B, Cout, Lout]`
    /// - weight: `[Cout, Cin, K]`
    /// - gx: `[B, Cin, Lin]`
    public static func backwardInput(
        gy: UnsafePointer<Float>, weight: UnsafePointer<Float>, gx: UnsafeMutablePointer<Float>, _ g: Conv1dGeometry,
        scratchFloats: Int = defaultScratchFloats
    ) {
        if g.batch == 0 { return }
        let plan = Conv1dPhasePlan(g, mergeAll: g.inChannels < 128)
        if g.inChannels == 1 {
            FLOPCounter.add(Int(g.flops))
            return Conv1dThinKernels.backwardInput(gy: gy, weight: weight, gx: gx, plan)
        }
        let cin = g.inChannels, cout = g.outChannels, u = plan.columns
        withScratch(plan.packedWeightCount) { packed in
            plan.packWeights(weight, into: packed)
            forEachChunk(g.batch, columns: u, plan.shifts.count * cout * u, g.stride * cin * u, scratchFloats) {
                b0, nb, gathered, phaseOut in
                let n = nb * u
                plan.gather(gy: gy + b0 * cout * g.outLength, batch: nb, into: gathered)  // [E·Cout, n]
                for group in plan.groups {
                    // phaseOut[ρ ∈ group] [|group|·Cin, n] = packed[ρ ∈ group] [|group|·Cin, E·Cout] · gathered[E rows]
                    let first = plan.phases[group.lowerBound], depth = first.taps.count * cout
                    BLAS.sgemm(
                        m: group.count * cin, n: n, k: depth, a: packed + first.weightOffset, lda: depth,
                        b: gathered + first.shifts.lowerBound * cout * n, ldb: n,
                        c: phaseOut + group.lowerBound * cin * n, ldc: n)
                }
                plan.interleave(phaseOut, batch: nb, into: gx + b0 * cin * g.inLength)
            }
        }
    }

    /// `gw = ∂⟨gy, conv1d(x, w)⟩/∂w`, summed over the batch. Overwrites `gw`.
    ///
    /// - x: `[B, Cin, Lin]`
    /// - gy: `[B, Cout, Lout]`
    /// - gw: `[Cout, Cin, K]`
    public static func backwardWeight(
        x: UnsafePointer<Float>, gy: UnsafePointer<Float>, gw: UnsafeMutablePointer<Float>, _ g: Conv1dGeometry,
        scratchFloats: Int = defaultScratchFloats
    ) {
        if g.batch == 0 { return gw.update(repeating: 0, count: g.weightCount) }
        if g.inChannels == 1 {
            FLOPCounter.add(Int(g.flops))
            return Conv1dThinKernels.backwardWeight(x: x, gy: gy, gw: gw, g)
        }
        let lout = g.outLength, rows = g.inChannels * g.kernelSize, cout = g.outChannels
        forEachChunk(g.batch, columns: lout, rows * lout, cout * lout, scratchFloats) { b0, nb, cols, gyChunk in
            let n = nb * lout
            Conv1dLowering.im2col(x: x + b0 * g.inChannels * g.inLength, batch: nb, cols: cols, g)  // [Cin·K, n]
            Conv1dLowering.transposeBlocks(gy + b0 * cout * lout, to: gyChunk, outer: nb, inner: cout, length: lout)
            // gw [Cout, Cin·K] (+)= gy [Cout, n] · cols [Cin·K, n]ᵀ
            BLAS.sgemm(
                transB: true, m: cout, n: rows, k: n, a: gyChunk, lda: n, b: cols, ldb: n, beta: b0 == 0 ? 0 : 1,
                c: gw, ldc: rows)
        }
    }

    /// Splits the batch into chunks of about `chunkColumns` GEMM columns (`columns` per sample) whose two scratch
    /// buffers (`first` and `second` floats per sample) fit in `scratchFloats` together (one sample at least; chunks
    /// about equally large) and calls
    /// `body(firstSample, samples, firstBuffer, secondBuffer)` for each chunk in order.
    static func forEachChunk(
        _ batch: Int, columns: Int, _ first: Int, _ second: Int, _ scratchFloats: Int,
        _ body: (Int, Int, UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>) -> Void
    ) {
        let perSample = alignedCount(first) + alignedCount(second)
        let wanted = min(batch, (chunkColumns + columns - 1) / columns)
        let fit = max(1, min(wanted, scratchFloats / max(perSample, 1)))
        let chunks = (batch + fit - 1) / fit
        let chunk = (batch + chunks - 1) / chunks
        withScratch(chunk * perSample) { scratch in
            for b0 in stride(from: 0, to: batch, by: chunk) {
                body(b0, min(chunk, batch - b0), scratch, scratch + chunk * alignedCount(first))
            }
        }
    }
}
