import Foundation
import Testing
import Models
import NN
import TensorCore
import _TestSupport

@Suite struct WaveGANTests {
    @Test func everyLayerHasItsShapeAtEverySliceLength() throws {
        for slice in WaveGANConfig.sliceLengths {
            var config = WaveGANConfig()
            config.sliceLength = slice
            config.modelSize = 2
            var g = SeededGenerator(seed: 1)
            let generator = try WaveGANGenerator(config, using: &g)
            let critic = try WaveGANDiscriminator(config, using: &g)
            let audio = try GradientRecording.disabled { try generator(generator.latent(count: 2, using: &g)) }
            #expect(audio.shape == [2, 1, slice])
            #expect(audio.scalars.allSatisfy { abs($0) <= 1 })
            let score = try GradientRecording.disabled { try critic(audio, using: &g) }
            #expect(score.shape == [2, 1])
        }
    }

    @Test func paperSizedModelsHaveThePublishedParameterCounts() throws {
        var g = SeededGenerator(seed: 2)
        let config = WaveGANConfig()  // d = 64, slice 16384
        #expect(abs(Double(try WaveGANGenerator(config, using: &g).parameterCount) / 1e6 - 19.07) < 0.01)
        #expect(abs(Double(try WaveGANDiscriminator(config, using: &g).parameterCount) / 1e6 - 17.43) < 0.01)
    }

    @Test func variantsBuildAndRun() throws {
        for upsampling in WaveGANConfig.Upsampling.allCases {
            var config = WaveGANConfig()
            config.sliceLength = 4096
            config.modelSize = 2
            config.channels = 2
            config.upsampling = upsampling
            config.batchNorm = true
            config.postFilterLength = 8
            config.labelCount = 3
            config.outputGate = upsampling == .nearest ? .hard : .none
            var g = SeededGenerator(seed: 3)
            let generator = try WaveGANGenerator(config, using: &g)
            let critic = try WaveGANDiscriminator(config, using: &g)
            let audio = try generator(generator.latent(count: 2, using: &g), labels: [0, 2])
            #expect(audio.shape == [2, 2, 4096])
            #expect(try critic(audio, labels: [1, 2], using: &g).shape == [2, 1])
            #expect(throws: ModelError.self) { try generator(generator.latent(count: 2, using: &g)) }  // labels missing
        }
        var bad = WaveGANConfig()
        bad.sliceLength = 5000
        var g = SeededGenerator(seed: 4)
        #expect(throws: ModelError.self) { try WaveGANGenerator(bad, using: &g) }
    }

    @Test func hardGateWritesExactSilenceWhereTheSigmoidGateCannot() throws {
        for gate in [WaveGANConfig.OutputGate.hard, .sigmoid] {
            var config = WaveGANConfig()
            config.sliceLength = 4096
            config.modelSize = 2
            config.outputGate = gate
            var g = SeededGenerator(seed: 7)
            let generator = try WaveGANGenerator(config, using: &g)
            let z = generator.latent(count: 2, using: &g)
            let open = try GradientRecording.disabled { try generator(z) }.scalars
            #expect(open.contains { $0 != 0 })
            // Drive the gate channel's pre-activation to −3 (the bias of output channel 1 of the last layer), with
            // its weights zeroed: the hard gate then sits below its floor (sigmoid(−3) < 0.1), the sigmoid gate at 0.047.
            let named = Dictionary(uniqueKeysWithValues: generator.namedParameters().map { ($0.name, $0.parameter) })
            let last = "upsample.\(config.strides.count - 1)"
            let weight = try #require(named["\(last).weight"]), bias = try #require(named["\(last).bias"])
            var w = weight.value.scalars
            let (cin, k) = (weight.shape[0], weight.shape[2])
            for i in 0..<cin { for t in 0..<k { w[(i * 2 + 1) * k + t] = 0 } }
            try weight.assign(try Tensor(shape: weight.shape, values: w))
            try bias.assign(try Tensor(shape: [2], values: [bias.value.scalars[0], -3]))
            let shut = try GradientRecording.disabled { try generator(z) }.scalars
            if gate == .hard {
                #expect(shut.allSatisfy { $0 == 0 })
            } else {
                #expect(shut.contains { $0 != 0 })
            }
        }
    }

    @Test func configurationsFromEarlierFilesDecode() throws {
        let earlier = #"{"sliceLength":4096,"modelSize":8,"outputGate":true}"#
        let config = try JSONDecoder().decode(WaveGANConfig.self, from: Data(earlier.utf8))
        #expect(config.sliceLength == 4096 && config.modelSize == 8 && config.outputGate == .sigmoid)
        #expect(config.latentDimension == 100 && config.kernelSize == 25)  // absent fields take the defaults
        var current = WaveGANConfig()
        current.outputGate = .hard
        current.labelCount = 3
        let roundTrip = try JSONDecoder().decode(WaveGANConfig.self, from: JSONEncoder().encode(current))
        #expect(roundTrip == current)
    }

