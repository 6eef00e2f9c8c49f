import Foundation
import SwiftGAN

/// `swiftgan bench --suite wavegan`: WaveGAN at slice 16384 with the paper's WGAN-GP schedule (5 critic steps with
/// gradient penalty, then one generator step; Adam 1e-4, β (0.5, 0.9)), timed beside PyTorch's figures on the
/// project's 2-core machines (`shared/peers`, PyTorch 2.13 CPU, 2 threads).
enum WaveGANBench {
    /// (d, batch, PyTorch seconds per iteration)
    static let iterationReference: [(Int, Int, Double)] =
        [(16, 16, 1.41), (32, 16, 4.50), (64, 16, 15.7), (16, 64, 5.40), (32, 64, 14.7), (64, 64, 55.0)]
    /// (d, PyTorch seconds for a batch-64 generator forward pass)
    static let forwardReference: [(Int, Double)] = [(16, 0.067), (32, 0.231), (64, 0.750)]

    /// Rows for the model sizes in `sizes` whose names pass `selected`; the last row is the process's peak memory.
    static func rows(repeats: Int, sizes: Set<Int>, selected: (String) -> Bool) throws -> [BenchRow] {
        var rows: [BenchRow] = []
        for (d, torch) in forwardReference where sizes.contains(d) && selected("G forward d=\(d) B=64") {
            var config = WaveGANConfig()
            config.modelSize = d
            var g = SeededGenerator(seed: 1)
            let generator = try WaveGANGenerator(config, using: &g)
            let z = generator.latent(count: 64, using: &g)
            let s = try medianSeconds(repeats: repeats) {
                _ = try GradientRecording.disabled { try generator(z) }
            }
            rows.append(row("G forward d=\(d) B=64", seconds: s, torch: torch))
        }
        for (d, batch, torch) in iterationReference where sizes.contains(d) && selected("train iter d=\(d) B=\(batch)") {
            let s = try iterationSeconds(modelSize: d, batch: batch, repeats: max(1, repeats / 2))
            rows.append(row("train iter d=\(d) B=\(batch)", seconds: s, torch: torch))
        }
        rows.append(BenchRow(name: "peak memory", seconds: 0, note: String(format: "%.2f GB max RSS", peakResidentGB())))
        return rows
    }

    static func row(_ name: String, seconds: Double, torch: Double) -> BenchRow {
        BenchRow(name: name, seconds: seconds,
                 note: String(format: "PyTorch %.3f s, ratio %.2f", torch, seconds / torch),
                 reference: torch, ratio: seconds / torch)
    }

    /// Median seconds of one WGAN-GP iteration (5 critic updates + 1 generator update).
    static func iterationSeconds(modelSize d: Int, batch: Int, repeats: Int) throws -> Double {
        var config = WaveGANConfig()
        config.modelSize = d
        var g = SeededGenerator(seed: 2)
        let generator = try WaveGANGenerator(config, using: &g)
        let critic = try WaveGANDiscriminator(config, using: &g)
        let optG = Adam(learningRate: 1e-4, beta1: 0.5, beta2: 0.9)
        let optD = Adam(learningRate: 1e-4, beta1: 0.5, beta2: 0.9)
        let gParams = generator.parameters(), dParams = critic.parameters()
        let real = Tensor.uniform([batch, 1, config.sliceLength], low: -0.5, high: 0.5, using: &g)
        var shuffleRNG = SeededGenerator(seed: 3)
        let score = { (x: Tensor) throws -> Tensor in try critic(x, using: &shuffleRNG) }
        return try medianSeconds(repeats: repeats) {
            for _ in 0..<5 {
                let fake = try GradientRecording.disabled { try generator(generator.latent(count: batch, using: &g)) }
                var loss = GANLoss.wasserstein.critic(real: try score(real), fake: try score(fake))
                loss = loss + (try GradientPenalty.wgan(critic: score, real: real, fake: fake, using: &g)) * 10
                optD.update(dParams, gradients: gradients(of: loss, with: dParams.map(\.value)))
            }
            let fake = try generator(generator.latent(count: batch, using: &g))
            let loss = GANLoss.wasserstein.generator(fake: try score(fake))
            optG.update(gParams, gradients: gradients(of: loss, with: gParams.map(\.value)))
        }
    }

    static func peakResidentGB() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1_048_576  // KiB → GiB
    }
}
