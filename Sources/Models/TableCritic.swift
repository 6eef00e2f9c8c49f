import NN
import TensorCore

/// A parameterless LeakyReLU layer (holds a place in `TableCritic.seq`, as in PyTorch's `Sequential`).
public final class LeakyReLULayer: Module {
    public let slope: Float

    public init(slope: Float) {
        self.slope = slope
        super.init()
    }
}

/// A parameterless dropout layer, active in training mode only.
public final class DropoutLayer: Module {
    public let probability: Float

    public init(probability: Float) {
        self.probability = probability
        super.init()
    }
}

/// CTGAN's critic with PacGAN grouping: `pac` rows (each a generated or real row with its condition) are
/// concatenated and judged together by (Linear → LeakyReLU → Dropout) × n → Linear to one raw score per group.
/// Parameter names are those of CTGAN's PyTorch module (`seq.0.weight`, `seq.3.weight`, `seq.6.weight`).
public final class TableCritic: Module {
    public let config: TableGANConfig
    let seq: [Module]

    public init(_ config: TableGANConfig, using g: inout SeededGenerator) throws {
        try config.validate()
        self.config = config
        var layers: [Module] = []
        var width = config.pac * config.criticRowWidth
        for hidden in config.criticLayers {
            layers += [Linear(width, hidden, using: &g), LeakyReLULayer(slope: config.leakySlope),
                       DropoutLayer(probability: config.dropout)]
            width = hidden
        }
        layers.append(Linear(width, 1, using: &g))
        seq = layers
        super.init()
    }

    /// Raw scores `[G, 1]` for `G` groups of rows `[G, pac, criticRowWidth]`; dropout draws from `g`.
    public func callAsFunction(_ groups: Tensor, using g: inout SeededGenerator) throws -> Tensor {
        try groups.expectShape([-1, config.pac, config.criticRowWidth], "table critic input")
        var h = groups.reshaped([groups.shape[0], config.pac * config.criticRowWidth])
        for layer in seq {
            switch layer {
            case let linear as Linear: h = try linear(h)
            case let relu as LeakyReLULayer: h = h.leakyRelu(relu.slope)
            case let drop as DropoutLayer: if isTraining { h = h.dropout(drop.probability, using: &g) }
            default: preconditionFailure("unexpected layer \(type(of: layer)) in TableCritic")
            }
        }
        return h
    }
}
