import SwiftGAN

/// Bench rows for the series GAN with its default options on TimeGAN's Sines (2 000 windows of 24 steps × 5
/// features): seconds per training step (5 critic updates with gradient penalty and one generator update at batch
/// 128, setup included) and seconds to generate 10 000 windows.
func seriesBenchRows(repeats: Int) throws -> [BenchRow] {
    let data = try Sines.generate(count: 2000, seed: 0)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("swiftgan-bench-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    var options = SeriesSynthesizerOptions()
    let steps = 20
    options.training.maxSteps = steps
    options.training.checkpointEverySteps = nil
    options.training.checkpointEveryMinutes = nil
    options.checkpointSampleCount = 0
    var synthesizer: SeriesSynthesizer?
    var failure: Error?
    var run = 0
    let train = medianSeconds(repeats: repeats) {
        run += 1
        do {
            synthesizer = try SeriesSynthesizer.fit(data, options: options,
                                                    runDirectory: folder.appendingPathComponent("\(run)"), progress: nil)
        } catch {
            failure = error
        }
    }
    if let failure { throw failure }
    guard let synthesizer else { return [] }
    let count = 10_000
    let generate = medianSeconds(repeats: repeats) {
        do { _ = try synthesizer.sample(count: count, seed: 1) } catch { failure = error }
    }
    if let failure { throw failure }
    let step = train / Double(steps)
    return [
        BenchRow(name: "series train step (Sines 2000×24×5, batch 128)", seconds: step, gflops: nil,
                 note: String(format: "%.1f steps/s", 1 / step)),
        BenchRow(name: "series sample \(count) windows (24×5)", seconds: generate, gflops: nil,
                 note: String(format: "%.0f windows/s", Double(count) / generate)),
    ]
}
