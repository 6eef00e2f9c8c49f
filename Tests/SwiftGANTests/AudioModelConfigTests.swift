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
        #expect(config.spectrogram == SpectrogramCritic.Config() && config.tailGate == nil)
        var current = config
        current.mismatchedLabelWeight = 0.5
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
}
