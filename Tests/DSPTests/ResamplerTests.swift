import Foundation
import Testing
@testable import DSP
import _TestSupport

/// Level of `x`'s strongest component outside `exclude` (Hz), relative to the level at `reference` (Hz), in dB,
/// from a Blackman-windowed FFT of the middle of the signal.
private func spuriousLevel(_ x: [Float], sampleRate: Double, reference: Double, exclude: ClosedRange<Double>)
    throws -> Double
{
    let n = 8192
    let start = (x.count - n) / 2
    let w = WindowKind.blackman.coefficients(length: n)
    let frame = (0..<n).map { x[start + $0] * w[$0] }
    let fft = try RealFFT.plan(size: n)
    var spectrum = [Float](repeating: 0, count: 2 * fft.bins)
    frame.withUnsafeBufferPointer { f in spectrum.withUnsafeMutableBufferPointer { fft.forward(f.baseAddress!, $0.baseAddress!) } }
    let magnitude = (0..<fft.bins).map { Double(hypot(spectrum[2 * $0], spectrum[2 * $0 + 1])) }
    let hz = sampleRate / Double(n)
    let ref = magnitude[Int((reference / hz).rounded())]
    var worst = 0.0
    for k in 0..<fft.bins where !exclude.contains(Double(k) * hz) { worst = max(worst, magnitude[k]) }
    return 20 * log10(worst / ref)
}

private func gainDB(_ resampler: Resampler, frequency: Double, from inRate: Double, to outRate: Double) -> Double {
    let x = sine(frequency: frequency, sampleRate: inRate, count: Int(inRate / 2), amplitude: 0.5)
    let y = resampler.process(x)
    let middle = y[(y.count / 4)..<(3 * y.count / 4)]
    return 20 * log10(toneAmplitude(middle, frequency: frequency, sampleRate: outRate) / 0.5)
}

@Suite struct ResamplerTests {
    @Test func downsampling44100To16000KeepsLevelAndRejectsAlias() throws {
        let r = try Resampler(from: 44100, to: 16000)
        #expect(r.up == 160 && r.down == 441)
        #expect(abs(gainDB(r, frequency: 1000, from: 44100, to: 16000)) < 0.1)
        // 1 kHz plus 12 kHz (above the new 8 kHz Nyquist; it would alias to 4 kHz).
        let a = sine(frequency: 1000, sampleRate: 44100, count: 44100, amplitude: 0.4)
        let b = sine(frequency: 12000, sampleRate: 44100, count: 44100, amplitude: 0.4)
        let y = r.process(zip(a, b).map(+))
        #expect(y.count == 16000)
        let spurious = try spuriousLevel(y, sampleRate: 16000, reference: 1000, exclude: 900...1100)
        #expect(spurious < -60, "strongest component besides 1 kHz at \(spurious) dB")
    }

    @Test(arguments: [(44100, 16000), (48000, 22050), (16000, 44100), (22050, 16000)])
    func passbandIsFlatToNinetyPercentOfTheLowerNyquist(rates: (Int, Int)) throws {
        let r = try Resampler(from: rates.0, to: rates.1)
        let nyquist = Double(min(rates.0, rates.1)) / 2
        for fraction in [0.01, 0.2, 0.5, 0.75, 0.9] {
            let g = gainDB(r, frequency: fraction * nyquist, from: Double(rates.0), to: Double(rates.1))
            #expect(abs(g) < 0.5, "\(rates): \(fraction) of Nyquist at \(g) dB")
        }
    }

    @Test func downsampling48000To22050RejectsAlias() throws {
        let r = try Resampler(from: 48000, to: 22050)
        // 15 kHz lies above 11.025 kHz and would alias to 7.05 kHz.
        let x = zip(sine(frequency: 1000, sampleRate: 48000, count: 48000, amplitude: 0.4),
                    sine(frequency: 15000, sampleRate: 48000, count: 48000, amplitude: 0.4)).map(+)
        let spurious = try spuriousLevel(r.process(x), sampleRate: 22050, reference: 1000, exclude: 900...1100)
        #expect(spurious < -60, "\(spurious) dB")
    }

    @Test func upsamplingRejectsImages() throws {
        let r = try Resampler(from: 16000, to: 44100)
        let x = sine(frequency: 3000, sampleRate: 16000, count: 16000, amplitude: 0.8)
        let spurious = try spuriousLevel(r.process(x), sampleRate: 44100, reference: 3000, exclude: 2900...3100)
        #expect(spurious < -60, "\(spurious) dB")
    }

    @Test func arbitraryRatioScalesLengthAndFrequency() throws {
        let ratio = pow(2, 5.0 / 12)
        let r = try Resampler(ratio: ratio)
        #expect(abs(Double(r.up) / Double(r.down) - ratio) < 1e-9)
        let x = sine(frequency: 500, sampleRate: 16000, count: 8000)
        let y = r.process(x)
        #expect(abs(Double(y.count) - 8000 * ratio) <= 1)
        // Played at the original rate, the tone drops by the ratio.
        let middle = y[(y.count / 4)..<(3 * y.count / 4)]
        #expect(toneAmplitude(middle, frequency: 500 / ratio, sampleRate: 16000) > 0.99)
    }

    @Test func sameRateIsIdentityAndChannelsStayApart() throws {
        let same = try Resampler(from: 22050, to: 22050)
        let x = testNoise(1000)
        #expect(same.process(x) == x)
        let r = try Resampler(from: 32000, to: 16000)
        let left = sine(frequency: 440, sampleRate: 32000, count: 3200), right = [Float](repeating: 0, count: 3200)
        let y = try r.process(planar: left + right, channels: 2)
        #expect(y.count == 3200)
        #expect(y[1600...].allSatisfy { $0 == 0 })
        #expect(maxAbsDifference(Array(y[..<1600]), r.process(left)) == 0)
    }

    @Test func rejectsBadRates() {
        #expect(throws: DSPError.self) { _ = try Resampler(from: 0, to: 16000) }
        #expect(throws: DSPError.self) { _ = try Resampler(ratio: .nan) }
        #expect(throws: DSPError.self) { _ = try Resampler(from: 1_000_000_000, to: 16000) }
    }
}
