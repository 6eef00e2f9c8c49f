import Foundation
import TensorCore

// The GRU's recurrence as one autograd op: a raw forward over all time steps and a hand-written backward through
// time (one small GEMM per step each way), instead of ~20 recorded ops per step. When gradients are taken with
// `createGraph` (gradient penalties), the backward rule differentiates the same recurrence built from tensor ops, so
// higher-order gradients stay exact.

extension GRU {
    /// Hidden states `[B, T, H]` from input projections `gx` `[B, T, 3H]` (input bias included), the initial state
    /// `h0` `[B, H]`, `wHH` `[3H, H]` and `bHH` `[3H]`.
    static func recurrence(gx: Tensor, h0: Tensor, wHH: Tensor, bHH: Tensor?) -> Tensor {
        let (b, steps, hidden) = (gx.shape[0], gx.shape[1], h0.shape[1])
        let out = Tensor(uninitialized: [b, steps, hidden])
        // Per step and example: r, z, n and the hidden projection of the candidate (W_hn h + b_hn).
        let saved = TensorStorage(count: b * steps * 4 * hidden)  // [B, T, 4H]
        forward(gx: gx, h0: h0, wHH: wHH, bHH: bHH, out: out, saved: saved)
        let inputs = [gx, h0, wHH] + (bHH.map { [$0] } ?? [])
        return Tensor.record("gru", result: out, inputs: inputs) { g, _, need in
            if GradientRecording.isEnabled {
                let composed = composedRecurrence(gx: gx, h0: h0, wHH: wHH, bHH: bHH)
                let grads = gradients(of: composed, with: inputs, seed: g, createGraph: true)
                return grads.enumerated().map { need[$0.offset] ? $0.element : nil }
            }
            let grads = backward(gradient: g, gx: gx, h0: h0, wHH: wHH, out: out, saved: saved)
            return [grads.gx, grads.h0, grads.wHH, grads.bHH].prefix(inputs.count).enumerated().map {
                need[$0.offset] ? $0.element : nil
            }
        }
    }

    /// The same recurrence from differentiable tensor ops (used for higher-order gradients and as a reference).
    static func composedRecurrence(gx: Tensor, h0: Tensor, wHH: Tensor, bHH: Tensor?) -> Tensor {
        let (b, steps, hidden) = (gx.shape[0], gx.shape[1], h0.shape[1])
        let inputs = gx.permuted([1, 0, 2])  // [T, B, 3H]: each step's slice is contiguous
        var h = h0
        var states: [Tensor] = []
        states.reserveCapacity(steps)
        for t in 0..<steps {
            let x = inputs.sliced(axis: 0, t..<(t + 1)).reshaped([b, 3 * hidden])
            var gh = h.matmul(wHH, transposeOther: true)
            if let bHH { gh = gh + bHH }
            func gate(_ v: Tensor, _ k: Int) -> Tensor { v.sliced(axis: 1, (k * hidden)..<((k + 1) * hidden)) }
            let r = (gate(x, 0) + gate(gh, 0)).sigmoid()
            let z = (gate(x, 1) + gate(gh, 1)).sigmoid()
            let n = (gate(x, 2) + r * gate(gh, 2)).tanh()
            h = n + z * (h - n)
            states.append(h.reshaped([b, 1, hidden]))
        }
        return Tensor.concatenated(states, axis: 1)
    }

