import Foundation
import Testing
@testable import DSP
import _TestSupport

/// Naive framed DFT in Double: the reference the STFT is checked against.
private func naiveSTFT(_ x: [Float], _ c: STFTConfig) -> (re: [Double], im: [Double], frames: Int) {
    let n = c.fftSize, pad = c.padding, length = x.count
    var window = [Double](repeating: 0, count: n)
    let off = (n - c.windowLength) / 2
    for i in 0..<c.windowLength {
        let theta = 2 * Double.pi * Double(i) / Double(c.windowLength)
        switch c.window {
        case .rectangular: window[off + i] = 1
        case .hann: window[off + i] = 0.5 - 0.5 * cos(theta)
        case .hamming: window[off + i] = 0.54 - 0.46 * cos(theta)
        case .blackman: window[off + i] = 0.42 - 0.5 * cos(theta) + 0.08 * cos(2 * theta)
        }
    }
    var padded = [Double]()
    for j in -pad..<(length + pad) {
        let src = j < 0 ? -j : (j >= length ? 2 * (length - 1) - j : j)
        padded.append(Double(x[src]))
    }
    let frames = 1 + (padded.count - n) / c.hopLength
    let bins = n / 2 + 1
    var re = [Double](repeating: 0, count: bins * frames), im = re
    for t in 0..<frames {
        for k in 0..<bins {
            var sr = 0.0, si = 0.0
            for m in 0..<n {
                let v = window[m] * padded[t * c.hopLength + m]
                let theta = -2 * Double.pi * Double(k * m) / Double(n)
                sr += v * cos(theta)
                si += v * sin(theta)
            }
            re[k * frames + t] = sr
            im[k * frames + t] = si
        }
    }
    return (re, im, frames)
}

@Suite struct STFTTests {
    static let settings: [STFTConfig] = [
        STFTConfig(fftSize: 16, hopLength: 4, center: true),
        STFTConfig(fftSize: 16, hopLength: 5, center: false),
        STFTConfig(fftSize: 32, hopLength: 8, windowLength: 20, window: .hamming, center: true),
        STFTConfig(fftSize: 15, hopLength: 3, window: .blackman, center: true),
        STFTConfig(fftSize: 64, hopLength: 64, window: .rectangular, center: false),
        STFTConfig(fftSize: 24, hopLength: 7, window: .hann, center: false),
    ]

    @Test(arguments: settings)
    func forwardMatchesNaiveDFT(config: STFTConfig) throws {
        let stft = try STFT(config)
        let length = 101
        let x = testNoise(2 * length, seed: 7)
        let spec = try stft.forward(x, batch: 2)
        for b in 0..<2 {
            let ref = naiveSTFT(Array(x[(b * length)..<((b + 1) * length)]), config)
            #expect(spec.frames == ref.frames)
            let plane = spec.bins * spec.frames
            let re = Array(spec.real[(b * plane)..<((b + 1) * plane)])
            let im = Array(spec.imag[(b * plane)..<((b + 1) * plane)])
            #expect(maxAbsDifference(re, ref.re.map(Float.init)) < 2e-4, "\(config) real, item \(b)")
            #expect(maxAbsDifference(im, ref.im.map(Float.init)) < 2e-4, "\(config) imag, item \(b)")
        }
    }

    @Test(arguments: [
        STFTConfig(fftSize: 64, hopLength: 16), STFTConfig(fftSize: 512, hopLength: 128),
        STFTConfig(fftSize: 256, hopLength: 128, window: .hamming), STFTConfig(fftSize: 63, hopLength: 10),
        STFTConfig(fftSize: 128, hopLength: 32, windowLength: 96, window: .blackman),
    ])
    func inverseReconstructsTheSignal(config: STFTConfig) throws {
        let stft = try STFT(config)
        let length = 2000
        let x = testNoise(3 * length, seed: 3)
        let y = try stft.inverse(stft.forward(x, batch: 3), length: length)
        #expect(maxAbsDifference(x, y) < 1e-5, "\(config)")
    }

    @Test func parsevalHoldsPerFrame() throws {
        // Σₙ |w[n] x[n]|² = (1/N) Σ over all N bins |X_k|²; the half spectrum counts interior bins twice.
        let config = STFTConfig(fftSize: 128, hopLength: 50, window: .hann, center: false)
        let stft = try STFT(config)
        let x = testNoise(1000, seed: 11)
        let spec = try stft.forward(x)
        for t in 0..<spec.frames {
            var time = 0.0
            for i in 0..<128 { time += pow(Double(stft.window[i] * x[t * 50 + i]), 2) }
            var freq = 0.0
            for k in 0..<spec.bins {
                let p = pow(Double(spec.real[k * spec.frames + t]), 2) + pow(Double(spec.imag[k * spec.frames + t]), 2)
                freq += (k == 0 || k == 64) ? p : 2 * p
            }
            #expect(abs(time - freq / 128) <= 1e-5 * time, "frame \(t)")
        }
    }

    @Test(arguments: [
        STFTConfig(fftSize: 32, hopLength: 8), STFTConfig(fftSize: 31, hopLength: 6, window: .hamming),
        STFTConfig(fftSize: 32, hopLength: 12, windowLength: 24, center: false),
    ])
    func adjointSatisfiesTheDotProductIdentity(config: STFTConfig) throws {
        // ⟨STFT x, G⟩ = ⟨x, STFTᵀ G⟩ for arbitrary x and G.
        let stft = try STFT(config)
        let length = 150, batch = 2
        let x = testNoise(batch * length, seed: 5)
        let spec = try stft.forward(x, batch: batch)
        let gRe = testNoise(spec.real.count, seed: 6), gIm = testNoise(spec.imag.count, seed: 8)
        var back = [Float](repeating: 0, count: x.count)
        try gRe.withUnsafeBufferPointer { r in
            try gIm.withUnsafeBufferPointer { i in
                try back.withUnsafeMutableBufferPointer { o in
                    try stft.adjoint(gradReal: r.baseAddress!, gradImag: i.baseAddress!, batch: batch, length: length,
                                     output: o.baseAddress!)
                }
            }
        }
        var lhs = 0.0, rhs = 0.0
        for i in spec.real.indices { lhs += Double(spec.real[i] * gRe[i]) + Double(spec.imag[i] * gIm[i]) }
        for i in x.indices { rhs += Double(x[i] * back[i]) }
        #expect(abs(lhs - rhs) <= 1e-4 * abs(lhs), "\(config): \(lhs) vs \(rhs)")
    }

    @Test func rejectsBadSettingsAndShortSignals() throws {
        #expect(throws: DSPError.self) { try STFT(fftSize: 64, hopLength: 0) }
        #expect(throws: DSPError.self) { try STFT(fftSize: 64, windowLength: 65) }
        let centred = try STFT(fftSize: 64)
        #expect(throws: DSPError.self) { try centred.forward([Float](repeating: 0, count: 32)) }
        let plain = try STFT(fftSize: 64, center: false)
        #expect(throws: DSPError.self) { try plain.forward([Float](repeating: 0, count: 63)) }
    }
}
