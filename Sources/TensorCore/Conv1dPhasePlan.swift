/// The polyphase form of a convolution's input gradient (which is also the transposed convolution's forward pass).
///
/// Write an input position as `j = u·stride + ρ` (phase `ρ`, column `u`). Tap `k` of output `t` touches input
/// `t·stride − padding + k·dilation`, so `j` receives `w[o, i, k] · gy[b, o, u + e]` from every tap with
/// `ρ + padding − k·dilation = e·stride`. Each phase is thus a stride-1 correlation of `gy` over a few offsets `e`:
/// gather `gy` once per distinct offset (`G[(e, o), (b, u)] = gy[b, o, u + e]`) and each phase is a GEMM
/// `gx_ρ[i, (b, u)] = W_ρ[i, (e, o)] · G[(e, o), (b, u)]` over the contiguous run of offsets it reads. The results
/// interleave into `gx` without any scatter-add. Phases reading the same run share one GEMM (their weight blocks
/// stack into `[phases·Cin, E·Cout]`). With stride 4, padding 11 and kernel 25 (WaveGAN) the four phases read 6, 7,
/// 6 and 6 of 7 offsets: as 3 GEMMs they do exactly the useful multiply-adds; merged into one GEMM (`mergeAll`) they
/// do 28/25 of them, which pays when `Cin` is small and the separate GEMMs would have few rows. (Dilation > 1 with
/// stride > 1 may add zero taps where phases interleave.)
struct Conv1dPhasePlan {
    struct Phase {
        /// The run of `shifts` (indices) this phase's GEMM reads: the union over its group.
        var shifts: Range<Int>
        /// The kernel tap for each offset of that run, or −1 where this phase has none (its packed weight is 0).
        var taps: [Int]
        /// Start of this phase's `[Cin, taps.count·Cout]` block in the packed weights.
        var weightOffset: Int
        /// Input positions `j < inLength` in this phase.
        var length: Int
    }

    let geometry: Conv1dGeometry
    /// The distinct offsets `e`, ascending.
    let shifts: [Int]
    let phases: [Phase]
    /// Runs of consecutive phases computed by one GEMM each (`[count·Cin, n]` rows `(ρ, i)`); phases without taps
    /// belong to none.
    let groups: [Range<Int>]
    /// Columns per sample: `⌈inLength / stride⌉` (the longest phase).
    let columns: Int
    /// Floats of the packed weights (all phases).
    let packedWeightCount: Int

    /// Groups phases whose offset runs are equal; with `mergeAll`, every phase with taps joins one GEMM over the
    /// union of their runs (zero weights where a phase lacks an offset).
    init(_ g: Conv1dGeometry, mergeAll: Bool) {
        let s = g.stride
        var perPhase: [[(shift: Int, tap: Int)]] = []
        for rho in 0..<s {
            var list: [(shift: Int, tap: Int)] = []
            for k in 0..<g.kernelSize {
                let a = rho + g.padding - k * g.dilation
                if floorDiv(a, s) * s == a { list.append((a / s, k)) }
            }
            perPhase.append(list)
        }
        let shifts = Set(perPhase.joined().map(\.shift)).sorted()
        let index = Dictionary(uniqueKeysWithValues: shifts.enumerated().map { ($1, $0) })
        // Each phase's own run of offsets, then runs of phases sharing one GEMM.
        let runs: [Range<Int>?] = perPhase.map { list in
            let indices = list.map { index[$0.shift]! }
            guard let lo = indices.min(), let hi = indices.max() else { return nil }
            return lo..<(hi + 1)
        }
        var groups: [Range<Int>] = []
        for (rho, run) in runs.enumerated() {
            guard let run else { continue }
            if let last = groups.last, last.upperBound == rho, mergeAll || runs[last.lowerBound] == run {
                groups[groups.count - 1] = last.lowerBound..<(rho + 1)
            } else {
                groups.append(rho..<(rho + 1))
            }
        }
        var phases = (0..<s).map { rho in
            Phase(shifts: 0..<0, taps: [], weightOffset: 0,
                  length: rho < g.inLength ? (g.inLength - rho - 1) / s + 1 : 0)
        }
        var offset = 0
        for group in groups {
            let lo = group.map { runs[$0]!.lowerBound }.min()!, hi = group.map { runs[$0]!.upperBound }.max()!
            for rho in group {
                var taps = [Int](repeating: -1, count: hi - lo)
                for entry in perPhase[rho] { taps[index[entry.shift]! - lo] = entry.tap }
                phases[rho].shifts = lo..<hi
                phases[rho].taps = taps
                phases[rho].weightOffset = offset
                offset += taps.count * g.inChannels * g.outChannels
            }
        }
        self.geometry = g
        self.shifts = shifts
        self.phases = phases
        self.groups = groups
        self.columns = (g.inLength + s - 1) / s
        self.packedWeightCount = offset
    }

