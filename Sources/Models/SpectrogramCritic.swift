import DSP
import NN
import TensorCore

/// A multi-resolution spectrogram critic: for each STFT resolution, log-magnitude frames `[B, bins, frames]` are read
/// as a sequence of spectra (bins as channels) by strided 1-D convolutions with LeakyReLU, flattened and scored by
/// a dense layer; the scores of all resolutions are summed. The STFT is differentiable to second order, so the critic
/// can carry gradient penalties.
public final class SpectrogramCritic: Module {
    /// Its shape.
    public struct Config: Codable, Equatable, Sendable {
        /// (FFT size, hop) per resolution.
        public var resolutions: [[Int]] = [[256, 64], [1024, 256]]
        /// Channels of the convolutions.
        public var width = 64
        /// Strided convolutions per resolution.
        public var layers = 3
        /// Added to the magnitude before the logarithm.
        public var epsilon: Float = 1e-4
        public init() {}
    }

    public let config: Config
    let sliceLength: Int
    let channels: Int
    let branches: [SpectrogramBranch]
    private let transforms: [STFT]

    public init(_ config: Config, sliceLength: Int, channels: Int, using g: inout SeededGenerator) throws {
        guard !config.resolutions.isEmpty, config.resolutions.allSatisfy({ $0.count == 2 && $0[0] >= 8 && $0[1] >= 1 }),
              config.width >= 1, config.layers >= 1
        else { throw ModelError.invalidConfig("spectrogram critic: resolutions are [fftSize, hop] pairs, fftSize ≥ 8") }
        self.config = config
        self.sliceLength = sliceLength
        self.channels = channels
        transforms = try config.resolutions.map { try STFT(fftSize: $0[0], hopLength: $0[1]) }
        branches = try transforms.map { stft in
            try SpectrogramBranch(bins: stft.bins, frames: stft.frameCount(signalLength: sliceLength),
                                  width: config.width, layers: config.layers, using: &g)
        }
        super.init()
    }

    /// Raw scores `[B, 1]` for waveforms `[B, channels, sliceLength]` (channels are scored separately and summed):
    /// `score(features(x))`.
    public func callAsFunction(_ x: Tensor) throws -> Tensor {
        try score(features(x))
    }

    /// What the critic reads of waveforms `[B, channels, sliceLength]`: log-magnitude spectrograms of every channel at
    /// every resolution, flattened and concatenated, `[B · channels, Σ bins · frames]`. Differentiable (to second
    /// order) in `x`. Gradient penalties taken against these features regularise the critic itself; taken against
    /// the waveform they would also go through the logarithm, whose slope `1/(|X| + ε)` is huge wherever the real
    /// audio is silent.
    public func features(_ x: Tensor) throws -> Tensor {
        try x.expectShape([-1, channels, sliceLength], "spectrogram critic input")
        let signals = x.reshaped([x.shape[0] * channels, sliceLength])
        let parts = try transforms.map { stft in
            try stft.logMagnitude(signals, epsilon: config.epsilon).reshaped([signals.shape[0], -1])
        }
        return parts.count == 1 ? parts[0] : Tensor.concatenated(parts, axis: 1)
    }

    /// Raw scores `[B, 1]` from `features(x)`.
    public func score(_ features: Tensor) throws -> Tensor {
        let sizes = zip(transforms, branches).map { $0.0.bins * $0.1.frames }
        try features.expectShape([-1, sizes.reduce(0, +)], "spectrogram critic features")
        guard features.shape[0] % channels == 0 else {
            throw TensorError.shapeMismatch("\(features.shape[0]) feature rows for \(channels) channels")
        }
        var total: Tensor?, offset = 0
        for ((stft, branch), size) in zip(zip(transforms, branches), sizes) {
            let part = features.sliced(axis: 1, offset..<(offset + size))
                .reshaped([features.shape[0], stft.bins, branch.frames])
            let score = try branch(part)
            total = total.map { $0 + score } ?? score
            offset += size
        }
        return total!.reshaped([features.shape[0] / channels, channels]).sum(axes: [1], keepDims: true)
    }
}

/// One resolution of `SpectrogramCritic`.
final class SpectrogramBranch: Module {
    let convs: [Conv1d]
    let dense: Linear
    /// STFT frames the branch reads.
    let frames: Int

    init(bins: Int, frames: Int, width: Int, layers: Int, using g: inout SeededGenerator) throws {
        var list: [Conv1d] = []
        var length = frames
        for i in 0..<layers {
            let stride = length >= 4 ? 2 : 1
            list.append(Conv1d(i == 0 ? bins : width, width, kernelSize: 3, stride: stride, padding: 1, using: &g))
            length = (length - 1) / stride + 1
        }
        convs = list
        self.frames = frames
        dense = Linear(width * length, 1, using: &g)
        super.init()
    }

    func callAsFunction(_ spectrogram: Tensor) throws -> Tensor {
        var h = spectrogram
        for conv in convs { h = try conv(h).leakyRelu(0.2) }
        return try dense(h.reshaped([spectrogram.shape[0], -1]))
    }
}
