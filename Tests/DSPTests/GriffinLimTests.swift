import Foundation
import Testing
@testable import DSP

/// ‖ |STFT(y)| − S ‖ / ‖S‖.
private func spectralConvergence(_ y: [Float], _ target: [Float], _ stft: STFT) throws -> Double {
    let m = try stft.forward(y).magnitude()
    var num = 0.0, den = 0.0
    for i in target.indices {
        num += pow(Double(m[i] - target[i]), 2)
        den += pow(Double(target[i]), 2)
    }
    return (num / den).squareRoot()
}

@Suite struct GriffinLimTests {
    static func signal() -> [Float] {
        // Two tones and a chirp.
        (0..<4096).map { i in
            let t = Double(i) / 8000
            return Float(0.5 * sin(2 * .pi * 440 * t) + 0.3 * sin(2 * .pi * 1250 * t) + 0.2 * sin(2 * .pi * (300 + 900 * t) * t))
        }
    }

    @Test func plainGriffinLimNeverIncreasesTheInconsistency() throws {
        let stft = try STFT(fftSize: 256, hopLength: 64, center: false)
        let x = Self.signal()
        let target = try stft.forward(x).magnitude()
        var last = Double.infinity
        for iterations in [0, 1, 2, 4, 8, 16] {
            let y = try GriffinLim.reconstruct(magnitude: target, stft: stft, length: x.count, iterations: iterations,
                                               momentum: 0)
            let sc = try spectralConvergence(y, target, stft)
            #expect(sc <= last + 1e-4, "\(iterations) iterations: \(sc) after \(last)")
            last = sc
        }
    }

    @Test func momentumConvergesFasterThanPlainGriffinLim() throws {
        let stft = try STFT(fftSize: 256, hopLength: 64, center: false)
        let x = Self.signal()
        let target = try stft.forward(x).magnitude()
        let plain = try GriffinLim.reconstruct(magnitude: target, stft: stft, length: x.count, iterations: 100,
                                               momentum: 0)
        let fast = try GriffinLim.reconstruct(magnitude: target, stft: stft, length: x.count, iterations: 100)
        let scPlain = try spectralConvergence(plain, target, stft), scFast = try spectralConvergence(fast, target, stft)
        #expect(scFast < 0.06, "spectral convergence \(scFast) after 100 fast iterations")
        #expect(scFast < scPlain / 2, "fast \(scFast) vs plain \(scPlain)")
    }

    @Test func rejectsMismatchedLength() throws {
        let stft = try STFT(fftSize: 64, hopLength: 16)
        let target = [Float](repeating: 1, count: 33 * 10)
        #expect(throws: DSPError.self) { try GriffinLim.reconstruct(magnitude: target, stft: stft, length: 1000) }
    }
}
