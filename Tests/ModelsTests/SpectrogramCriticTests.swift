import Testing
import DSP
import Models
import TensorCore

@Suite struct SpectrogramCriticTests {
    /// Features are each channel's log-magnitude spectrogram at each resolution, flattened and concatenated; scores
    /// from them equal the critic applied to the waveform, example by example.
    @Test func featuresAreTheLogSpectrogramsAndScoresAreExampleWise() throws {
        var config = SpectrogramCritic.Config()
        config.resolutions = [[64, 16], [128, 32]]
        config.width = 4
        config.layers = 2
        var g = SeededGenerator(seed: 11)
        let critic = try SpectrogramCritic(config, sliceLength: 512, channels: 2, using: &g)
        let x = Tensor.uniform([3, 2, 512], low: -1, high: 1, using: &g)
        let features = try GradientRecording.disabled { try critic.features(x) }
        var expected: [Float] = []
        let signals = x.reshaped([6, 512])
        let parts = try config.resolutions.map {
            try STFT(fftSize: $0[0], hopLength: $0[1]).logMagnitude(signals, epsilon: config.epsilon).reshaped([6, -1])
        }
        for row in 0..<6 { for part in parts { expected += part.sliced(axis: 0, row..<(row + 1)).scalars } }
        #expect(features.shape == [6, expected.count / 6])
        #expect(features.scalars == expected)

        let batch = try GradientRecording.disabled { try critic.score(features) }.scalars
        for b in 0..<3 {
            let one = try GradientRecording.disabled { try critic(x.sliced(axis: 0, b..<(b + 1))) }.item
            #expect(abs(one - batch[b]) <= 1e-5 * max(1, abs(one)))
        }
        #expect(throws: TensorError.self) { try critic.score(features.sliced(axis: 1, 0..<10)) }
    }
}
