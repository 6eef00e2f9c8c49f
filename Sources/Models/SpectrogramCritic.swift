import DSP
import NN
import TensorCore

/// A multi-resolution spectrogram critic (after UnivNet's and BigVGAN's): for each STFT resolution, the power
/// spectrogram of each clip is divided by its own peak and compressed (a power law `(p/peak + ε)^(α/2)` by default,
/// in which silent bins sit near 0 instead of dominating as on a log scale), then read as a sequence of spectra (bins
/// as channels) by 1-D convolutions over time with LeakyReLU. A last convolution scores every stretch of frames and
/// the scores are averaged (a patch critic); the resolutions' scores are summed. Conditional critics add a projection
/// term ⟨embed(label), pooled features⟩ per resolution.
///
/// The STFT is differentiable to second order, so the critic can carry WGAN-GP; R1 is taken against `features`.
public final class SpectrogramCritic: Module {
    /// How magnitudes are compressed before the convolutions.
    public enum Compression: String, Codable, Sendable, CaseIterable {
        /// `(p/peak + ε)^(α/2)`: a power law of the magnitude, `α = exponent`.
        case power
        /// `log(p/peak + ε) / 2`: a log magnitude whose floor `ε` follows the clip's level.
        case log
    }

    /// Its shape and its weight in training.
    public struct Config: Codable, Equatable, Sendable {
        /// (FFT size, hop) per resolution.
        public var resolutions: [[Int]] = [[256, 64], [512, 128], [1024, 256]]
        /// Channels of the convolutions.
        public var width = 32
        /// Convolutions per resolution before the scoring one; all but the first halve the frame rate.
        public var layers = 3
        public var compression = Compression.power
        /// α of `.power`.
        public var exponent: Float = 0.3
        /// Floor ε of the compression, relative to each clip's peak power (1e-9: −90 dB; see docs/experiments-audio.md).
        public var floor: Float = 1e-9
        /// Weight of this critic's term in the generator's loss.
        public var lossWeight: Float = 1
        /// This critic's learning rate relative to the critics' optimizer's.
        public var learningRateScale: Float = 1
        /// This critic's R1 weight relative to the training configuration's γ.
        public var r1Scale: Float = 1

        public init() {}

        /// Decodes a configuration, taking the default of every field the file does not name (model files written
        /// by earlier versions).
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            resolutions = try c.decode(.resolutions, default: resolutions)
            width = try c.decode(.width, default: width)
            layers = try c.decode(.layers, default: layers)
            compression = try c.decode(.compression, default: compression)
            exponent = try c.decode(.exponent, default: exponent)
            floor = try c.decode(.floor, default: floor)
            lossWeight = try c.decode(.lossWeight, default: lossWeight)
            learningRateScale = try c.decode(.learningRateScale, default: learningRateScale)
            r1Scale = try c.decode(.r1Scale, default: r1Scale)
        }

