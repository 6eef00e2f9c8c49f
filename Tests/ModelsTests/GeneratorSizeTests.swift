import Models
import NN
import TensorCore
import Testing

/// `generatorWeights`, computed from a configuration alone, equals the weights of the built generator.
@Suite struct GeneratorSizeTests {
    @Test func waveGANCountsMatchTheNetwork() throws {
        for (upsampling, gate, norm, post, labels) in [(WaveGANConfig.Upsampling.transposed, WaveGANConfig.OutputGate.none,
                                                        false, 0, 0), (.nearest, .hard, true, 5, 3)] {
            var c = WaveGANConfig()
            c.sliceLength = 8192
            c.modelSize = 2
            c.upsampling = upsampling
            c.outputGate = gate
            c.batchNorm = norm
            c.postFilterLength = post
            c.labelCount = labels
            var g = SeededGenerator(seed: 1)
            #expect(c.generatorWeights == (try WaveGANGenerator(c, using: &g)).parameterCount)
        }
    }

    @Test(arguments: SeriesGANConfig.Architecture.allCases)
    func seriesCountsMatchTheNetwork(_ architecture: SeriesGANConfig.Architecture) throws {
        var c = SeriesGANConfig()
        c.architecture = architecture
        c.width = 7
        c.noiseChannels = 2
        c.labelCount = 3
        c.features = 2
        var g = SeededGenerator(seed: 1)
        #expect(c.generatorWeights == (try SeriesGenerator(c, using: &g)).parameterCount)
    }

    @Test func tableCountsMatchTheNetwork() throws {
        var c = TableGANConfig()
        c.spans = [.init(.tanh, width: 1), .init(.softmax, width: 4), .init(.softmax, width: 3)]
        c.conditionWidth = 3
        c.generatorLayers = [16, 8]
        var g = SeededGenerator(seed: 1)
        #expect(c.generatorWeights == (try TableGenerator(c, using: &g)).parameterCount)
    }

    @Test func sizesThatOverflowAreRefusedByValidation() {
        var wave = WaveGANConfig()
        wave.modelSize = 1 << 40
        #expect(wave.generatorWeights == nil)
        #expect(throws: ModelError.self) { try wave.validate() }
        var series = SeriesGANConfig()
        series.width = 1 << 32
        series.length = 1 << 32
        #expect(series.generatorWeights == nil)
        #expect(throws: ModelError.self) { try series.validate() }
        #expect(throws: ModelError.self) { try GeneratorSize.check(nil, fileValues: 10, path: "m") }
        #expect(throws: ModelError.self) { try GeneratorSize.check(11, fileValues: 10, path: "m") }
    }
}
