import SwiftGAN

/// `swiftgan bench --suite wavegan`: WaveGAN at slice 16384, timed on the paths the commands run.
///
/// - `G forward d=D B=64`: the generator's forward pass on 64 latents, no gradient.
/// - `generate 64 clips d=D`: `AudioSynthesizer.writeClips` for 64 clips (latents, network, tail gate, 16-bit WAV
///   files), what `audio generate --count 64 --batch 64` does once the model is loaded.
/// - `paper iter d=D B=B`: one `GANTrainer.trainStep()` of the published recipe (`AudioTrainingOptions.paper`:
///   5 WGAN-GP critic updates, one generator update).
/// - `default iter d=D B=16`: one step of SwiftGAN's default recipe (`AudioTrainingOptions()`: one update of each
///   critic, waveform and spectrogram, with lazy R1 every 4th, one generator update, EMA), timed over 4 steps and
///   reported per step.
/// - `conditional iter d=D B=16`: the same for a model of 10 labels, with its default spectral template term;
///   `conditional no templates iter d=D B=16` without the term: what the templates cost a step.
/// - `wave critic iter d=D B=16`: the same with the waveform critic alone (`--discriminator wave`): what the
///   spectrogram critic costs a step, and the row the PyTorch peer (which has no spectrogram critic) also times.
///
/// GFLOP/s count the GEMM-shaped work the row ran (`FLOPCounter`). With a peer (`PeerBench`), each row also shows
/// PyTorch's time for the same work, measured by the same command on the same machine.
enum WaveGANBench {
    static let forwardBatch = 64
    static let paperBatches = [16, 64]
    static let defaultBatch = 16
    /// Default-recipe steps per timed run: one R1 update every 4 critic updates.
    static let defaultSteps = 4
    /// Labels of the conditional rows.
    static let labelCount = 10
    /// The default recipe, conditional and not, and the variants that show what a part of it costs.
    static let defaultVariants: [(String, (inout AudioTrainingOptions) -> Void)] = [
        ("default", { _ in }),
        ("conditional", { $0.model.wavegan.labelCount = WaveGANBench.labelCount }),
        ("conditional no templates", {
            $0.model.wavegan.labelCount = WaveGANBench.labelCount
            $0.model.spectralTemplates.weight = 0
        }),
        ("wave critic", { $0.model.critics = .wave }),
    ]

    /// Rows for the model sizes in `sizes` whose names pass `selected`; the last row is the process's peak memory.
    static func rows(repeats: Int, sizes: [Int], selected: (String) -> Bool) throws -> [BenchRow] {
        var rows: [BenchRow] = []
        for d in sizes where selected("G forward d=\(d) B=\(forwardBatch)") {
            var config = WaveGANConfig()
            config.modelSize = d
            var g = SeededGenerator(seed: 1)
            let generator = try WaveGANGenerator(config, using: &g)
            let z = generator.latent(count: forwardBatch, using: &g)
            rows.append(try measure("G forward d=\(d) B=\(forwardBatch)", repeats: repeats) {
                _ = try GradientRecording.disabled { try generator(z) }
            })
        }
        for d in sizes where selected("generate 64 clips d=\(d)") {
            rows.append(try generationRow(modelSize: d, repeats: repeats))
        }
        for d in sizes {
            for batch in paperBatches where selected("paper iter d=\(d) B=\(batch)") {
                var options = AudioTrainingOptions.paper
                options.model.wavegan.modelSize = d
                options.training.batchSize = batch
                rows.append(try stepRow("paper iter d=\(d) B=\(batch)", options, steps: 1, repeats: repeats))
            }
            for (recipe, change) in defaultVariants where selected("\(recipe) iter d=\(d) B=\(defaultBatch)") {
                var options = AudioTrainingOptions()
                options.model.wavegan.modelSize = d
                options.training.batchSize = defaultBatch
                change(&options)
                rows.append(try stepRow("\(recipe) iter d=\(d) B=\(defaultBatch)", options, steps: defaultSteps,
                                        repeats: repeats))
            }
        }
        rows.append(BenchRow(name: "peak memory", seconds: 0, note: String(format: "%.2f GB max RSS", peakResidentGB())))
        return rows
    }

