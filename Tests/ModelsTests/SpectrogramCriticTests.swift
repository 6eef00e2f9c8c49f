import Foundation
import Testing
import DSP
import Models
import TensorCore
import _TestSupport

@Suite struct SpectrogramCriticTests {
    func smallConfig(_ compression: SpectrogramCritic.Compression = .power) -> SpectrogramCritic.Config {
        var config = SpectrogramCritic.Config()
        config.resolutions = [[64, 16], [128, 32]]
        config.width = 4
        config.layers = 2
        config.compression = compression
        return config
    }

    /// Features are each channel's power spectrogram at each resolution, divided by its peak and compressed,
    /// flattened and concatenated; checked against the plain (non-tensor) STFT and a per-element formula.
    @Test(arguments: SpectrogramCritic.Compression.allCases)
    func featuresAreCompressedPeakNormalisedPowerSpectra(compression: SpectrogramCritic.Compression) throws {
        let config = smallConfig(compression)
        var g = SeededGenerator(seed: 11)
        let critic = try SpectrogramCritic(config, sliceLength: 512, channels: 2, using: &g)
        let x = Tensor.uniform([3, 2, 512], low: -1, high: 1, using: &g)
        // Row 4 (clip 2, channel 0) quieter by 40 dB: peak normalisation must make its features the same shape.
        let values = x.scalars.enumerated().map { $0.offset / 512 == 4 ? $0.element * 0.01 : $0.element }
        let input = try Tensor(shape: [3, 2, 512], values: values)
        let features = try GradientRecording.disabled { try critic.features(input) }
        var expected: [Double] = []
        for row in 0..<6 {
            let signal = Array(values[(row * 512)..<((row + 1) * 512)])
            for r in config.resolutions {
                let s = try STFT(fftSize: r[0], hopLength: r[1]).forward(signal)
                var power: [Double] = []
                for (re, im) in zip(s.real, s.imag) {
                    let (a, b) = (Double(re), Double(im))
                    power.append(a * a + b * b)
                }
                let peak = power.max()!, floor = Double(config.floor), half = Double(config.exponent) / 2
                for p in power {
                    let q: Double = p / peak + floor
                    expected.append(compression == .power ? Foundation.pow(q, half) : Foundation.log(q) / 2)
                }
            }
        }
        #expect(features.shape == [6, expected.count / 6])
        let worst = zip(features.scalars, expected).map { abs(Double($0) - $1) / max(1, abs($1)) }.max()!
        #expect(worst < 2e-4)
    }

    /// Scores are computed clip by clip; a conditional critic's score depends on the label.
    @Test func scoresAreExampleWiseAndConditional() throws {
        var g = SeededGenerator(seed: 12)
        let critic = try SpectrogramCritic(smallConfig(), sliceLength: 512, channels: 2, labelCount: 3, using: &g)
        let x = Tensor.uniform([3, 2, 512], low: -1, high: 1, using: &g)
        let labels = [0, 2, 1]
        let batch = try GradientRecording.disabled { try critic(x, labels: labels) }.scalars
        for b in 0..<3 {
            let one = try GradientRecording.disabled {
                try critic(x.sliced(axis: 0, b..<(b + 1)), labels: [labels[b]])
            }.item
            #expect(abs(one - batch[b]) <= 1e-5 * max(1, abs(one)))
        }
        let relabelled = try GradientRecording.disabled { try critic(x, labels: [1, 0, 2]) }.scalars
        #expect(zip(batch, relabelled).allSatisfy { $0 != $1 })
        #expect(throws: (any Error).self) { try critic(x, labels: [0]) }
        let features = try GradientRecording.disabled { try critic.features(x) }
        #expect(throws: TensorError.self) { try critic.score(features.sliced(axis: 1, 0..<10), labels: labels) }
    }

    /// With a classifier head, a conditional critic gives class logits `[B, labels]` (summed over resolutions,
    /// averaged over channels) clip by clip, from the same forward pass as its scores.
    @Test func classifierLogitsAreClipWise() throws {
        var g = SeededGenerator(seed: 13)
        let critic = try SpectrogramCritic(smallConfig(), sliceLength: 512, channels: 2, labelCount: 3,
                                           classifierHead: true, using: &g)
        let x = Tensor.uniform([3, 2, 512], low: -1, high: 1, using: &g)
        let labels = [2, 0, 1]
        let features = try GradientRecording.disabled { try critic.features(x) }
        let (scores, logits) = try GradientRecording.disabled { try critic.scoreAndClassify(features, labels: labels) }
        #expect(logits?.shape == [3, 3])
        #expect(scores.scalars == (try GradientRecording.disabled { try critic.score(features, labels: labels) }).scalars)
        for b in 0..<3 {
            let one = try GradientRecording.disabled {
                try critic.scoreAndClassify(critic.features(x.sliced(axis: 0, b..<(b + 1))), labels: [labels[b]]).logits!
            }.scalars
            let row = Array(logits!.scalars[(3 * b)..<(3 * b + 3)])
            #expect(zip(one, row).allSatisfy { abs($0 - $1) <= 1e-5 * max(1, abs($0)) })
        }
        let plain = try SpectrogramCritic(smallConfig(), sliceLength: 512, channels: 2, labelCount: 3, using: &g)
        #expect(try GradientRecording.disabled { try plain.scoreAndClassify(features, labels: labels).logits } == nil)
    }

    /// The critic's gradient with respect to the waveform (through STFT, peak normalisation and compression) matches
    /// central differences, and so does the gradient of its squared norm (second order, as WGAN-GP needs).
    @Test(arguments: SpectrogramCritic.Compression.allCases)
    func gradientsMatchFiniteDifferences(compression: SpectrogramCritic.Compression) throws {
        var config = SpectrogramCritic.Config()
        config.resolutions = [[32, 8], [64, 16]]
        config.width = 3
        config.layers = 2
        config.compression = compression
        // A floor well above the smallest bins keeps the compression's curvature within reach of differences.
        config.floor = 0.1
        var g = SeededGenerator(seed: 13)
        let critic = try SpectrogramCritic(config, sliceLength: 128, channels: 1, using: &g)
        let x = Tensor.uniform([2, 1, 128], low: -1, high: 1, using: &g)
        let f = { (xs: [Tensor]) -> Tensor in try! critic(xs[0]) }
        #expect(GradientCheck.firstOrder([x], eps: 1e-2, f) < 2e-2)
        #expect(GradientCheck.secondOrder([x], eps: 1e-2, f) < 5e-2)
    }

    @Test func unusableConfigurationsAreRefused() throws {
        var g = SeededGenerator(seed: 14)
        for change in [{ (c: inout SpectrogramCritic.Config) in c.resolutions = [] },
                       { $0.resolutions = [[64, 0]] }, { $0.resolutions = [[4096, 64]] }, { $0.width = 0 },
                       { $0.exponent = 0 }, { $0.floor = 0 }, { $0.lossWeight = .infinity }] {
            var c = smallConfig()
            change(&c)
            #expect(throws: ModelError.self) { try SpectrogramCritic(c, sliceLength: 512, channels: 1, using: &g) }
        }
    }
}
