import DSP
import Foundation
import Models
import TensorCore
import Testing
import _TestSupport

@Suite struct SpectralTemplatesTests {
    static let slice = 64, channels = 2

    func smallConfig(momentum: Float = 0.9) -> SpectralTemplates.Config {
        var config = SpectralTemplates.Config()
        config.weight = 1.5
        config.fftSize = 16
        config.hopLength = 8
        config.melCount = 4
        config.momentum = momentum
        return config
    }

    /// `[count, channels, slice]` clips: sines of a frequency per label plus noise, so the templates differ.
    func clips(labels: [Int], seed: UInt64) -> [Float] {
        var g = SeededGenerator(seed: seed)
        let noise = Tensor.uniform([labels.count * Self.channels * Self.slice], low: -0.05, high: 0.05, using: &g).scalars
        return noise.enumerated().map { i, n in
            let label = labels[i / (Self.channels * Self.slice)], t = Double(i % Self.slice)
            return n + Float(0.5 * sin(t * (0.3 + 0.5 * Double(label))))
        }
    }

    /// The features of one row by the plain STFT, a loop over the mel weights and the per-element compression.
    func referenceFeatures(_ signal: [Float], config: SpectralTemplates.Config) throws -> [Double] {
        let s = try STFT(fftSize: config.fftSize, hopLength: config.hopLength).forward(signal)
        let bank = try MelFilterbank(sampleRate: 16000, fftSize: config.fftSize, melCount: config.melCount,
                                     scale: .htk, normalization: .none)
        var mel = [Double](repeating: 0, count: s.frames * config.melCount)  // [frames, mels]
        for t in 0..<s.frames {
            for m in 0..<config.melCount {
                for k in 0..<bank.bins {
                    let (re, im) = (Double(s.real[k * s.frames + t]), Double(s.imag[k * s.frames + t]))
                    mel[t * config.melCount + m] += Double(bank.weights[m * bank.bins + k]) * (re * re + im * im)
                }
            }
        }
        let peak = mel.max()!
        return mel.map { pow($0 / peak + Double(config.floor), Double(config.exponent) / 2) }
    }

    /// Features are each channel's peak-normalised, compressed mel power spectrogram; each label's template is the
    /// mean of its clips' rows.
    @Test func templatesAreTheMeanFeaturesOfEachLabel() throws {
        let config = smallConfig()
        let labels = [0, 2, 2, 1, 0]
        let values = clips(labels: labels, seed: 3)
        let templates = try SpectralTemplates(config, clips: values, labels: labels, labelCount: 3,
                                              channels: Self.channels, sliceLength: Self.slice, sampleRate: 16000)
        let rows = labels.count * Self.channels
        let reference = try (0..<rows).map { row in
            try referenceFeatures(Array(values[(row * Self.slice)..<((row + 1) * Self.slice)]), config: config)
        }
        let features = try GradientRecording.disabled {
            try templates.features(Tensor(shape: [labels.count, Self.channels, Self.slice], values: values))
        }
        #expect(features.shape == [rows, templates.featureCount])
        #expect(templates.featureCount == reference[0].count)
        for row in 0..<rows {
            for (j, r) in reference[row].enumerated() {
                #expect(abs(Double(features.scalars[row * templates.featureCount + j]) - r) < 1e-4, "row \(row) \(j)")
            }
        }
        for label in 0..<3 {
            let members = (0..<rows).filter { labels[$0 / Self.channels] == label }
            for j in 0..<templates.featureCount {
                let mean = members.map { reference[$0][j] }.reduce(0, +) / Double(members.count)
                #expect(abs(Double(templates.template(label)[j]) - mean) < 1e-4)
            }
        }
    }

    /// With momentum 0 the running mean is the batch's mean, and the term is exactly the weighted distance between
    /// each label's batch mean and its template, averaged over the labels present: its gradient is checked against
    /// central differences of that value.
    @Test func theTermsGradientIsTheDistancesGradientWithoutMomentum() throws {
        let config = smallConfig(momentum: 0)
        let templates = try SpectralTemplates(config, clips: clips(labels: [0, 1, 2, 1], seed: 4), labels: [0, 1, 2, 1],
                                              labelCount: 3, channels: Self.channels, sliceLength: Self.slice,
                                              sampleRate: 16000)
        var g = SeededGenerator(seed: 5)
        let fake = Tensor.uniform([3, Self.channels, Self.slice], low: -0.5, high: 0.5, using: &g)
        let batchLabels = [1, 0, 1]
        let error = GradientCheck.firstOrder([fake], eps: 1e-3) { xs in try! templates.term(xs[0], labels: batchLabels) }
        #expect(error < 2e-2)
        // The value by hand: labels 0 and 1 present; label 1's mean over clips 0 and 2 (both channels).
        let f = try GradientRecording.disabled { try templates.features(fake) }.scalars
        let d = templates.featureCount
        func distance(_ label: Int, rows: [Int]) -> Double {
            (0..<d).map { j in
                let mean = rows.map { Double(f[$0 * d + j]) }.reduce(0, +) / Double(rows.count)
                return pow(mean - Double(templates.template(label)[j]), 2)
            }.reduce(0, +)
        }
        let expected = 1.5 * (distance(0, rows: [2, 3]) + distance(1, rows: [0, 1, 4, 5])) / 2
        let value = try GradientRecording.disabled { try templates.term(fake, labels: batchLabels) }.item
        #expect(abs(Double(value) - expected) < 1e-4 * max(1, expected))
    }