    /// Median seconds of `body` divided by `per`, with the GEMM-shaped operations of one run as GFLOP/s.
    static func measure(_ name: String, repeats: Int, per: Int = 1, _ body: () throws -> Void) throws -> BenchRow {
        let before = FLOPCounter.count
        let seconds = try medianSeconds(repeats: repeats, body) / Double(per)
        // Every run does the same work: the warm-up run and `repeats` timed ones.
        let flops = Double(FLOPCounter.count - before) / Double((max(1, repeats) + 1) * per)
        return BenchRow(name: name, seconds: seconds, gflops: flops > 0 ? flops / seconds / 1e9 : nil)
    }

    /// `steps` real trainer steps of `options` on in-memory noise clips, per step; the note gives steps per second.
    static func stepRow(_ name: String, _ options: AudioTrainingOptions, steps: Int, repeats: Int) throws -> BenchRow {
        let w = options.model.wavegan
        var g = SeededGenerator(seed: 4)
        let clips = Tensor.uniform([64, w.channels, w.sliceLength], low: -0.5, high: 0.5, using: &g).scalars
        let labels = w.labelCount > 0 ? (0..<64).map { $0 % w.labelCount } : []
        let problem = try AudioGANProblem(config: options.model, clips: clips, labels: labels, seed: 2)
        let run = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: run) }
        let trainer = try GANTrainer(problem: problem, config: options.training, runDirectory: run)
        trainer.progress = nil
        var row = try measure(name, repeats: repeats, per: steps) {
            for _ in 0..<steps { try trainer.trainStep() }
        }
        row.note = String(format: "%.2f steps/s", 1 / row.seconds)
        return row
    }

    /// 64 clips written as 16-bit WAV files in one batch by an untrained model (the forward row's generator) with a
    /// tail gate, into a new folder each time, as `audio generate --count 64 --batch 64` writes them. Each timed run
    /// is paired with the same generator's forward pass on 64 latents (one pass, no files); the note gives the median
    /// of the pairs' ratios, which drift on a shared machine does not move as it moves separate rows.
    static func generationRow(modelSize d: Int, repeats: Int) throws -> BenchRow {
        var config = AudioModelConfig()
        config.wavegan.modelSize = d
        config.tailGate = 0.01
        var g = SeededGenerator(seed: 5)
        let synth = AudioSynthesizer(config: config, generator: try WaveGANGenerator(config.wavegan, using: &g))
        let z = synth.generator.latent(count: forwardBatch, using: &g)
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var pass = 0, flops = 0
        func generate() throws -> Double {
            pass += 1  // a new folder each time, as `audio generate` needs one
            let (t0, f0) = (DispatchTime.now().uptimeNanoseconds, FLOPCounter.count)
            try synth.writeClips(count: forwardBatch, seed: 1, to: folder.appendingPathComponent("\(pass)"),
                                 batchSize: forwardBatch)
            flops = FLOPCounter.count - f0
            return Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9
        }
        func forward() throws -> Double {
            let t0 = DispatchTime.now().uptimeNanoseconds
            _ = try GradientRecording.disabled { try synth.generator(z) }
            return Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9
        }
        _ = try (forward(), generate())
        var times: [Double] = [], ratios: [Double] = []
        for _ in 0..<max(1, repeats) {
            let f = try forward(), t = try generate()
            times.append(t)
            ratios.append(t / f)
        }
        let seconds = median(times)
        var row = BenchRow(name: "generate 64 clips d=\(d)", seconds: seconds, gflops: Double(flops) / seconds / 1e9)
        row.note = String(format: "%.2f× its forward pass", median(ratios))
        return row
    }

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("swiftgan-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func peakResidentGB() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1_048_576  // KiB → GiB
    }
}