    private static func forward(gx: Tensor, h0: Tensor, wHH: Tensor, bHH: Tensor?, out: Tensor, saved: TensorStorage) {
        let (b, steps, hidden) = (gx.shape[0], gx.shape[1], h0.shape[1])
        let h3 = 3 * hidden
        let x = gx.storage.pointer, w = wHH.storage.pointer, bias = bHH?.storage.pointer
        let y = out.storage.pointer, s = saved.pointer
        withScratch(b * h3) { gh in  // [B, 3H]
            withScratch(b * hidden) { prev in  // [B, H]
                prev.update(from: h0.storage.pointer, count: b * hidden)
                for t in 0..<steps {
                    BLAS.sgemm(transB: true, m: b, n: h3, k: hidden, a: prev, lda: hidden, b: w, ldb: hidden,
                               c: gh, ldc: h3)
                    for n in 0..<b {
                        let xr = x + (n * steps + t) * h3, hr = gh + n * h3
                        let st = s + (n * steps + t) * 4 * hidden, hp = prev + n * hidden
                        let yo = y + (n * steps + t) * hidden
                        for j in 0..<hidden {
                            let br = bias?[j] ?? 0, bz = bias?[hidden + j] ?? 0, bn = bias?[2 * hidden + j] ?? 0
                            let r = 1 / (1 + Foundation.exp(-(xr[j] + hr[j] + br)))
                            let z = 1 / (1 + Foundation.exp(-(xr[hidden + j] + hr[hidden + j] + bz)))
                            let hn = hr[2 * hidden + j] + bn
                            let cand = Foundation.tanh(xr[2 * hidden + j] + r * hn)
                            let h = cand + z * (hp[j] - cand)
                            st[j] = r
                            st[hidden + j] = z
                            st[2 * hidden + j] = cand
                            st[3 * hidden + j] = hn
                            yo[j] = h
                        }
                    }
                    for n in 0..<b { (prev + n * hidden).update(from: y + (n * steps + t) * hidden, count: hidden) }
                }
            }
        }
    }

    /// Backpropagation through time of `recurrence`.
    private static func backward(gradient: Tensor, gx: Tensor, h0: Tensor, wHH: Tensor, out: Tensor,
                                 saved: TensorStorage) -> (gx: Tensor, h0: Tensor, wHH: Tensor, bHH: Tensor) {
        let (b, steps, hidden) = (gx.shape[0], gx.shape[1], h0.shape[1])
        let h3 = 3 * hidden
        let dgx = Tensor(uninitialized: gx.shape)  // [B, T, 3H]; also holds the gate gradients of each step
        let dh0 = Tensor(uninitialized: h0.shape)
        let dw = Tensor.zeros(wHH.shape), db = Tensor.zeros([h3])
        let g = gradient.storage.pointer, y = out.storage.pointer, s = saved.pointer, w = wHH.storage.pointer
        let dx = dgx.storage.pointer, dwp = dw.storage.pointer, dbp = db.storage.pointer
        withScratch(b * h3) { dgh in  // [B, 3H]
            withScratch(2 * b * hidden) { buffers in
                let dh = buffers, prev = buffers + b * hidden  // [B, H] each
                for i in 0..<(b * hidden) { dh[i] = 0 }
                for t in stride(from: steps - 1, through: 0, by: -1) {
                    for n in 0..<b {
                        let hp = t > 0 ? y + (n * steps + t - 1) * hidden : h0.storage.pointer + n * hidden
                        (prev + n * hidden).update(from: hp, count: hidden)
                        let st = s + (n * steps + t) * 4 * hidden, go = g + (n * steps + t) * hidden
                        let dxr = dx + (n * steps + t) * h3, dgr = dgh + n * h3, dhr = dh + n * hidden
                        for j in 0..<hidden {
                            let r = st[j], z = st[hidden + j], cand = st[2 * hidden + j], hn = st[3 * hidden + j]
                            let d = dhr[j] + go[j]
                            let dCand = d * (1 - z) * (1 - cand * cand)
                            let dz = d * (hp[j] - cand) * z * (1 - z)
                            let dr = dCand * hn * r * (1 - r)
                            dxr[j] = dr
                            dxr[hidden + j] = dz
                            dxr[2 * hidden + j] = dCand
                            dgr[j] = dr
                            dgr[hidden + j] = dz
                            dgr[2 * hidden + j] = dCand * r
                            dhr[j] = d * z  // the direct path; the GEMM below adds the gates' path
                        }
                    }
                    // dh_prev += dgh · W_hh ([B, 3H]·[3H, H]); dW_hh += dghᵀ · h_prev; db_hh += Σ_b dgh.
                    BLAS.sgemm(m: b, n: hidden, k: h3, a: dgh, lda: h3, b: w, ldb: hidden, beta: 1, c: dh, ldc: hidden)
                    BLAS.sgemm(transA: true, m: h3, n: hidden, k: b, a: dgh, lda: h3, b: prev, ldb: hidden, beta: 1,
                               c: dwp, ldc: hidden)
                    for n in 0..<b { for k in 0..<h3 { dbp[k] += dgh[n * h3 + k] } }
                }
                dh0.storage.pointer.update(from: dh, count: b * hidden)
            }
        }
        return (dgx, dh0, dw, db)
    }
}