    /// Each call moves the running means of the labels it sees by `1 − momentum` towards its batch's mean; the
    /// first call of a label starts its mean there. The state round-trips and a state of the wrong size is refused.
    @Test func runningMeansFollowTheBatchesAndRoundTrip() throws {
        let config = smallConfig(momentum: 0.75)
        let make = {
            try SpectralTemplates(config, clips: self.clips(labels: [0, 1], seed: 6), labels: [0, 1], labelCount: 2,
                                  channels: Self.channels, sliceLength: Self.slice, sampleRate: 16000)
        }
        let templates = try make()
        var g = SeededGenerator(seed: 7)
        let first = Tensor.uniform([1, Self.channels, Self.slice], low: -0.5, high: 0.5, using: &g)
        let second = Tensor.uniform([1, Self.channels, Self.slice], low: -0.5, high: 0.5, using: &g)
        _ = try GradientRecording.disabled { try templates.term(first, labels: [1]) }
        _ = try GradientRecording.disabled { try templates.term(second, labels: [1]) }
        let d = templates.featureCount
        let (f1, f2) = try GradientRecording.disabled { (try templates.features(first).scalars, try templates.features(second).scalars) }
        let state = templates.state
        #expect(state.count == 2 * (d + 1))
        #expect(state[0] == 0 && state[d + 1] == 1)  // label 0 never seen, label 1 seen
        for j in 0..<d {
            let m1 = (f1[j] + f1[d + j]) / 2, m2 = (f2[j] + f2[d + j]) / 2
            #expect(abs(state[d + 2 + j] - (0.75 * m1 + 0.25 * m2)) < 1e-5)
        }
        let restored = try make()
        try restored.restore(state)
        #expect(restored.state == state)
        #expect(throws: ModelError.self) { try restored.restore(Array(state.dropLast())) }
        #expect(throws: ModelError.self) { try restored.restore(state.map { _ in Float.nan }) }
    }

    /// Templates of kinds found in unlabelled clips (`matchesNearest`) count each generated clip without a label
    /// towards the template nearest to its channel-averaged features: for clips of known kinds, the same term as
    /// with their labels. Templates of given labels refuse clips without them.
    @Test func clipsWithoutLabelsCountTowardsTheirNearestTemplate() throws {
        let config = smallConfig()
        let training = clips(labels: [0, 1, 0, 1, 1], seed: 8)
        let make = { (nearest: Bool) in
            try SpectralTemplates(config, clips: training, labels: [0, 1, 0, 1, 1], labelCount: 2,
                                  channels: Self.channels, sliceLength: Self.slice, sampleRate: 16000,
                                  matchesNearest: nearest)
        }
        let fake = try Tensor(shape: [3, Self.channels, Self.slice], values: clips(labels: [1, 0, 0], seed: 9))
        let byNearest = try GradientRecording.disabled { try make(true).term(fake, labels: nil) }.item
        let byLabel = try GradientRecording.disabled { try make(true).term(fake, labels: [1, 0, 0]) }.item
        let wrongLabels = try GradientRecording.disabled { try make(true).term(fake, labels: [0, 1, 1]) }.item
        #expect(byNearest == byLabel)
        #expect(wrongLabels > byLabel)
        #expect(throws: ModelError.self) { try make(false).term(fake, labels: nil) }
        // Each clip's features, averaged over its channels.
        let templates = try make(true)
        let perClip = try templates.clipFeatures(training)
        let rows = try GradientRecording.disabled {
            try templates.features(Tensor(shape: [5, Self.channels, Self.slice], values: training))
        }.scalars
        let d = templates.featureCount
        #expect(perClip.count == 5 * d)
        for clip in 0..<5 {
            for j in 0..<d {
                let mean = (rows[2 * clip * d + j] + rows[(2 * clip + 1) * d + j]) / 2
                #expect(abs(perClip[clip * d + j] - mean) < 1e-6)
            }
        }
    }

    @Test func settingsOutOfTheirDomainAreRefused() throws {
        var bad: [SpectralTemplates.Config] = []
        for change in [{ (c: inout SpectralTemplates.Config) in c.weight = -1 }, { $0.weight = .nan },
                       { $0.momentum = 1 }, { $0.hopLength = 0 }, { $0.melCount = 0 }, { $0.exponent = 0 }] {
            var config = smallConfig()
            change(&config)
            bad.append(config)
        }
        for config in bad { #expect(throws: ModelError.self) { try config.validate() } }
        var long = smallConfig()
        long.fftSize = 128
        #expect(throws: ModelError.self) {
            try SpectralTemplates(long, clips: self.clips(labels: [0], seed: 1), labels: [0], labelCount: 1,
                                  channels: Self.channels, sliceLength: Self.slice, sampleRate: 16000)
        }
        #expect(throws: ModelError.self) {
            try SpectralTemplates(self.smallConfig(), clips: self.clips(labels: [0], seed: 1), labels: [5], labelCount: 2,
                                  channels: Self.channels, sliceLength: Self.slice, sampleRate: 16000)
        }
    }
}
