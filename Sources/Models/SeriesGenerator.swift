import NN
import TensorCore

/// SwiftGAN's time-series generator: global latent `[B, Z]` (+ label embedding) → dense → `[B, width, T]`
/// (LeakyReLU) → joined with per-step noise `[B, noise, T]` → `layers` blocks (convolutions or GRUs, see
/// `SeriesGANConfig.Architecture`) → 1×1 convolution to the features → output activation → `[B, features, T]`.
public final class SeriesGenerator: Module {
    public let config: SeriesGANConfig
    let labelEmbedding: Embedding?
    let stem: Linear
    let blocks: SeriesBlocks
    let head: Conv1d

    public init(_ config: SeriesGANConfig, using g: inout SeededGenerator) throws {
        try config.validate()
        self.config = config
        let z = config.latentDimension, w = config.width
        labelEmbedding = config.labelCount > 0 ? Embedding(config.labelCount, z, using: &g) : nil
        stem = Linear(config.labelCount > 0 ? 2 * z : z, w * config.length, using: &g)
        blocks = SeriesBlocks(config, inputChannels: w + config.noiseChannels, using: &g)
        head = Conv1d(w, config.features, kernelSize: 1, using: &g)
        super.init()
    }

    /// Latent inputs for `count` windows, N(0, 1), `[count, latentSize]`.
    public func latent(count: Int, using g: inout SeededGenerator) -> Tensor {
        Tensor.normal([count, config.latentSize], using: &g)
    }

    /// Windows `[B, features, length]` (in the scaled units of the training data) from latents `[B, latentSize]`
    /// and, for a conditional model, one label per window.
    public func callAsFunction(_ latent: Tensor, labels: [Int]? = nil) throws -> Tensor {
        try latent.expectShape([-1, config.latentSize], "series generator latent")
        let b = latent.shape[0], z = config.latentDimension, t = config.length
        var input = latent.sliced(axis: 1, 0..<z)
        if let embedding = labelEmbedding {
            guard let labels, labels.count == b else {
                throw ModelError.invalidConfig("this generator is conditional: give one label per window")
            }
            input = Tensor.concatenated([input, try embedding(labels)], axis: 1)
        }
        var h = try stem(input).reshaped([b, config.width, t]).leakyRelu(0.2)
        if config.noiseChannels > 0 {
            let noise = latent.sliced(axis: 1, z..<config.latentSize).reshaped([b, config.noiseChannels, t])
            h = Tensor.concatenated([h, noise], axis: 1)
        }
        let y = try head(try blocks(h))
        switch config.output {
        case .sigmoid: return y.sigmoid()
        case .linear: return y
        }
    }
}
