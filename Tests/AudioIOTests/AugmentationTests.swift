import Foundation
import Testing
@testable import AudioIO
import DSP
import TensorCore
import _TestSupport

/// A pipeline of one step whose parameter is fixed to `value`.
private func apply(_ kind: AudioAugmentation.Kind, _ value: Double, to x: AudioBuffer, seed: UInt64 = 1,
                   partner: AudioBuffer? = nil) throws -> AudioBuffer {
    var g = SeededGenerator(seed: seed)
    return try AudioAugmentationPipeline([AudioAugmentation(kind, range: value...value)]).apply(x, generator: &g) { _ in partner }
}

private func mono(_ samples: [Float], rate: Int = 16000) -> AudioBuffer {
    try! AudioBuffer(samples: samples, channels: 1, sampleRate: rate)
}

@Suite struct AugmentationTests {
    static let a440 = mono(tone(440, rate: 16000, count: 16000))

    @Test func gainPolarityAndShiftFollowTheirDefinitions() throws {
        let ramp: [Float] = (0..<1000).map { Float($0) * 1e-4 }
        let x = mono(zip(tone(100, rate: 16000, count: 1000), ramp).map { $0 + $1 })
        let g = try apply(.gain, -6, to: x)
        #expect(maxAbsDifference(g.samples, x.samples.map { $0 * Float(pow(10, -6.0 / 20)) }) < 1e-7)
        #expect(try apply(.polarity, 0, to: x).samples == x.samples.map { -$0 })
        let s = try apply(.shift, 0.25, to: x)
        let rolled: [Float] = (0..<1000).map { x.samples[($0 + 750) % 1000] }
        #expect(s.samples == rolled)
        let back = try apply(.shift, -0.1, to: x)
        #expect(back.samples[0] == x.samples[100])
    }

    @Test(arguments: [0.0, 10, 25])
    func noiseIsAddedAtTheRequestedSNR(snr: Double) throws {
        let y = try apply(.noise, snr, to: Self.a440, seed: UInt64(snr))
        let noise = zip(y.samples, Self.a440.samples).map { $0 - $1 }
        let measured = Levels.decibels(Levels.rms(Self.a440.samples)) - Levels.decibels(Levels.rms(noise))
        #expect(abs(measured - snr) < 0.5, "SNR \(measured) dB for \(snr) dB")
    }

    @Test func mixAddsThePartnerAtTheRequestedSNR() throws {
        // A stereo 8 kHz partner is resampled, mixed down and looped to the 16 kHz mono clip.
        let partner = try AudioBuffer(samples: tone(1000, rate: 8000, count: 3000) + tone(1000, rate: 8000, count: 3000),
                                      channels: 2, sampleRate: 8000)
        let y = try apply(.mix, 12, to: Self.a440, partner: partner)
        let added = zip(y.samples, Self.a440.samples).map { $0 - $1 }
        let measured = Levels.decibels(Levels.rms(Self.a440.samples)) - Levels.decibels(Levels.rms(added))
        #expect(abs(measured - 12) < 0.1)
        #expect(toneAmplitude(added[2000..<14000], frequency: 1000, rate: 16000) > 0.1)
        #expect(throws: AudioIOError.self) { try apply(.mix, 12, to: Self.a440) }
    }

    @Test func pitchShiftAnOctaveUpPeaksAt880HzWithTheLengthKept() throws {
        let y = try apply(.pitch, 12, to: Self.a440)
        #expect(y.frames == 16000)
        let mid = y.samples[2000..<14000]
        #expect(toneAmplitude(mid, frequency: 880, rate: 16000) > 0.4)
        #expect(toneAmplitude(mid, frequency: 440, rate: 16000) < 0.02)
    }

    @Test func timeStretchKeepsPitchAndLength() throws {
        let y = try apply(.stretch, 1.5, to: Self.a440)
        #expect(y.frames == 16000)
        // 16000 / 1.5 ≈ 10667 samples of tone, then zeros.
        #expect(toneAmplitude(y.samples[1000..<9500], frequency: 440, rate: 16000) > 0.45)
        #expect(Levels.peak(y.samples[11000...]) == 0)
    }

    @Test func filtersAttenuateAsButterworthSays() throws {
        let x = mono(tone(4000, rate: 16000, count: 8000))
        let lp = try apply(.lowpass, 1000, to: x), hp = try apply(.highpass, 1000, to: x)
        // Second order, bilinear: |H|² = 1 / (1 + (tan(πf/fs) / tan(πfc/fs))^{±4}).
        let r: Double = tan(Double.pi * 4000 / 16000) / tan(Double.pi * 1000 / 16000)
        let expectedLow: Double = 0.5 / (1 + pow(r, 4)).squareRoot()
        let expectedHigh: Double = 0.5 / (1 + pow(1 / r, 4)).squareRoot()
        let low = toneAmplitude(lp.samples[2000...], frequency: 4000, rate: 16000)
        let high = toneAmplitude(hp.samples[2000...], frequency: 4000, rate: 16000)
        #expect(abs(low - expectedLow) < 2e-3, "low-pass \(low) vs \(expectedLow)")
        #expect(abs(high - expectedHigh) < 2e-3, "high-pass \(high) vs \(expectedHigh)")
    }

    @Test func pipelinesAreReproducibleAndRespectProbability() throws {
        let steps = try ["gain", "noise=20:30", "shift", "lowpass"].map { try AudioAugmentation.parse($0) }
        let pipeline = AudioAugmentationPipeline(steps)
        var g1 = SeededGenerator(seed: 5), g2 = SeededGenerator(seed: 5), g3 = SeededGenerator(seed: 6)
        let a = try pipeline.apply(Self.a440, generator: &g1), b = try pipeline.apply(Self.a440, generator: &g2)
        let c = try pipeline.apply(Self.a440, generator: &g3)
        #expect(a == b && a != c)
        var g = SeededGenerator(seed: 1)
        let never = try AudioAugmentationPipeline([AudioAugmentation(.polarity, probability: 0)]).apply(Self.a440, generator: &g)
        #expect(never == Self.a440)
    }

    @Test func parsingAcceptsRangesAndRejectsNonsense() throws {
        #expect(try AudioAugmentation.parse("gain=-6:6").range == -6...6)
        #expect(try AudioAugmentation.parse("pitch=12").range == 12...12)
        #expect(try AudioAugmentation.parse("lowpass").range == 150...7500)
        for bad in ["reverb", "gain=3:1", "gain=", "gain=a:b", "stretch=0:2", "shift=-2:0"] {
            #expect(throws: AudioIOError.self, "\(bad)") { try AudioAugmentation.parse(bad) }
        }
    }
}
