import Foundation
import Testing
@testable import DSP

/// Frequency (Hz) of the strongest spectral peak of `x`, refined by parabolic interpolation of log magnitudes.
func peakFrequency(_ x: [Float], sampleRate: Double) throws -> Double {
    let n = 1 << Int(log2(Double(x.count)).rounded(.up) + 1)  // zero-padded, at least twice the length
    let w = WindowKind.hann.coefficients(length: x.count)
    var frame = [Float](repeating: 0, count: n)
    for i in x.indices { frame[i] = x[i] * w[i] }
    let fft = try RealFFT.plan(size: n)
    var spectrum = [Float](repeating: 0, count: 2 * fft.bins)
    frame.withUnsafeBufferPointer { f in spectrum.withUnsafeMutableBufferPointer { fft.forward(f.baseAddress!, $0.baseAddress!) } }
    let m = (0..<fft.bins).map { log(Double(hypot(spectrum[2 * $0], spectrum[2 * $0 + 1])) + 1e-12) }
    let k = m.indices.dropFirst().dropLast().max { m[$0] < m[$1] }!
    let offset = 0.5 * (m[k - 1] - m[k + 1]) / (m[k - 1] - 2 * m[k] + m[k + 1])
    return (Double(k) + offset) * sampleRate / Double(n)
}

@Suite struct PhaseVocoderTests {
    static let tone = sine(frequency: 440, sampleRate: 16000, count: 16000, amplitude: 0.5)

    @Test func pitchShiftByAnOctaveDoublesTheFrequencyAndKeepsTheLength() throws {
        let vocoder = try PhaseVocoder()
        let up = try vocoder.pitchShift(Self.tone, semitones: 12)
        #expect(up.count == Self.tone.count)
        let f = try peakFrequency(Array(up[2000..<14000]), sampleRate: 16000)
        #expect(abs(f - 880) < 2, "peak at \(f) Hz")
        let down = try vocoder.pitchShift(Self.tone, semitones: -5)
        let g = try peakFrequency(Array(down[2000..<14000]), sampleRate: 16000)
        #expect(abs(g - 440 * pow(2, -5.0 / 12)) < 2, "peak at \(g) Hz")
    }

    @Test(arguments: [1.5, 1 / 1.5])
    func timeStretchKeepsThePitchAndScalesTheLength(rate: Double) throws {
        let vocoder = try PhaseVocoder()
        let y = try vocoder.timeStretch(Self.tone, rate: rate)
        #expect(y.count == Int((16000 / rate).rounded()))
        let middle = Array(y[(y.count / 8)..<(7 * y.count / 8)])
        let f = try peakFrequency(middle, sampleRate: 16000)
        #expect(abs(f - 440) < 2, "peak at \(f) Hz")
        // The level survives too (a sine keeps its amplitude under the vocoder).
        #expect(abs(toneAmplitude(middle[...], frequency: 440, sampleRate: 16000) - 0.5) < 0.05)
    }

    @Test func rateOneIsTheIdentityUpToTheSTFTRoundTrip() throws {
        let vocoder = try PhaseVocoder(fftSize: 512)
        let x = testNoise(4000)
        let y = try vocoder.timeStretch(x, rate: 1)
        #expect(y.count == x.count)
        #expect(zip(x, y).allSatisfy { abs($0 - $1) < 1e-4 })
    }
}