    /// `packed_ρ[i, (e, o)] = w[o, i, tap_ρ(e)]` (0 where the phase has no tap at offset e).
    ///
    /// - weight: `[Cout, Cin, K]`
    /// - packed: `packedWeightCount` floats, one `[Cin, taps.count·Cout]` block per phase
    func packWeights(_ weight: UnsafePointer<Float>, into packed: UnsafeMutablePointer<Float>) {
        let g = geometry, cin = g.inChannels, cout = g.outChannels, kernel = g.kernelSize
        // Tap k of input channel i lands in the packed row starting at rowStart[k] + i·rowStride[k].
        var rowStart = [Int](repeating: 0, count: kernel), rowStride = [Int](repeating: 0, count: kernel)
        for phase in phases {
            for (j, tap) in phase.taps.enumerated() where tap >= 0 {
                rowStart[tap] = phase.weightOffset + j * cout
                rowStride[tap] = phase.taps.count * cout
            }
        }
        // Tiles of 8 output × 64 input channels: 8 source runs of 64·K floats, 8-float runs written per packed row
        // (measured fastest of 4…64 × 1…all).
        let outBlock = 8, inBlock = 64
        Conv1dLowering.parallelRows(cin, floatsPerRow: packedWeightCount / cin) { rows in
            for i in rows {
                for phase in phases {
                    for (j, tap) in phase.taps.enumerated() where tap < 0 {
                        (packed + phase.weightOffset + i * phase.taps.count * cout + j * cout).update(
                            repeating: 0, count: cout)
                    }
                }
            }
            for i0 in stride(from: rows.lowerBound, to: rows.upperBound, by: inBlock) {
                let i1 = min(rows.upperBound, i0 + inBlock)
                for o0 in stride(from: 0, to: cout, by: outBlock) {
                    let o1 = min(cout, o0 + outBlock)
                    for c in (i0 * kernel)..<(i1 * kernel) {  // columns (i, k) of weight viewed as [Cout, Cin·K]
                        let k = c % kernel
                        let dst = packed + rowStart[k] + (c / kernel) * rowStride[k]  // [Cout]
                        let src = weight + c  // src[o·Cin·K] = w[o, i, k]
                        for o in o0..<o1 { dst[o] = src[o * cin * kernel] }
                    }
                }
            }
        }
    }

    /// `G[(e, o), (b, u)] = gy[b, o, u + shifts[e]]`, zero outside `gy`.
    ///
    /// - gy: `[batch, Cout, Lout]` (a chunk of the batch)
    /// - gathered: `[shifts.count·Cout, batch·columns]`
    func gather(gy: UnsafePointer<Float>, batch: Int, into gathered: UnsafeMutablePointer<Float>) {
        let g = geometry, cout = g.outChannels, lout = g.outLength, u = columns, n = batch * u
        Conv1dLowering.parallelRows(cout, floatsPerRow: shifts.count * n) { rows in
            for o in rows {
                for (e, shift) in shifts.enumerated() {
                    let lo = min(u, max(0, -shift)), hi = max(lo, min(u, lout - shift))
                    for b in 0..<batch {
                        let src = gy + (b * cout + o) * lout + shift  // src[c] = gy[b, o, c + shift]
                        let dst = gathered + (e * cout + o) * n + b * u  // [columns]
                        dst.update(repeating: 0, count: lo)
                        (dst + lo).update(from: src + lo, count: hi - lo)
                        (dst + hi).update(repeating: 0, count: u - hi)
                    }
                }
            }
        }
    }

    /// `gx[b, i, u·stride + ρ] = phaseOut[ρ, i, b·columns + u]`; phases without taps give zeros.
    ///
    /// - phaseOut: `[stride, Cin, batch·columns]`
    /// - gx: `[batch, Cin, Lin]` (a chunk of the batch)
    func interleave(_ phaseOut: UnsafePointer<Float>, batch: Int, into gx: UnsafeMutablePointer<Float>) {
        let g = geometry, cin = g.inChannels, lin = g.inLength, s = g.stride, n = batch * columns
        Conv1dLowering.parallelRows(batch * cin, floatsPerRow: lin) { rows in
            for row in rows {
                let b = row / cin, i = row % cin
                let dst = gx + row * lin  // [Lin]
                for (rho, phase) in phases.enumerated() {
                    if phase.taps.isEmpty {
                        for u in 0..<phase.length { dst[u * s + rho] = 0 }
                        continue
                    }
                    let src = phaseOut + (rho * cin + i) * n + b * columns  // [columns]
                    if s == 1 {
                        dst.update(from: src, count: phase.length)
                    } else {
                        for u in 0..<phase.length { dst[u * s + rho] = src[u] }
                    }
                }
            }
        }
    }
}