    @Test func phaseShuffleMatchesNaiveLoop() {
        let x = Tensor.testValues([2, 3, 9], seed: 5)
        let v = x.scalars
        for k in -2...2 {
            let y = x.gathered(axis: 2, indices: PhaseShuffle.indices(length: 9, shift: k)).scalars
            // Naive: reflect-pad by |k| on one side and take the window, as the reference implementation does.
            for row in 0..<6 {
                let signal = Array(v[(row * 9)..<(row * 9 + 9)])
                let padded: [Float] = k > 0
                    ? (1...k).reversed().map { signal[$0] } + signal
                    : signal + (0..<(-k)).map { signal[7 - $0] }
                let start = k > 0 ? 0 : -k
                #expect(Array(y[(row * 9)..<(row * 9 + 9)]) == Array(padded[start..<(start + 9)]), "shift \(k)")
            }
        }
        // The layer draws shifts in [-2, 2] and keeps the shape; radius 0 is the identity.
        var g = SeededGenerator(seed: 6)
        #expect(PhaseShuffle(radius: 2)(x, using: &g).shape == x.shape)
        #expect(PhaseShuffle(radius: 0)(x, using: &g).scalars == v)
    }

    @Test func aFewCriticStepsLowerTheCriticLoss() throws {
        var config = WaveGANConfig()
        config.sliceLength = 4096
        config.modelSize = 4
        var g = SeededGenerator(seed: 7)
        let generator = try WaveGANGenerator(config, using: &g)
        let critic = try WaveGANDiscriminator(config, using: &g)
        let params = critic.parameters()
        let adam = Adam(learningRate: 1e-3, beta1: 0.5, beta2: 0.9)
        // Toy data: 440 Hz sines at random phases.
        var samples: [Float] = []
        for b in 0..<4 {
            for t in 0..<4096 { samples.append(Float(0.8 * sin(2 * Double.pi * 440 * Double(t) / 16000 + Double(b)))) }
        }
        let real = try Tensor(shape: [4, 1, 4096], values: samples)
        var losses: [Float] = []
        for _ in 0..<12 {
            let fake = try GradientRecording.disabled { try generator(generator.latent(count: 4, using: &g)) }
            let loss = GANLoss.nonSaturating.critic(real: try critic(real, using: &g), fake: try critic(fake, using: &g))
            losses.append(loss.item)
            adam.update(params, gradients: gradients(of: loss, with: params.map(\.value)))
        }
        #expect(losses.suffix(3).reduce(0, +) / 3 < losses[0] - 0.1, "critic losses \(losses)")
    }

    /// A conditional critic's classifier head gives `[B, labels]` logits clip by clip, and from cross-entropy alone
    /// it learns to tell low sines from high ones; unconditional critics, or critics without the head, give none.
    @Test func classifierHeadLearnsTheLabels() throws {
        var config = WaveGANConfig()
        config.sliceLength = 4096
        config.modelSize = 4
        config.labelCount = 2
        config.phaseShuffle = 0
        var g = SeededGenerator(seed: 8)
        let critic = try WaveGANDiscriminator(config, classifierHead: true, using: &g)
        let labels = [0, 1, 1, 0, 1, 0, 0, 1]
        var samples: [Float] = []
        for (b, label) in labels.enumerated() {
            let hz = label == 0 ? 300.0 : 2000.0, level = 0.3 + 0.08 * Double(b)
            for t in 0..<4096 { samples.append(Float(level * sin(2 * Double.pi * hz * Double(t) / 16000 + Double(b)))) }
        }
        let real = try Tensor(shape: [8, 1, 4096], values: samples)
        let (scores, logits) = try GradientRecording.disabled { try critic.scoreAndClassify(real, labels: labels, using: &g) }
        #expect(scores.shape == [8, 1] && logits?.shape == [8, 2])
        let first = try GradientRecording.disabled {
            try critic.scoreAndClassify(real.sliced(axis: 0, 0..<1), labels: [0], using: &g).logits!
        }
        #expect(zip(first.scalars, logits!.scalars.prefix(2)).allSatisfy { abs($0 - $1) <= 1e-5 * max(1, abs($0)) })

        let params = critic.parameters()
        let adam = Adam(learningRate: 1e-3, beta1: 0.5, beta2: 0.9)
        var losses: [Float] = []
        for _ in 0..<15 {
            let loss = try critic.scoreAndClassify(real, labels: labels, using: &g).logits!.crossEntropy(targets: labels)
            losses.append(loss.item)
            adam.update(params, gradients: gradients(of: loss, with: params.map(\.value)))
        }
        let trained = try GradientRecording.disabled { try critic.scoreAndClassify(real, labels: labels, using: &g).logits! }
        let predicted = (0..<8).map { trained.scalars[2 * $0] > trained.scalars[2 * $0 + 1] ? 0 : 1 }
        #expect(predicted == labels, "cross-entropy \(losses)")
        #expect(losses.last! < losses[0] / 4, "cross-entropy \(losses)")

        #expect(try critic(real, labels: labels, using: &g).scalars.count == 8)
        #expect(try WaveGANDiscriminator(config, using: &g).scoreAndClassify(real, labels: labels, using: &g).logits == nil)
        config.labelCount = 0
        #expect(try WaveGANDiscriminator(config, classifierHead: true, using: &g).scoreAndClassify(real, using: &g).logits
            == nil)
    }
}
