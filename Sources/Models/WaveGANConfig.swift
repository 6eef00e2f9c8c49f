import TensorCore

/// The shape of a WaveGAN generator/critic pair (Donahue et al. 2019), with SwiftGAN's extensions (short slices,
/// nearest-neighbour upsampling, label conditioning).
public struct WaveGANConfig: Codable, Equatable, Sendable {
    /// How the generator upsamples.
    public enum Upsampling: String, Codable, Sendable, CaseIterable {
        /// Transposed convolution, kernel 25, stride 4 (the paper's "zeros").
        case transposed
        /// Nearest-neighbour repeat then a stride-1 convolution (the paper's "nn").
        case nearest
    }

    /// A learned gate on the generator's output: the last layer produces a carrier `a` and a gate `b` per channel and
    /// the audio is `tanh(a) · gate(b)`. One-shot sounds decay to digital silence, which a bare `tanh` output cannot
    /// produce (it would have to cancel every upstream activation exactly).
    public enum OutputGate: String, Codable, Sendable, CaseIterable {
        /// No gate: `tanh(a)` (the published architecture).
        case none
        /// `tanh(a) · sigmoid(b)`: silence needs `b` below about −11 (a 16-bit zero).
        case sigmoid
        /// `tanh(a) · max(0, (sigmoid(b) − 0.1) / 0.9)`: exactly zero for `b` below −2.2, so silent stretches are
        /// easy to reach and stay exactly silent.
        case hard

        /// The sigmoid level below which `.hard` outputs zero.
        public static let hardFloor: Float = 0.1
    }

    /// Samples per clip: 4096, 8192, 16384 (the paper's), 32768 or 65536.
    public var sliceLength = 16384
    /// Model size d: channel widths are multiples of it (the paper uses 64).
    public var modelSize = 64
    /// Audio channels.
    public var channels = 1
    /// Latent dimension (uniform in [−1, 1]).
    public var latentDimension = 100
    public var kernelSize = 25
    public var upsampling = Upsampling.transposed
    public var batchNorm = false
    /// Length of the generator's learned post-filter (0 = none; the paper's option uses 512).
    public var postFilterLength = 0
    /// Phase-shuffle radius of the critic (0 = off).
    public var phaseShuffle = 2
    /// How the generator's output is gated (see `OutputGate`). `.none` in the published architecture.
    public var outputGate = OutputGate.none
    /// Number of labels for a conditional model (0 = unconditional).
    public var labelCount = 0
    /// Sample rate the model was trained at (metadata for generation).
    public var sampleRate = 16000

    public init() {}

    /// Decodes a configuration, taking the default of every field the file does not name (model files written by
    /// earlier versions), and the earlier boolean `outputGate` (`true` = `.sigmoid`).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        sliceLength = try c.decode(.sliceLength, default: sliceLength)
        modelSize = try c.decode(.modelSize, default: modelSize)
        channels = try c.decode(.channels, default: channels)
        latentDimension = try c.decode(.latentDimension, default: latentDimension)
        kernelSize = try c.decode(.kernelSize, default: kernelSize)
        upsampling = try c.decode(.upsampling, default: upsampling)
        batchNorm = try c.decode(.batchNorm, default: batchNorm)
        postFilterLength = try c.decode(.postFilterLength, default: postFilterLength)
        phaseShuffle = try c.decode(.phaseShuffle, default: phaseShuffle)
        if let earlier = try? c.decodeIfPresent(Bool.self, forKey: .outputGate) {
            outputGate = earlier ? .sigmoid : .none
        } else {
            outputGate = try c.decode(.outputGate, default: outputGate)
        }
        labelCount = try c.decode(.labelCount, default: labelCount)
        sampleRate = try c.decode(.sampleRate, default: sampleRate)
    }

    /// Slice lengths the architecture supports.
    public static let sliceLengths = [4096, 8192, 16384, 32768, 65536]

    /// Upsampling factors of the generator's layers, first to last (the critic uses them in reverse).
    public var strides: [Int] {
        switch sliceLength {
        case 4096: return [4, 4, 4, 4]
        case 8192: return [4, 4, 4, 4, 2]
        case 32768: return [4, 4, 4, 4, 4, 2]
        case 65536: return [4, 4, 4, 4, 4, 4]
        default: return [4, 4, 4, 4, 4]
        }
    }

    /// Length of the generator's first feature map (and the critic's last).
    public static let baseLength = 16

    /// Channels of the generator's first feature map: d · 2^(layers − 1).
    public var baseChannels: Int { modelSize << (strides.count - 1) }

    /// Throws a readable error for an unsupported combination.
    public func validate() throws {
        guard WaveGANConfig.sliceLengths.contains(sliceLength) else {
            throw ModelError.invalidConfig(
                "slice length \(sliceLength) is not supported; use one of \(WaveGANConfig.sliceLengths.map(String.init).joined(separator: ", "))")
        }
        guard modelSize >= 1, channels >= 1, latentDimension >= 1, kernelSize >= 1, phaseShuffle >= 0,
              labelCount >= 0, postFilterLength >= 0
        else { throw ModelError.invalidConfig("model sizes must be positive (got d = \(modelSize), channels = \(channels))") }
        try GeneratorSize.checkBound(generatorWeights, "WaveGAN")
    }
}

/// Problems building or loading a model.
public enum ModelError: Error, CustomStringConvertible, Equatable {
    case invalidConfig(String)
    case incompatibleFile(String)

    public var description: String {
        switch self {
        case .invalidConfig(let m): return "invalid model configuration: \(m)"
        case .incompatibleFile(let m): return m
        }
    }
}
