import NN
import TensorCore

/// `layers` blocks of width `config.width` over `[B, channels, T]`, each followed by LeakyReLU 0.2: "same" 1-D
/// convolutions, or GRUs run over time (batch-first inside).
final class SeriesBlocks: Module {
    let architecture: SeriesGANConfig.Architecture
    let convs: [Conv1d]
    let grus: [GRU]

    init(_ config: SeriesGANConfig, inputChannels: Int, using g: inout SeededGenerator) {
        architecture = config.architecture
        let w = config.width, k = config.kernelSize
        var convs: [Conv1d] = [], grus: [GRU] = []
        for i in 0..<config.layers {
            let cin = i == 0 ? inputChannels : w
            switch config.architecture {
            case .convolutional: convs.append(Conv1d(cin, w, kernelSize: k, padding: k / 2, using: &g))
            case .recurrent: grus.append(GRU(inputSize: cin, hiddenSize: w, using: &g))
            }
        }
        self.convs = convs
        self.grus = grus
        super.init()
    }

    /// `[B, channels, T]` → `[B, width, T]`.
    func callAsFunction(_ x: Tensor) throws -> Tensor {
        switch architecture {
        case .convolutional:
            return try convs.reduce(x) { try $1($0).leakyRelu(0.2) }
        case .recurrent:
            let out = try grus.reduce(x.permuted([0, 2, 1])) { try $1($0).outputs.leakyRelu(0.2) }
            return out.permuted([0, 2, 1])
        }
    }
}
