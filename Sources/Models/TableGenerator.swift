import NN
import TensorCore

/// CTGAN's residual block: `[relu(bn(fc(x))), x]` — the block's output concatenated to its input.
public final class TableResidual: Module {
    public let fc: Linear
    public let bn: BatchNorm1d

    public init(_ inputs: Int, _ outputs: Int, using g: inout SeededGenerator) {
        fc = Linear(inputs, outputs, using: &g)
        bn = BatchNorm1d(outputs)
        super.init()
    }

    /// `[B, in]` → `[B, out + in]`.
    public func callAsFunction(_ x: Tensor) throws -> Tensor {
        Tensor.concatenated([try bn(try fc(x)).relu(), x], axis: 1)
    }
}

/// CTGAN's generator: `[z, condition]` → residual blocks → Linear to one raw value per output position (the
/// activations of `TableOutputLayout` turn them into a row). Parameter names are those of CTGAN's PyTorch module
/// (`seq.0.fc.weight`, `seq.0.bn.running_mean`, …, `seq.2.weight`).
public final class TableGenerator: Module {
    public let config: TableGANConfig
    let seq: [Module]

    public init(_ config: TableGANConfig, using g: inout SeededGenerator) throws {
        try config.validate()
        self.config = config
        var layers: [Module] = []
        var width = config.latentDimension + config.conditionWidth
        for hidden in config.generatorLayers {
            layers.append(TableResidual(width, hidden, using: &g))
            width += hidden
        }
        layers.append(Linear(width, config.outputWidth, using: &g))
        seq = layers
        super.init()
    }

    /// Width of the generator's input: latent plus condition.
    public var inputWidth: Int { config.latentDimension + config.conditionWidth }

    /// Raw outputs `[B, outputWidth]` for inputs `[B, latentDimension + conditionWidth]`.
    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        try input.expectShape([-1, inputWidth], "table generator input")
        var h = input
        for layer in seq {
            if let block = layer as? TableResidual { h = try block(h) } else { h = try (layer as! Linear)(h) }
        }
        return h
    }
}
