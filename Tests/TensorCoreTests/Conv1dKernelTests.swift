import Testing
import TensorCore
import _TestSupport

// MARK: - Naive references (direct loops over the definitions)

/// y[b, o, t] = Σ_{i,k} w[o, i, k] · x[b, i, t·s − p + k·d].
private func naiveForward(_ x: [Float], _ w: [Float], _ g: Conv1dGeometry) -> [Float] {
    var y = [Float](repeating: 0, count: g.outputCount)
    forEachTerm(g) { xi, wi, yi in y[yi] += w[wi] * x[xi] }
    return y
}

/// gx[b, i, j] = Σ over the terms of `forward` that read x[b, i, j].
private func naiveBackwardInput(_ gy: [Float], _ w: [Float], _ g: Conv1dGeometry) -> [Float] {
    var gx = [Float](repeating: 0, count: g.inputCount)
    forEachTerm(g) { xi, wi, yi in gx[xi] += w[wi] * gy[yi] }
    return gx
}

/// gw[o, i, k] = Σ over the terms of `forward` that use w[o, i, k].
private func naiveBackwardWeight(_ x: [Float], _ gy: [Float], _ g: Conv1dGeometry) -> [Float] {
    var gw = [Float](repeating: 0, count: g.weightCount)
    forEachTerm(g) { xi, wi, yi in gw[wi] += x[xi] * gy[yi] }
    return gw
}

/// Calls `term(xIndex, wIndex, yIndex)` for every product of the convolution whose input lies inside `x`.
private func forEachTerm(_ g: Conv1dGeometry, _ term: (Int, Int, Int) -> Void) {
    for b in 0..<g.batch {
        for o in 0..<g.outChannels {
            for t in 0..<g.outLength {
                for i in 0..<g.inChannels {
                    for k in 0..<g.kernelSize {
                        let j = t * g.stride - g.padding + k * g.dilation
                        if j < 0 || j >= g.inLength { continue }
                        term((b * g.inChannels + i) * g.inLength + j, (o * g.inChannels + i) * g.kernelSize + k,
                             (b * g.outChannels + o) * g.outLength + t)
                    }
                }
            }
        }
    }
}

/// PyTorch's ConvTranspose1d, scattered from its input: x [B, Cin, L], w [Cin, Cout, K] → y [B, Cout, Lout].
private struct NaiveTransposed {
    let batch, inChannels, outChannels, inLength, kernelSize, stride, padding, outputPadding, dilation: Int
    var outLength: Int { (inLength - 1) * stride - 2 * padding + dilation * (kernelSize - 1) + outputPadding + 1 }

    /// Calls `term(xIndex, wIndex, yIndex)` for every product whose output lies inside `y`.
    func forEachTerm(_ term: (Int, Int, Int) -> Void) {
        for b in 0..<batch {
            for i in 0..<inChannels {
                for t in 0..<inLength {
                    for o in 0..<outChannels {
                        for k in 0..<kernelSize {
                            let j = t * stride - padding + k * dilation
                            if j < 0 || j >= outLength { continue }
                            term((b * inChannels + i) * inLength + t, (i * outChannels + o) * kernelSize + k,
                                 (b * outChannels + o) * outLength + j)
                        }
                    }
                }
            }
        }
    }

    func forward(_ x: [Float], _ w: [Float]) -> [Float] {
        var y = [Float](repeating: 0, count: batch * outChannels * outLength)
        forEachTerm { xi, wi, yi in y[yi] += x[xi] * w[wi] }
        return y
    }

    func inputGradient(_ gy: [Float], _ w: [Float]) -> [Float] {
        var gx = [Float](repeating: 0, count: batch * inChannels * inLength)
        forEachTerm { xi, wi, yi in gx[xi] += gy[yi] * w[wi] }
        return gx
    }

    func weightGradient(_ x: [Float], _ gy: [Float]) -> [Float] {
        var gw = [Float](repeating: 0, count: inChannels * outChannels * kernelSize)
        forEachTerm { xi, wi, yi in gw[wi] += x[xi] * gy[yi] }
        return gw
    }

    func geometry() throws -> Conv1dGeometry {
        try .transposed(
            batch: batch, inChannels: inChannels, outChannels: outChannels, inLength: inLength,
            kernelSize: kernelSize, stride: stride, padding: padding, outputPadding: outputPadding,
            dilation: dilation)
    }
}

// MARK: - Helpers

/// Uniform values in [-1, 1) from a fixed-seed linear congruential generator.
private func randomFloats(_ count: Int, seed: UInt64) -> [Float] {
    var state = seed &* 6364136223846793005 &+ 1442695040888963407
    return (0..<count).map { _ in
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Float(state >> 40) / Float(1 << 23) - 1
    }
}

