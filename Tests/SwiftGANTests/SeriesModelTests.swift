import Foundation
import Testing
import SwiftGAN
import _TestSupport

/// A tiny configuration: every test trains or runs in milliseconds.
func tinySeriesConfig(_ architecture: SeriesGANConfig.Architecture, labels: Int = 0) -> SeriesGANConfig {
    var c = SeriesGANConfig()
    c.architecture = architecture
    c.length = 6
    c.features = 3
    c.latentDimension = 4
    c.noiseChannels = 2
    c.width = 5
    c.layers = 2
    c.kernelSize = 3
    c.labelCount = labels
    return c
}

@Suite struct SeriesModelTests {
    @Test(arguments: SeriesGANConfig.Architecture.allCases)
    func shapesAndOutputRange(_ architecture: SeriesGANConfig.Architecture) throws {
        var g = SeededGenerator(seed: 1)
        let config = tinySeriesConfig(architecture)
        let generator = try SeriesGenerator(config, using: &g), critic = try SeriesCritic(config, using: &g)
        let z = generator.latent(count: 4, using: &g)
        #expect(z.shape == [4, 4 + 2 * 6])
        let x = try generator(z)
        #expect(x.shape == [4, 3, 6] && x.scalars.allSatisfy { $0 > 0 && $0 < 1 })
        #expect(try critic(x).shape == [4, 1])
        // The linear output is the sigmoid's argument: same weights (same seed), no activation.
        var linear = config
        linear.output = .linear
        var g1 = SeededGenerator(seed: 9), g2 = SeededGenerator(seed: 9)
        let s = try SeriesGenerator(config, using: &g1)(z), y = try SeriesGenerator(linear, using: &g2)(z)
        #expect(maxAbsDifference(y.sigmoid().scalars, s.scalars) < 1e-6)
        #expect(throws: TensorError.self) { try critic(Tensor.zeros([4, 3, 5])) }
        #expect(throws: TensorError.self) { try generator(Tensor.zeros([4, 3])) }
    }

    @Test(arguments: SeriesGANConfig.Architecture.allCases)
    func criticPenaltyHasExactSecondOrderGradients(_ architecture: SeriesGANConfig.Architecture) throws {
        // The gradient of ‖∇ₓD(x)‖² with respect to x, against finite differences: the WGAN-GP path.
        var g = SeededGenerator(seed: 2)
        var config = tinySeriesConfig(architecture)
        config.layers = 1
        let critic = try SeriesCritic(config, using: &g)
        let x = Tensor.testValues([2, 3, 6], seed: 3)
        let error = GradientCheck.secondOrder([x]) { xs in try! critic(xs[0]) }
        #expect(error < 1e-2)
    }

    @Test func conditionalModelsNeedLabels() throws {
        var g = SeededGenerator(seed: 4)
        let config = tinySeriesConfig(.convolutional, labels: 3)
        let generator = try SeriesGenerator(config, using: &g), critic = try SeriesCritic(config, using: &g)
        let z = generator.latent(count: 2, using: &g)
        #expect(throws: ModelError.self) { try generator(z) }
        let a = try generator(z, labels: [0, 0]), b = try generator(z, labels: [0, 2])
        #expect(Array(a.scalars[0..<18]) == Array(b.scalars[0..<18]) && a.scalars != b.scalars)
        #expect(throws: ModelError.self) { try critic(a) }
        #expect(try critic(a, labels: [1, 2]).shape == [2, 1])
    }

    @Test func invalidConfigurationsAreRejected() {
        var g = SeededGenerator(seed: 5)
        var config = tinySeriesConfig(.convolutional)
        config.kernelSize = 4
        #expect(throws: ModelError.self) { try SeriesGenerator(config, using: &g) }
        config.kernelSize = 3
        config.width = 0
        #expect(throws: ModelError.self) { try SeriesCritic(config, using: &g) }
    }
}
