import Models
import NN
import TensorCore
import Training

/// The series GAN as a `GANProblem`: scaled training windows `[N, C, T]`, a `SeriesGenerator` and a `SeriesCritic`.
/// Real batches are drawn uniformly with replacement from the trainer's data stream, so resuming needs no state of
/// its own.
final class SeriesGANProblem: GANProblem {
    let seriesGenerator: SeriesGenerator
    let critic: SeriesCritic
    /// Scaled windows, channels-first `[N, C, T]`.
    let windows: Tensor
    /// Class index of each window (conditional models).
    let labels: [Int]?

    var generator: Module { seriesGenerator }
    var critics: [Module] { [critic] }

    init(config: SeriesGANConfig, windows: Tensor, labels: [Int]?, seed: UInt64) throws {
        var g = SeededGenerator(seed: seed, stream: [0x5E41E5])
        seriesGenerator = try SeriesGenerator(config, using: &g)
        critic = try SeriesCritic(config, using: &g)
        self.windows = windows
        self.labels = labels
    }

    func realBatch(size: Int, using random: inout SeededGenerator) throws -> GANBatch {
        let n = windows.shape[0]
        let indices = (0..<size).map { _ in random.int(below: n) }
        return GANBatch(data: windows.gathered(axis: 0, indices: indices), labels: labels.map { l in indices.map { l[$0] } })
    }

    func latent(batch: Int, labels: [Int]?, using random: inout SeededGenerator) -> Tensor {
        seriesGenerator.latent(count: batch, using: &random)
    }

    func generate(_ latent: Tensor, labels: [Int]?) throws -> Tensor {
        try seriesGenerator(latent, labels: labels)
    }

    func score(critic index: Int, _ x: Tensor, labels: [Int]?, using random: inout SeededGenerator) throws -> Tensor {
        try critic(x, labels: labels)
    }
}
