import NN
import TensorCore

/// The critic: `[B, features, T]` → `layers` blocks (convolutions or GRUs) → flatten → dense score `[B, 1]`, plus
/// ⟨embed(label), features⟩ for a conditional model.
public final class SeriesCritic: Module {
    public let config: SeriesGANConfig
    let blocks: SeriesBlocks
    let dense: Linear
    let labelProjection: Embedding?

    public init(_ config: SeriesGANConfig, using g: inout SeededGenerator) throws {
        try config.validate()
        self.config = config
        blocks = SeriesBlocks(config, inputChannels: config.features, using: &g)
        let flat = config.width * config.length
        dense = Linear(flat, 1, using: &g)
        labelProjection = config.labelCount > 0 ? Embedding(config.labelCount, flat, using: &g) : nil
        super.init()
    }

    /// Raw scores `[B, 1]` for windows `[B, features, length]`.
    public func callAsFunction(_ x: Tensor, labels: [Int]? = nil) throws -> Tensor {
        try x.expectShape([-1, config.features, config.length], "series critic input")
        let flat = try blocks(x).reshaped([x.shape[0], -1])
        var score = try dense(flat)
        if let projection = labelProjection {
            guard let labels, labels.count == x.shape[0] else {
                throw ModelError.invalidConfig("this critic is conditional: give one label per window")
            }
            score = score + (flat * (try projection(labels) * (1 / Float(flat.shape[1]).squareRoot())))
                .sum(axes: [1], keepDims: true)
        }
        return score
    }
}
