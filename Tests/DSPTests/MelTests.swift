import Foundation
import Testing
@testable import DSP
import _TestSupport

@Suite struct MelTests {
    @Test func scalesMatchTheirClosedForms() {
        #expect(abs(MelScale.htk.mel(fromHz: 700) - 2595 * log10(2.0)) < 1e-9)
        #expect(abs(MelScale.slaney.mel(fromHz: 500) - 7.5) < 1e-12)
        #expect(abs(MelScale.slaney.mel(fromHz: 1000) - 15) < 1e-12)
        #expect(abs(MelScale.slaney.mel(fromHz: 6400) - 42) < 1e-9)
        for scale in [MelScale.htk, .slaney] {
            for hz in [0.0, 40, 999, 1000, 1001, 7800, 22050] {
                #expect(abs(scale.hz(fromMel: scale.mel(fromHz: hz)) - hz) < 1e-6 * max(1, hz))
            }
        }
    }

    @Test(arguments: [MelScale.htk, .slaney])
    func weightsAreTrianglesBetweenMelSpacedEdges(scale: MelScale) throws {
        let sr = 16000, n = 512, m = 20, fMin = 50.0, fMax = 7000.0
        let bank = try MelFilterbank(sampleRate: sr, fftSize: n, melCount: m, minFrequency: fMin, maxFrequency: fMax,
                                     scale: scale, normalization: .none)
        // Edges equally spaced in mel, then each weight from the triangle's formula.
        let lo = scale.mel(fromHz: fMin), hi = scale.mel(fromHz: fMax)
        for i in 0..<(m + 2) {
            let expectedMel = lo + (hi - lo) * Double(i) / Double(m + 1)
            #expect(abs(scale.mel(fromHz: bank.edges[i]) - expectedMel) < 1e-6)
        }
        for band in 0..<m {
            let (a, c, b) = (bank.edges[band], bank.edges[band + 1], bank.edges[band + 2])
            for k in 0..<bank.bins {
                let f = Double(k) * Double(sr) / Double(n)
                let expected = f <= a || f >= b ? 0 : (f <= c ? (f - a) / (c - a) : (b - f) / (b - c))
                #expect(abs(Double(bank.weights[band * bank.bins + k]) - expected) < 1e-6, "band \(band) bin \(k)")
            }
        }
        // Neighbouring triangles sum to one between the first and last centre.
        for k in 0..<bank.bins {
            let f = Double(k) * Double(sr) / Double(n)
            guard f >= bank.edges[1], f <= bank.edges[m] else { continue }
            let total = (0..<m).reduce(0.0) { $0 + Double(bank.weights[$1 * bank.bins + k]) }
            #expect(abs(total - 1) < 1e-5, "bin \(k)")
        }
    }

    @Test func slaneyNormalisationGivesUnitArea() throws {
        let sr = 16000, n = 16384
        let bank = try MelFilterbank(sampleRate: sr, fftSize: n, melCount: 40, minFrequency: 100, maxFrequency: 7000)
        let hzPerBin = Double(sr) / Double(n)
        for band in 0..<40 {
            let area = (0..<bank.bins).reduce(0.0) { $0 + Double(bank.weights[band * bank.bins + $1]) } * hzPerBin
            #expect(abs(area - 1) < 0.01, "band \(band): \(area)")
        }
    }

    @Test func applyIsTheMatrixProduct() throws {
        let bank = try MelFilterbank(sampleRate: 8000, fftSize: 64, melCount: 6, scale: .htk)
        let frames = 5, batch = 2
        let spec = testNoise(batch * bank.bins * frames).map(abs)
        let out = try bank.apply(spec, batch: batch)
        var ref = [Float](repeating: 0, count: batch * 6 * frames)
        for b in 0..<batch {
            for m in 0..<6 {
                for t in 0..<frames {
                    var s = 0.0
                    for k in 0..<bank.bins {
                        s += Double(bank.weights[m * bank.bins + k]) * Double(spec[(b * bank.bins + k) * frames + t])
                    }
                    ref[(b * 6 + m) * frames + t] = Float(s)
                }
            }
        }
        #expect(maxAbsDifference(out, ref) < 1e-5)
    }

    @Test func rejectsBandsBeyondNyquist() {
        #expect(throws: DSPError.self) { try MelFilterbank(sampleRate: 16000, fftSize: 512, melCount: 10, maxFrequency: 9000) }
        #expect(throws: DSPError.self) { try MelFilterbank(sampleRate: 16000, fftSize: 512, melCount: 0) }
    }

    @Test func logMelFeaturesMatchAFramedDFTReference() throws {
        let features = try LogMelFeatures()
        #expect(LogMelFeatures.frames == 128)
        // A clip shorter than 16384 samples: zero-padded.
        let clip = zip(sine(frequency: 440, sampleRate: 16000, count: 12000, amplitude: 0.5), testNoise(12000))
            .map { $0 + 0.05 * $1 }
        let out = try features(clip, count: 1)
        #expect(out.count == 128 * 128)
        let bank = features.filterbank
        for t in [0, 40, 93, 127] {  // frame 93 straddles the end of the clip, 127 is padding only
            var magnitude = [Double](repeating: 0, count: 1025)
            for k in 0..<1025 {
                var re = 0.0, im = 0.0
                for i in 0..<2048 {
                    let s = t * 128 + i
                    guard s < clip.count else { break }
                    let w = 0.5 - 0.5 * cos(2 * Double.pi * Double(i) / 2048)
                    let theta = 2 * Double.pi * Double(k * i) / 2048
                    re += w * Double(clip[s]) * cos(theta)
                    im -= w * Double(clip[s]) * sin(theta)
                }
                magnitude[k] = (re * re + im * im).squareRoot()
            }
            for m in stride(from: 0, to: 128, by: 9) {
                var mel = 0.0
                for k in 0..<1025 { mel += Double(bank.weights[m * 1025 + k]) * magnitude[k] }
                let expected = log(mel + 1e-6)
                #expect(abs(Double(out[m * 128 + t]) - expected) < 1e-3 * max(1, abs(expected)), "band \(m) frame \(t)")
            }
        }
    }
}
