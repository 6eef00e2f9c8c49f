import NN
import TensorCore

/// WaveGAN's critic: n strided convolutions (kernel 25, LeakyReLU 0.2, phase shuffle after all but the last) →
/// flatten `[16·2^(n−1)·d · 16]` → dense to one raw score. Conditional models add a projection term
/// ⟨embed(label), features⟩ (Miyato & Koyama 2018), and can add a classifier head: dense from the same features to
/// one logit per label (AC-GAN, Odena et al. 2017).
public final class WaveGANDiscriminator: Module {
    public let config: WaveGANConfig
    let convs: [Conv1d]
    let norms: [BatchNorm1d]
    let dense: Linear
    let labelProjection: Embedding?
    let classifier: Linear?
    let shuffle: PhaseShuffle

    /// A critic for `config`; `classifierHead` adds the class logits of `scoreAndClassify` (conditional configs only).
    public init(_ config: WaveGANConfig, classifierHead: Bool = false, using g: inout SeededGenerator) throws {
        try config.validate()
        self.config = config
        let d = config.modelSize, strides = Array(config.strides.reversed()), n = strides.count
        var layers: [Conv1d] = [], bns: [BatchNorm1d] = []
        let k = config.kernelSize
        for i in 0..<n {
            let cin = i == 0 ? config.channels : d << (i - 1), cout = d << i
            let s = strides[i]
            layers.append(Conv1d(cin, cout, kernelSize: k, stride: s, padding: (k - s + 1) / 2, using: &g))
            if config.batchNorm && i > 0 { bns.append(BatchNorm1d(cout)) }
        }
        convs = layers
        norms = bns
        let features = WaveGANConfig.baseLength * config.baseChannels
        dense = Linear(features, 1, using: &g)
        labelProjection = config.labelCount > 0 ? Embedding(config.labelCount, features, using: &g) : nil
        classifier = classifierHead && config.labelCount > 0 ? Linear(features, config.labelCount, using: &g) : nil
        shuffle = PhaseShuffle(radius: config.phaseShuffle)
        super.init()
    }

    /// Raw scores `[B, 1]` for waveforms `[B, channels, sliceLength]`.
    public func callAsFunction(_ x: Tensor, labels: [Int]? = nil, using g: inout SeededGenerator) throws -> Tensor {
        try scoreAndClassify(x, labels: labels, using: &g).scores
    }

    /// Raw scores `[B, 1]` and, with a classifier head, class logits `[B, labelCount]` from the same features.
    public func scoreAndClassify(_ x: Tensor, labels: [Int]? = nil, using g: inout SeededGenerator) throws
        -> (scores: Tensor, logits: Tensor?) {
        try x.expectShape([-1, config.channels, config.sliceLength], "critic input")
        var h = x
        for i in convs.indices {
            h = try convs[i](h)
            if config.batchNorm && i > 0 { h = try norms[i - 1](h) }
            h = h.leakyRelu(0.2)
            if i < convs.count - 1 { h = shuffle(h, using: &g) }
        }
        let flat = h.reshaped([x.shape[0], -1])
        var score = try dense(flat)
        if let projection = labelProjection {
            guard let labels, labels.count == x.shape[0] else {
                throw ModelError.invalidConfig("this critic is conditional: give one label per clip")
            }
            score = score + (flat * (try projection(labels))).sum(axes: [1], keepDims: true)
        }
        return (score, try classifier.map { try $0(flat) })
    }
}
