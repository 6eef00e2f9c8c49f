import Foundation
import SwiftGAN
import Testing

@Suite struct SettingsOverridesTests {
    /// Named fields change, nested objects merge field by field, every other field keeps the base's value.
    @Test func overridesReplaceOnlyTheNamedFields() throws {
        let base = AudioTrainingOptions()
        let json = #"{"model": {"critics": "wave", "spectrogram": {"exponent": 0.5}}, "training": {"batchSize": 32, "maxSteps": 7}}"#
        let o = try overriding(base, with: Data(json.utf8))
        #expect(o.model.critics == .wave)
        #expect(o.model.spectrogram.exponent == 0.5 && o.model.spectrogram.lossWeight == base.model.spectrogram.lossWeight)
        #expect(o.training.batchSize == 32 && o.training.maxSteps == 7)
        var expected = base
        expected.model.critics = .wave
        expected.model.spectrogram.exponent = 0.5
        expected.training.batchSize = 32
        expected.training.maxSteps = 7
        #expect(o == expected)
        #expect(try overriding(base, with: Data("{}".utf8)) == base)
    }

    /// A misspelt key, a wrong type or a non-object is refused with a message that names it.
    @Test func badOverridesAreRefusedByName() throws {
        let base = AudioTrainingOptions()
        for (json, message) in [(#"{"training": {"batchSise": 32}}"#, "unknown setting 'training.batchSise'"),
                                (#"{"model": {"critics": 3}}"#, "a setting has the wrong type (at model.critics)"),
                                ("[1]", "the settings file must hold a JSON object"),
                                ("{", "the settings file is not valid JSON")] {
            #expect(throws: SettingsError.self) { try overriding(base, with: Data(json.utf8)) }
            do { _ = try overriding(base, with: Data(json.utf8)) } catch { #expect("\(error)" == message) }
        }
    }
}
