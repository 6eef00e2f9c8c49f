import Foundation
import SwiftGAN
import Testing

@Suite struct AudioModelConfigTests {
    /// Model files written before a field existed still load: every absent field takes its default.
    @Test func configurationsWithoutNewerFieldsDecode() throws {
        let earlier = #"{"wavegan": {"modelSize": 8, "labelCount": 2}, "critics": "both", "labels": ["a", "b"]}"#
        let config = try JSONDecoder().decode(AudioModelConfig.self, from: Data(earlier.utf8))
        #expect(config.wavegan.modelSize == 8 && config.critics == .both && config.labels == ["a", "b"])
        #expect(config.mismatchedLabelWeight == AudioModelConfig().mismatchedLabelWeight)
        #expect(config.waveCriticMuLaw == 0)
        #expect(config.spectrogram == SpectrogramCritic.Config() && config.tailGate == nil)
        var current = config
        current.mismatchedLabelWeight = 0.5
        current.waveCriticMuLaw = 255
        current.tailGate = -40
        #expect(try JSONDecoder().decode(AudioModelConfig.self, from: JSONEncoder().encode(current)) == current)
    }

    /// An absent field takes its default, a present one of the wrong type is an error, not silently the default.
    @Test func aFieldOfTheWrongTypeIsRefused() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(AudioModelConfig.self, from: Data(#"{"mismatchedLabelWeight": "high"}"#.utf8))
        }
    }

    @Test func aNegativeMismatchedLabelWeightIsRefused() {
        var config = AudioModelConfig()
        config.mismatchedLabelWeight = -1
        #expect(throws: (any Error).self) { try config.validate() }
    }

    @Test func aMuLawBelowOneIsRefused() {
        for mu: Float in [0.5, -1, .nan, .infinity, 70000] {
            var config = AudioModelConfig()
            config.waveCriticMuLaw = mu
            #expect(throws: (any Error).self, "μ \(mu)") { try config.validate() }
        }
    }

    /// With μ set, the waveform critic's input (and so its R1 penalty) is the companded waveform; without, the
    /// waveform itself.
    @Test func theWaveformCriticSeesTheCompandedWaveform() throws {
        var config = AudioModelConfig()
        config.wavegan.sliceLength = 4096
        config.wavegan.modelSize = 4
        let clips = (0..<(2 * 4096)).map { Float(sin(Double($0) * 0.01)) * 0.01 }
        let x = Tensor(Array(clips.prefix(4096))).reshaped([1, 1, 4096])
        let plain = try AudioGANProblem(config: config, clips: clips, labels: [], seed: 1)
        #expect(try plain.criticInput(critic: 0, x).scalars == x.scalars)
        config.waveCriticMuLaw = 255
        let companded = try AudioGANProblem(config: config, clips: clips, labels: [], seed: 1)
        #expect(try companded.criticInput(critic: 0, x).scalars == x.muLaw(255).scalars)
    }
}
