import Foundation
import Testing
@testable import DSP

/// `|H(e^{iω})|` of the cascade, evaluated from its coefficients.
private func response(_ filter: BiquadCascade, frequency: Double, sampleRate: Double) -> Double {
    let w = 2 * Double.pi * frequency / sampleRate
    var gain = 1.0
    for s in filter.sections {
        // H = (b0 + b1 z⁻¹ + b2 z⁻²) / (1 + a1 z⁻¹ + a2 z⁻²) at z = e^{iω}
        let nr = s.b0 + s.b1 * cos(w) + s.b2 * cos(2 * w), ni = -s.b1 * sin(w) - s.b2 * sin(2 * w)
        let dr = 1 + s.a1 * cos(w) + s.a2 * cos(2 * w), di = -s.a1 * sin(w) - s.a2 * sin(2 * w)
        gain *= ((nr * nr + ni * ni) / (dr * dr + di * di)).squareRoot()
    }
    return gain
}

/// The closed form of a digital Butterworth filter made by the bilinear transform.
private func butterworth(frequency: Double, cutoff: Double, sampleRate: Double, order: Int, highPass: Bool) -> Double {
    var ratio = tan(Double.pi * frequency / sampleRate) / tan(Double.pi * cutoff / sampleRate)
    if highPass { ratio = 1 / ratio }
    return 1 / (1 + pow(ratio, Double(2 * order))).squareRoot()
}

@Suite struct ButterworthTests {
    @Test(arguments: [1, 2, 3, 4, 7])
    func responseMatchesTheClosedForm(order: Int) throws {
        let sr = 16000.0, fc = 1200.0
        let lp = try Butterworth.lowPass(cutoff: fc, sampleRate: sr, order: order)
        let hp = try Butterworth.highPass(cutoff: fc, sampleRate: sr, order: order)
        for f in [50.0, 600, 1000, 1200, 1500, 2400, 5000, 7900] {
            let l = butterworth(frequency: f, cutoff: fc, sampleRate: sr, order: order, highPass: false)
            let h = butterworth(frequency: f, cutoff: fc, sampleRate: sr, order: order, highPass: true)
            #expect(abs(response(lp, frequency: f, sampleRate: sr) - l) < 1e-9 + 1e-6 * l, "low-pass \(f) Hz")
            #expect(abs(response(hp, frequency: f, sampleRate: sr) - h) < 1e-9 + 1e-6 * h, "high-pass \(f) Hz")
        }
    }

    @Test func filteringASineScalesItByTheResponse() throws {
        let sr = 16000.0
        let lp = try Butterworth.lowPass(cutoff: 1000, sampleRate: sr, order: 4)
        for f in [500.0, 1000, 2000] {
            var x = sine(frequency: f, sampleRate: sr, count: 16000)
            x.withUnsafeMutableBufferPointer { lp.process($0.baseAddress!, count: $0.count) }
            let measured = toneAmplitude(x[4000..<16000], frequency: f, sampleRate: sr)
            let expected = butterworth(frequency: f, cutoff: 1000, sampleRate: sr, order: 4, highPass: false)
            #expect(abs(measured - expected) < 1e-3, "\(f) Hz: \(measured) vs \(expected)")
        }
    }

    @Test func rejectsCutoffsOutsideTheBand() {
        #expect(throws: DSPError.self) { try Butterworth.lowPass(cutoff: 9000, sampleRate: 16000) }
        #expect(throws: DSPError.self) { try Butterworth.highPass(cutoff: 100, sampleRate: 16000, order: 0) }
    }
}