private func dotProduct(_ a: [Float], _ b: [Float]) -> Double {
    zip(a, b).reduce(0) { $0 + Double($1.0) * Double($1.1) }
}

private enum Pass { case forward, backwardInput, backwardWeight }

/// Runs one kernel on arrays. `a`/`b` are its two inputs in the order of its signature; returns the output.
private func run(_ pass: Pass, _ a: [Float], _ b: [Float], _ g: Conv1dGeometry, scratchFloats: Int) -> [Float] {
    let count = pass == .forward ? g.outputCount : pass == .backwardInput ? g.inputCount : g.weightCount
    var out = [Float](repeating: .nan, count: count)
    a.withUnsafeBufferPointer { ap in
        b.withUnsafeBufferPointer { bp in
            out.withUnsafeMutableBufferPointer { op in
                let p = ap.baseAddress!, q = bp.baseAddress!, r = op.baseAddress!
                switch pass {
                case .forward: Conv1dKernels.forward(x: p, weight: q, y: r, g, scratchFloats: scratchFloats)
                case .backwardInput:
                    Conv1dKernels.backwardInput(gy: p, weight: q, gx: r, g, scratchFloats: scratchFloats)
                case .backwardWeight:
                    Conv1dKernels.backwardWeight(x: p, gy: q, gw: r, g, scratchFloats: scratchFloats)
                }
            }
        }
    }
    return out
}

/// (batch, inChannels, outChannels, inLength, kernelSize, stride, padding, dilation)
private typealias Case = (Int, Int, Int, Int, Int, Int, Int, Int)

private let cases: [Case] = [
    (1, 1, 1, 7, 1, 1, 0, 1),  // smallest
    (2, 3, 5, 17, 3, 1, 1, 1),  // stride 1, Cin ≠ Cout
    (3, 2, 4, 33, 3, 2, 1, 2),  // stride 2, dilation 2
    (2, 3, 2, 61, 25, 4, 11, 1),  // WaveGAN's kernel, stride, padding
    (1, 4, 3, 13, 3, 4, 0, 1),  // input positions 3, 7, 11, 12 touched by no output
    (2, 2, 3, 9, 1, 2, 0, 1),  // odd input positions touched by no output
    (3, 3, 3, 29, 3, 4, 1, 2),  // stride 4 with dilation 2: phases interleave
    (2, 2, 3, 50, 25, 2, 11, 2),  // dilated 25-tap kernel spanning nearly the padded input
    (1, 5, 1, 31, 3, 1, 11, 2),  // one output channel, padding beyond the kernel (outputs reading only zeros)
    (1, 128, 2, 37, 25, 4, 11, 1),  // Cin ≥ 128: phases with equal offset runs share a GEMM, the others not
    (1, 128, 3, 29, 3, 4, 1, 2),  // Cin ≥ 128, stride 4 with dilation 2
    (2, 1, 4, 67, 25, 4, 11, 1),  // one input channel (WaveGAN's first critic layer)
    (3, 1, 2, 15, 3, 2, 1, 2),  // one input channel, dilation 2
    (2, 1, 3, 11, 1, 4, 0, 1),  // one input channel, input positions touched by no output
]

private func geometry(_ c: Case) throws -> Conv1dGeometry {
    try Conv1dGeometry(
        batch: c.0, inChannels: c.1, outChannels: c.2, inLength: c.3, kernelSize: c.4, stride: c.5, padding: c.6,
        dilation: c.7)
}

// MARK: - Tests

@Suite struct Conv1dKernelTests {
    init() throws { try BLAS.load() }