        /// Throws a readable error for values the critic cannot use.
        public func validate() throws {
            guard !resolutions.isEmpty, resolutions.count <= 8,
                  resolutions.allSatisfy({ $0.count == 2 && (8...65536).contains($0[0]) && (1...$0[0]).contains($0[1]) })
            else { throw ModelError.invalidConfig("spectrogram critic: resolutions are 1 to 8 [fftSize, hop] pairs, 8 ≤ fftSize ≤ 65536, 1 ≤ hop ≤ fftSize") }
            guard (1...1024).contains(width), (1...8).contains(layers) else {
                throw ModelError.invalidConfig("spectrogram critic: width must lie in 1…1024 and layers in 1…8")
            }
            guard exponent > 0, exponent <= 2, floor > 0, floor < 1 else {
                throw ModelError.invalidConfig("spectrogram critic: the exponent must lie in (0, 2] and the floor in (0, 1)")
            }
            for (name, v) in [("lossWeight", lossWeight), ("learningRateScale", learningRateScale), ("r1Scale", r1Scale)] {
                guard v >= 0, v.isFinite, v <= 1000 else {
                    throw ModelError.invalidConfig("spectrogram critic: \(name) must lie in [0, 1000]")
                }
            }
        }
    }

    public let config: Config
    let sliceLength: Int
    let channels: Int
    let branches: [SpectrogramBranch]
    private let transforms: [STFT]

    /// A critic for clips of `sliceLength` samples and `channels` channels; `labelCount > 0` makes it conditional,
    /// and `classifierHead` then adds the class logits of `scoreAndClassify`.
    public init(_ config: Config, sliceLength: Int, channels: Int, labelCount: Int = 0, classifierHead: Bool = false,
                using g: inout SeededGenerator) throws
    {
        try config.validate()
        guard config.resolutions.allSatisfy({ $0[0] <= sliceLength }) else {
            throw ModelError.invalidConfig("spectrogram critic: an FFT size exceeds the slice length \(sliceLength)")
        }
        self.config = config
        self.sliceLength = sliceLength
        self.channels = channels
        transforms = try config.resolutions.map { try STFT(fftSize: $0[0], hopLength: $0[1]) }
        branches = transforms.map { stft in
            SpectrogramBranch(bins: stft.bins, frames: stft.frameCount(signalLength: sliceLength), width: config.width,
                              layers: config.layers, labelCount: labelCount,
                              classifierHead: classifierHead && labelCount > 0, using: &g)
        }
        super.init()
    }

    /// Raw scores `[B, 1]` for waveforms `[B, channels, sliceLength]` (channels are scored separately and summed):
    /// `score(features(x))`.
    public func callAsFunction(_ x: Tensor, labels: [Int]? = nil) throws -> Tensor {
        try score(features(x), labels: labels)
    }

    /// What the critic reads of waveforms `[B, channels, sliceLength]`: compressed, peak-normalised power
    /// spectrograms of every channel at every resolution, flattened and concatenated, `[B · channels, Σ bins ·
    /// frames]`. Differentiable (to second order) in `x`. Gradient penalties
    /// taken against these features regularise the critic itself; taken against the waveform they would also go
    /// through the compression, whose slope is steep wherever the audio is near silence.
    public func features(_ x: Tensor) throws -> Tensor {
        try x.expectShape([-1, channels, sliceLength], "spectrogram critic input")
        let signals = x.reshaped([x.shape[0] * channels, sliceLength])
        let parts = try transforms.map { stft in
            try compressed(stft.power(signals)).reshaped([signals.shape[0], -1])
        }
        return parts.count == 1 ? parts[0] : Tensor.concatenated(parts, axis: 1)
    }

    /// `(p/peak + ε)^(α/2)` or `log(p/peak + ε)/2` of power spectrograms `[N, bins, frames]`, peak per row.
    func compressed(_ power: Tensor) -> Tensor {
        Self.compressed(power, config.compression, exponent: config.exponent, floor: config.floor)
    }

    /// `(p/peak + floor)^(exponent/2)` or `log(p/peak + floor)/2` of spectrograms `[N, …, …]`, peak per row.
    static func compressed(_ power: Tensor, _ compression: Compression, exponent: Float, floor: Float) -> Tensor {
        // A silent clip has peak 0; the tiny offset keeps its features at the floor instead of NaN.
        let relative = power / (power.max(axes: [1, 2], keepDims: true) + 1e-30) + floor
        switch compression {
        case .power: return relative.positivePow(exponent / 2)
        case .log: return relative.positiveLog() * 0.5
        }
    }

    /// Raw scores `[B, 1]` from `features(x)` (`[B · channels, …]`).
    public func score(_ features: Tensor, labels: [Int]? = nil) throws -> Tensor {
        try scoreAndClassify(features, labels: labels).scores
    }

    /// Raw scores `[B, 1]` and, with a classifier head, class logits `[B, labelCount]` (summed over resolutions,
    /// averaged over channels) from `features(x)`.
    public func scoreAndClassify(_ features: Tensor, labels: [Int]? = nil) throws -> (scores: Tensor, logits: Tensor?) {
        let sizes = zip(transforms, branches).map { $0.0.bins * $0.1.frames }
        try features.expectShape([-1, sizes.reduce(0, +)], "spectrogram critic features")
        let rows = features.shape[0]
        guard rows % channels == 0 else {
            throw TensorError.shapeMismatch("\(rows) feature rows for \(channels) channels")
        }
        // Each channel is scored with its clip's label.
        let rowLabels = try labels.map { labels -> [Int] in
            guard labels.count * channels == rows else {
                throw ModelError.invalidConfig("this critic is conditional: give one label per clip")
            }
            return labels.flatMap { Array(repeating: $0, count: channels) }
        }
        var total: Tensor?, logits: Tensor?, offset = 0
        for ((stft, branch), size) in zip(zip(transforms, branches), sizes) {
            let part = features.sliced(axis: 1, offset..<(offset + size)).reshaped([rows, stft.bins, branch.frames])
            let (score, classes) = try branch(part, labels: rowLabels)
            total = total.map { $0 + score } ?? score
            if let classes { logits = logits.map { $0 + classes } ?? classes }
            offset += size
        }
        let clipLogits = logits.map { l in
            channels == 1 ? l : l.reshaped([rows / channels, channels, l.shape[1]]).mean(axes: [1])
        }
        return (total!.reshaped([rows / channels, channels]).sum(axes: [1], keepDims: true), clipLogits)
    }
}

/// One resolution of `SpectrogramCritic`: `[N, bins, frames]` → `[N, 1]` (and class logits `[N, labels]`).
final class SpectrogramBranch: Module {
    let convs: [Conv1d]
    let output: Conv1d
    let labelProjection: Embedding?
    let classifier: Linear?
    /// STFT frames the branch reads.
    let frames: Int

    init(bins: Int, frames: Int, width: Int, layers: Int, labelCount: Int, classifierHead: Bool,
         using g: inout SeededGenerator) {
        var list: [Conv1d] = []
        var length = frames
        for i in 0..<layers {
            let stride = i > 0 && length >= 8 ? 2 : 1
            list.append(Conv1d(i == 0 ? bins : width, width, kernelSize: 3, stride: stride, padding: 1, using: &g))
            length = (length - 1) / stride + 1
        }
        convs = list
        output = Conv1d(width, 1, kernelSize: 3, padding: 1, using: &g)
        labelProjection = labelCount > 0 ? Embedding(labelCount, width, using: &g) : nil
        classifier = classifierHead ? Linear(width, labelCount, using: &g) : nil
        self.frames = frames
        super.init()
    }

    /// Mean patch score plus, for a conditional critic, ⟨embed(label), time-averaged features⟩; with a classifier
    /// head, class logits from the time-averaged features.
    func callAsFunction(_ spectrogram: Tensor, labels: [Int]?) throws -> (score: Tensor, logits: Tensor?) {
        var h = spectrogram
        for conv in convs { h = try conv(h).leakyRelu(0.2) }
        var score = try output(h).mean(axes: [2])  // [N, 1]
        guard labelProjection != nil || classifier != nil else { return (score, nil) }
        let pooled = h.mean(axes: [2])
        if let projection = labelProjection {
            guard let labels else { throw ModelError.invalidConfig("this critic is conditional: give one label per clip") }
            score = score + (pooled * (try projection(labels))).sum(axes: [1], keepDims: true)
        }
        return (score, try classifier.map { try $0(pooled) })
    }
}
