import TensorCore

/// The shape of SwiftGAN's time-series generator/critic pair for windows of `length` steps × `features` features.
///
/// Both networks see windows channels-first, `[B, features, length]`. The generator maps a global latent vector
/// (one per window, N(0, 1)) and optional per-step noise through a dense stem to `[B, width, length]`, then through
/// `layers` blocks of the chosen architecture to the features; the critic mirrors it and ends in a dense score on
/// the flattened features. Conditional models embed the class label into the generator's input and add a projection
/// term to the critic's score (Miyato & Koyama 2018).
public struct SeriesGANConfig: Codable, Equatable, Sendable {
    /// The layers of both networks.
    public enum Architecture: String, Codable, Sendable, CaseIterable {
        /// 1-D convolutions over time ("same" padding, LeakyReLU 0.2).
        case convolutional = "conv"
        /// One-layer GRUs stacked over time.
        case recurrent = "gru"
    }

    /// The generator's last activation: it must match how the training data is scaled.
    public enum Output: String, Codable, Sendable, CaseIterable {
        /// Logistic sigmoid, for data min-max scaled to [0, 1].
        case sigmoid
        /// None, for standardised data.
        case linear
    }

    /// Window length T.
    public var length = 24
    /// Features per step C.
    public var features = 1
    public var architecture = Architecture.convolutional
    /// Dimension of the global latent vector.
    public var latentDimension = 32
    /// Channels of per-step Gaussian noise fed to the generator beside the stem's output (0 = none).
    public var noiseChannels = 0
    /// Channels (convolutional) or hidden units (recurrent) of every block.
    public var width = 64
    /// Blocks in each network.
    public var layers = 2
    /// Kernel size of the convolutional blocks (odd).
    public var kernelSize = 5
    public var output = Output.sigmoid
    /// Number of class labels for a conditional model (0 = unconditional).
    public var labelCount = 0

    public init() {}

    /// Elements of the generator's latent input per window: the global vector, then the per-step noise `[noise, T]`.
    public var latentSize: Int { latentDimension + noiseChannels * length }

    /// Throws `ModelError.invalidConfig` naming the first unusable field.
    public func validate() throws {
        let checks: [(Bool, String)] = [
            (length >= 1, "window length \(length) must be at least 1"),
            (features >= 1, "feature count \(features) must be at least 1"),
            (latentDimension >= 1, "latent dimension \(latentDimension) must be at least 1"),
            (noiseChannels >= 0, "noise channels \(noiseChannels) must be ≥ 0"),
            (width >= 1, "width \(width) must be at least 1"),
            (layers >= 1, "layers \(layers) must be at least 1"),
            (kernelSize >= 1 && kernelSize % 2 == 1, "kernel size \(kernelSize) must be odd and positive"),
            (labelCount >= 0, "label count \(labelCount) must be ≥ 0"),
        ]
        if let failed = checks.first(where: { !$0.0 }) { throw ModelError.invalidConfig(failed.1) }
        try GeneratorSize.checkBound(generatorWeights, "series")
        let latent = CheckedSize.product([noiseChannels, length]).flatMap { CheckedSize.sum([latentDimension, $0]) }
        guard let latent, latent <= GeneratorSize.maximumWeights else {
            throw ModelError.invalidConfig(
                "\(noiseChannels) noise channels × \(length) steps make a latent larger than \(GeneratorSize.maximumWeights) "
                    + "values; use fewer noise channels")
        }
    }
}
