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
        // Earlier critics had no classifier head, and a conditional spectrogram critic saw labels: their checkpoints
        // must resume as they were.
        #expect(config.classifierWeight == 0 && config.generatorClassifierWeight == 0)
        #expect(config.spectrogramCriticSeesLabels && !AudioModelConfig().spectrogramCriticSeesLabels)
        #expect(config.spectrogram == SpectrogramCritic.Config() && config.tailGate == nil)
        #expect(config.spectralTemplates == SpectralTemplates.Config() && config.spectralTemplates.weight == 0)
        var current = config
        current.mismatchedLabelWeight = 0.5
        current.waveCriticMuLaw = 255
        current.classifierWeight = 1
        current.generatorClassifierWeight = 0.5
        current.spectrogramCriticSeesLabels = false
        current.tailGate = -40
        current.spectralTemplates.weight = 2
        current.spectralTemplates.momentum = 0.5
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

    @Test func negativeClassifierWeightsAreRefused() {
        for (critic, generator): (Float, Float) in [(-1, 0), (0, .nan), (2000, 0)] {
            var config = AudioModelConfig()
            config.classifierWeight = critic
            config.generatorClassifierWeight = generator
            #expect(throws: (any Error).self, "\(critic), \(generator)") { try config.validate() }
        }
    }

    /// A conditional model with classifier weights gives the trainer each label-aware critic's logits and weights;
    /// a spectrogram critic that does not see labels gets neither (nor the matching-aware term), and its scores do
    /// not depend on the labels; an unconditional model ignores every label setting.
    @Test(arguments: [(0, false), (3, false), (3, true)])
    func labelTermsReachTheCriticsThatSeeLabels(labelCount: Int, spectrogramSeesLabels: Bool) throws {
        var config = AudioModelConfig()
        config.wavegan.sliceLength = 4096
        config.wavegan.modelSize = 2
        config.wavegan.labelCount = labelCount
        config.critics = .both
        config.classifierWeight = 1
        config.generatorClassifierWeight = 0.25
        config.mismatchedLabelWeight = 0.5
        config.spectrogramCriticSeesLabels = spectrogramSeesLabels
        let clips: [Float] = (0..<(3 * 4096)).map { (i: Int) -> Float in
            let phase = Double(i) * 0.01 + Double(i / 4096)
            return Float(sin(phase) * 0.1)
        }
        let labels = labelCount > 0 ? [0, 1, 2] : []
        let problem = try AudioGANProblem(config: config, clips: clips, labels: labels, seed: 1)
        var g = SeededGenerator(seed: 2)
        let x = Tensor(clips).reshaped([3, 1, 4096])
        for critic in 0..<2 {
            let seesLabels = labelCount > 0 && (critic == 0 || spectrogramSeesLabels)
            let weighting = problem.weighting(critic: critic)
            #expect(weighting.classifier == (seesLabels ? 1 : 0))
            #expect(weighting.generatorClassifier == (seesLabels ? 0.25 : 0))
            #expect(weighting.mismatchedLabels == (seesLabels ? 0.5 : 0))
            let input = try problem.criticInput(critic: critic, x)
            let given = labelCount > 0 ? labels : nil
            let (scores, logits) = try GradientRecording.disabled {
                try problem.scoreAndClassify(critic: critic, input, labels: given, using: &g)
            }
            #expect(logits?.shape == (seesLabels ? [3, 3] : nil))
            if critic == 1 && labelCount > 0 {
                let relabelled = try GradientRecording.disabled {
                    try problem.score(critic: critic, input, labels: [2, 0, 1], using: &g)
                }
                #expect((relabelled.scalars == scores.scalars) == !spectrogramSeesLabels)
            }
        }
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

    /// SwiftGAN's defaults train the waveform and the spectrogram critic, the latter at half weight in the
    /// generator's loss (issue 11's ablation); the paper preset trains the waveform critic alone.
    @Test func theDefaultsTrainBothCriticsAndThePaperOneCritic() throws {
        let clips = (0..<(2 * 4096)).map { Float(sin(Double($0) * 0.01)) * 0.1 }
        for (options, critics, spectralWeight) in [(AudioTrainingOptions(), 2, Float(0.5)),
                                                   (AudioTrainingOptions.paper, 1, nil)] {
            var config = options.model
            config.wavegan.sliceLength = 4096
            config.wavegan.modelSize = 2
            let problem = try AudioGANProblem(config: config, clips: clips, labels: [], seed: 1)
            #expect(problem.critics.count == critics)
            #expect(problem.weighting(critic: 0).generatorLoss == 1)
            if let spectralWeight { #expect(problem.weighting(critic: 1).generatorLoss == spectralWeight) }
        }
    }

    /// With spectral templates on, the generator's update carries their term (an unconditional model's only when
    /// asked for, with one template of all its clips), and a checkpoint's problem state restores their running means
    /// exactly; a corrupt state is refused with an error, not a crash.
    @Test func spectralTemplatesJoinTheGeneratorUpdateAndResume() throws {
        var config = AudioModelConfig()
        config.wavegan.sliceLength = 4096
        config.wavegan.modelSize = 2
        config.wavegan.labelCount = 2
        config.spectralTemplates.weight = 0.5
        let clips = (0..<(4 * 4096)).map { (i: Int) -> Float in
            let rate = 0.01 + 0.02 * Double(i / 4096)
            return Float(sin(Double(i) * rate) * 0.1)
        }
        let labels = [0, 1, 1, 0]
        let problem = try AudioGANProblem(config: config, clips: clips, labels: labels, seed: 1)
        #expect(problem.checkpointState().count == 1)
        var g = SeededGenerator(seed: 3)
        let z = problem.latent(batch: 3, labels: [1, 0, 1], using: &g)
        let (fake, penalty) = try problem.generateForUpdate(z, labels: [1, 0, 1])
        #expect(fake.shape == [3, 1, 4096])
        #expect(try #require(penalty).item > 0)
        let state = problem.checkpointState()
        let resumed = try AudioGANProblem(config: config, clips: clips, labels: labels, seed: 1)
        #expect(resumed.checkpointState() != state)
        try resumed.restoreCheckpointState(state)
        #expect(resumed.checkpointState() == state)
        let again = try problem.generateForUpdate(z, labels: [1, 0, 1]).penalty?.item
        #expect(try resumed.generateForUpdate(z, labels: [1, 0, 1]).penalty?.item == again)
        let key = try #require(state.keys.first)
        #expect(throws: (any Error).self) { try resumed.restoreCheckpointState([key: "not base64!"]) }
        #expect(throws: (any Error).self) { try resumed.restoreCheckpointState([key: Data([1, 2, 3, 4]).base64EncodedString()]) }
        config.spectralTemplates.weight = 0
        #expect(try AudioGANProblem(config: config, clips: clips, labels: labels, seed: 1).checkpointState().isEmpty)
        config.spectralTemplates.weight = 0.5
        config.wavegan.labelCount = 0
        let plain = try AudioGANProblem(config: config, clips: clips, labels: [], seed: 1)
        #expect(plain.checkpointState().isEmpty)
        #expect(try plain.generateForUpdate(plain.latent(batch: 2, labels: nil, using: &g), labels: nil).penalty == nil)
        // An unconditional model asked for K templates: K kinds found by k-means (here two rates, each at two
        // levels), the same term as templates of the true kinds; asked for more kinds than clips, one per distinct clip.
        let kindClips = (0..<(4 * 4096)).map { (i: Int) -> Float in
            let clip = i / 4096, rate = [0.01, 0.2, 0.2, 0.01][clip]
            return Float(sin(Double(i) * rate) * (0.05 + 0.02 * Double(clip)))
        }
        var featureCount = 0
        for (asked, kinds, truth) in [(1, 1, [0, 0, 0, 0]), (2, 2, [0, 1, 1, 0])] {
            config.unconditionalTemplates = asked
            let unconditional = try AudioGANProblem(config: config, clips: kindClips, labels: [], seed: 1)
            let state = try #require(unconditional.checkpointState().values.first.flatMap { Data(base64Encoded: $0) })
            let zu = unconditional.latent(batch: 2, labels: nil, using: &g)
            let (fakeU, penaltyU) = try unconditional.generateForUpdate(zu, labels: nil)
            let reference = try SpectralTemplates(config.spectralTemplates, clips: kindClips, labels: truth,
                                                  labelCount: kinds, channels: 1, sliceLength: 4096,
                                                  sampleRate: config.wavegan.sampleRate, matchesNearest: true)
            featureCount = reference.featureCount
            #expect(state.count == 4 * kinds * (featureCount + 1))
            #expect(try #require(penaltyU).item > 0)
            #expect(try penaltyU?.item == reference.term(fakeU, labels: nil).item)
        }
        config.unconditionalTemplates = 9  // four clips of four rates: four kinds
        let capped = try AudioGANProblem(config: config, clips: clips, labels: [], seed: 1)
        let cappedState = try #require(capped.checkpointState().values.first.flatMap { Data(base64Encoded: $0) })
        #expect(cappedState.count == 4 * 4 * (featureCount + 1))
        config.unconditionalTemplates = 65
        #expect(throws: (any Error).self) { try config.validate() }
        config.unconditionalTemplates = 0
        config.spectralTemplates.weight = -1
        #expect(throws: (any Error).self) { try config.validate() }
    }
}
