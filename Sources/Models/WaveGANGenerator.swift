import NN
import TensorCore

/// WaveGAN's generator: latent `[B, latent]` (+ label) → dense → `[B, 16·2^(n−1)·d, 16]` → n upsampling layers
/// (ReLU between, tanh last — times a learned gate with `outputGate`) → `[B, channels, sliceLength]`.
public final class WaveGANGenerator: Module {
    public let config: WaveGANConfig
    let labelEmbedding: Embedding?
    let dense: Linear
    let denseNorm: BatchNorm1d?
    let upsample: [ConvTranspose1d]
    let upsampleConv: [Conv1d]
    let norms: [BatchNorm1d]
    let postFilter: Conv1d?

    public init(_ config: WaveGANConfig, using g: inout SeededGenerator) throws {
        try config.validate()
        self.config = config
        let d = config.modelSize, strides = config.strides, n = strides.count
        labelEmbedding = config.labelCount > 0 ? Embedding(config.labelCount, config.latentDimension, using: &g) : nil
        let inputs = config.latentDimension * (config.labelCount > 0 ? 2 : 1)
        dense = Linear(inputs, WaveGANConfig.baseLength * config.baseChannels, using: &g)
        denseNorm = config.batchNorm ? BatchNorm1d(config.baseChannels) : nil
        var transposed: [ConvTranspose1d] = [], convs: [Conv1d] = [], bns: [BatchNorm1d] = []
        let k = config.kernelSize
        for i in 0..<n {
            let outputs = config.channels * (config.outputGate == .none ? 1 : 2)
            let cin = d << (n - 1 - i), cout = i == n - 1 ? outputs : d << (n - 2 - i)
            switch config.upsampling {
            case .transposed:
                // "same" transposed convolution: output length = stride · input length.
                let s = strides[i]
                let pad = (k - s + 1) / 2, outPad = s - (k - 2 * pad)
                transposed.append(ConvTranspose1d(cin, cout, kernelSize: k, stride: s, padding: pad,
                                                  outputPadding: outPad, using: &g))
            case .nearest:
                convs.append(Conv1d(cin, cout, kernelSize: k, padding: k / 2, using: &g))
            }
            if config.batchNorm && i < n - 1 { bns.append(BatchNorm1d(cout)) }
        }
        upsample = transposed
        upsampleConv = convs
        norms = bns
        postFilter = config.postFilterLength > 0
            ? Conv1d(config.channels, config.channels, kernelSize: config.postFilterLength, bias: false, using: &g)
            : nil
        super.init()
    }

    /// Latent vectors for `count` examples, uniform in [−1, 1].
    public func latent(count: Int, using g: inout SeededGenerator) -> Tensor {
        Tensor.uniform([count, config.latentDimension], low: -1, high: 1, using: &g)
    }

    /// Waveforms `[B, channels, sliceLength]` in [−1, 1] from latents `[B, latentDimension]` (and labels when the
    /// model is conditional).
    public func callAsFunction(_ z: Tensor, labels: [Int]? = nil) throws -> Tensor {
        try z.expectShape([-1, config.latentDimension], "latent")
        var input = z
        if let embedding = labelEmbedding {
            guard let labels, labels.count == z.shape[0] else {
                throw ModelError.invalidConfig("this generator is conditional: give one label per latent vector")
            }
            input = Tensor.concatenated([z, try embedding(labels)], axis: 1)
        }
        var x = try dense(input).reshaped([z.shape[0], config.baseChannels, WaveGANConfig.baseLength])
        if let bn = denseNorm { x = try bn(x) }
        x = x.relu()
        let n = config.strides.count
        for i in 0..<n {
            switch config.upsampling {
            case .transposed:
                x = try upsample[i](x)
            case .nearest:
                let s = config.strides[i], length = x.shape[2]
                x = try upsampleConv[i](x.gathered(axis: 2, indices: (0..<(length * s)).map { $0 / s }))
            }
            if i < n - 1 {
                if config.batchNorm { x = try norms[i](x) }
                x = x.relu()
            }
        }
        var gate: Tensor?
        if config.outputGate != .none {
            let c = config.channels
            let level = x.sliced(axis: 1, c..<(2 * c)).sigmoid()
            let floor = WaveGANConfig.OutputGate.hardFloor
            gate = config.outputGate == .hard ? ((level - floor) * (1 / (1 - floor))).relu() : level
            x = x.sliced(axis: 1, 0..<c)
        }
        if let filter = postFilter {
            let before = (config.postFilterLength - 1) / 2
            x = try filter(x.padded(axis: 2, before: before, after: config.postFilterLength - 1 - before))
        }
        return gate.map { x.tanh() * $0 } ?? x.tanh()
    }
}