    /// Each kernel against its naive loop, with the whole batch in one chunk and with one sample per chunk.
    @Test(arguments: cases.indices)
    func kernelsMatchNaiveLoops(_ index: Int) throws {
        let g = try geometry(cases[index])
        let x = randomFloats(g.inputCount, seed: 1), w = randomFloats(g.weightCount, seed: 2)
        let gy = randomFloats(g.outputCount, seed: 3)
        let expected: [(Pass, [Float], [Float], [Float])] = [
            (.forward, x, w, naiveForward(x, w, g)),
            (.backwardInput, gy, w, naiveBackwardInput(gy, w, g)),
            (.backwardWeight, x, gy, naiveBackwardWeight(x, gy, g)),
        ]
        for scratch in [Conv1dKernels.defaultScratchFloats, 1] {
            for (pass, a, b, reference) in expected {
                let got = run(pass, a, b, g, scratchFloats: scratch)
                #expect(allClose(got, reference, atol: 1e-4, rtol: 1e-4),
                        "\(pass) \(g) scratch \(scratch): max error \(maxAbsDifference(got, reference))")
            }
        }
    }

    /// ⟨conv(x), y⟩ = ⟨x, backwardInput(y)⟩ and ⟨conv(x; w), y⟩ = ⟨w, backwardWeight(x, y)⟩ on random data.
    @Test(arguments: cases.indices)
    func backwardKernelsAreAdjointsOfForward(_ index: Int) throws {
        let g = try geometry(cases[index])
        let x = randomFloats(g.inputCount, seed: 4), w = randomFloats(g.weightCount, seed: 5)
        let y = randomFloats(g.outputCount, seed: 6)
        let scratch = Conv1dKernels.defaultScratchFloats
        let convX = dotProduct(run(.forward, x, w, g, scratchFloats: scratch), y)
        let viaInput = dotProduct(x, run(.backwardInput, y, w, g, scratchFloats: scratch))
        let viaWeight = dotProduct(w, run(.backwardWeight, x, y, g, scratchFloats: scratch))
        let tolerance = 1e-4 * max(1, abs(convX))
        #expect(abs(convX - viaInput) < tolerance, "\(g): \(convX) vs \(viaInput)")
        #expect(abs(convX - viaWeight) < tolerance, "\(g): \(convX) vs \(viaWeight)")
    }

    /// ConvTranspose1d (WaveGAN's layer: kernel 25, stride 4, padding 11, output padding 1, and a thin one with a
    /// single output channel) through the kernels, forward and both gradients, against naive loops.
    @Test(arguments: [(2, 3, 2, 5), (1, 2, 3, 4), (2, 4, 1, 6)])
    func transposedConvolutionMatchesNaiveLoops(_ shape: (Int, Int, Int, Int)) throws {
        let t = NaiveTransposed(
            batch: shape.0, inChannels: shape.1, outChannels: shape.2, inLength: shape.3, kernelSize: 25, stride: 4,
            padding: 11, outputPadding: 1, dilation: 1)
        let g = try t.geometry()
        #expect(g.inLength == t.outLength && g.outLength == t.inLength)
        let x = randomFloats(t.batch * t.inChannels * t.inLength, seed: 7)
        let w = randomFloats(t.inChannels * t.outChannels * t.kernelSize, seed: 8)
        let gy = randomFloats(t.batch * t.outChannels * t.outLength, seed: 9)
        let scratch = Conv1dKernels.defaultScratchFloats
        let y = run(.backwardInput, x, w, g, scratchFloats: scratch)
        let gx = run(.forward, gy, w, g, scratchFloats: scratch)
        let gw = run(.backwardWeight, gy, x, g, scratchFloats: scratch)
        #expect(allClose(y, t.forward(x, w), atol: 1e-4), "forward \(g)")
        #expect(allClose(gx, t.inputGradient(gy, w), atol: 1e-4), "input gradient \(g)")
        #expect(allClose(gw, t.weightGradient(x, gy), atol: 1e-4), "weight gradient \(g)")
    }

    @Test func emptyBatchZeroesTheWeightGradient() throws {
        let g = try Conv1dGeometry(batch: 0, inChannels: 2, outChannels: 3, inLength: 8, kernelSize: 3)
        #expect(run(.backwardWeight, [0], [0], g, scratchFloats: Conv1dKernels.defaultScratchFloats)
            == [Float](repeating: 0, count: 18))
    }

    @Test func geometryComputesLengthsAndRejectsBadSizes() throws {
        let d2 = try Conv1dGeometry(
            batch: 64, inChannels: 64, outChannels: 128, inLength: 4096, kernelSize: 25, stride: 4, padding: 11)
        #expect(d2.outLength == 1024)
        let g1 = try Conv1dGeometry.transposed(
            batch: 64, inChannels: 1024, outChannels: 512, inLength: 16, kernelSize: 25, stride: 4, padding: 11,
            outputPadding: 1)
        #expect(g1.inChannels == 512 && g1.outChannels == 1024 && g1.inLength == 64 && g1.outLength == 16)
        #expect(throws: TensorError.self) {
            try Conv1dGeometry(batch: 1, inChannels: 0, outChannels: 1, inLength: 8, kernelSize: 3)
        }
        #expect(throws: TensorError.self) {
            try Conv1dGeometry(batch: 1, inChannels: 1, outChannels: 1, inLength: 8, kernelSize: 3, padding: -1)
        }
        #expect(throws: TensorError.self) {  // kernel longer than the padded input
            try Conv1dGeometry(batch: 1, inChannels: 1, outChannels: 1, inLength: 4, kernelSize: 3, dilation: 3)
        }
        #expect(throws: TensorError.self) {
            try Conv1dGeometry.transposed(
                batch: 1, inChannels: 1, outChannels: 1, inLength: 4, kernelSize: 3, stride: 2, outputPadding: 2)
        }
    }
}
