import SwiftGAN

/// `swiftgan bench --suite mpi`: data-parallel training on this machine.
///
/// Run alone, it times training steps of the three models in this process (its thread count), then runs itself
/// under `mpirun -np 2` (each process taking half the cores) and sets the two side by side: the step rate of 2
/// processes against 1. Under `mpirun -np N` it times the allreduce that each optimizer step does, for the gradient
/// sizes of WaveGAN's generator and critic (d = 16, 32, 64) plus one float (the latency), and the same training steps
/// on N processes. Every process takes part; process 0 reports. Each allreduce run checks the sum it got.
enum MPIBench {
    /// The rows, or nil on processes other than 0 (which print nothing).
    static func rows(repeats: Int, filter: String?, selected: (String) -> Bool) throws -> [BenchRow]? {
        guard let world = try MPIWorld.joined() else {
            let alone = try trainingRows(repeats: repeats, selected: selected)
            let job = try underMPIRun(processes: 2, repeats: repeats, filter: filter)
            return alone + job.map { row in
                guard let one = alone.first(where: { $0.name == row.name }) else { return row }
                var row = row
                row.reference = one.seconds
                row.ratio = one.seconds / row.seconds
                row.note = (row.note ?? "") + String(format: "; %.2f× the step rate of 1 process", one.seconds / row.seconds)
                return row
            }
        }
        var rows = try allReduceRows(world, repeats: repeats, selected: selected)
        rows += try trainingRows(repeats: repeats, selected: selected)
        return world.rank == 0 ? rows : nil
    }

    /// Seconds per training step (median over `max(5, repeats)` steps after two warm-up steps, ten times as many for
    /// the small table and series steps) of WaveGAN d = 16 with
    /// the default recipe (noise clips), the table GAN on `TableBench.data` with its defaults but the process's thread
    /// count, and the series GAN on Sines, through the synthesizers' `fit`, in this process or this data-parallel job.
    static func trainingRows(repeats: Int, selected: (String) -> Bool) throws -> [BenchRow] {
        let steps = 2 + max(5, repeats), smallSteps = 2 + 10 * max(5, repeats)
        let processes = try MPIWorld.joined()?.size ?? 1
        let folder = try WaveGANBench.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var rows: [BenchRow] = []
        /// Times `fit` through the trainer's log (one line per step), on process 0.
        func row(_ name: String, _ fit: (URL, @escaping (TrainingLog) -> Void) throws -> Void) throws {
            guard selected(name) else { return }
            var seconds: [Double] = []
            try fit(folder.appendingPathComponent(UUID().uuidString)) { seconds.append($0.seconds) }
            let times = zip(seconds.dropFirst(2), seconds.dropFirst(3)).map { $1 - $0 }
            guard !times.isEmpty else { return }  // processes other than 0 see no log
            let step = median(times)
            rows.append(BenchRow(name: name, seconds: step, note: String(
                format: "%d process%@ × %d thread%@, %.2f steps/s", processes, processes == 1 ? "" : "es", Threads.count,
                Threads.count == 1 ? "" : "s", 1 / step)))
        }
        func quiet(_ c: inout GANTrainingConfig) {
            c.logEvery = 1
            c.checkpointEverySteps = nil
            c.checkpointEveryMinutes = nil
        }
        try row("train step WaveGAN d=16 default") { run, log in
            var options = AudioTrainingOptions()
            options.evaluateEvery = 0
            quiet(&options.training)
            let w = options.model.wavegan
            var g = SeededGenerator(seed: 4)
            let clips = Tensor.uniform([64, w.channels, w.sliceLength], low: -0.5, high: 0.5, using: &g).scalars
            _ = try AudioSynthesizer.fit(.clips(clips, labels: []), options: options, runDirectory: run,
                                         budget: .steps(steps), progress: nil, onLog: log)
        }
        if FileManager.default.fileExists(atPath: TableBench.data) {
            try row("train step table 426x31 default") { run, log in
                var options = TableTrainingOptions()
                options.target = "diagnosis"
                options.qualityEvery = 1_000_000
                options.threads = nil  // the process's threads (by default a table trains on one)
                quiet(&options.training)
                _ = try TableSynthesizer.fit(try Table.read(csvFile: TableBench.data), options: options,
                                             runDirectory: run, budget: .steps(smallSteps), progress: nil, onLog: log)
            }
        }
        try row("train step series Sines default") { run, log in
            var options = SeriesSynthesizerOptions()
            options.checkpointSampleCount = 0
            quiet(&options.training)
            _ = try SeriesSynthesizer.fit(try Sines.generate(count: 2000, seed: 0), options: options, runDirectory: run,
                                          budget: .steps(smallSteps), progress: nil, onLog: log)
        }
        return rows
    }

    /// The allreduce of one float and of WaveGAN's gradients, timed on this job's processes.
    static func allReduceRows(_ world: MPIWorld, repeats: Int, selected: (String) -> Bool) throws -> [BenchRow] {
        var sizes: [(String, Int)] = [("allreduce 1 float", 1)]
        for d in [16, 32, 64] {
            var config = WaveGANConfig()
            config.modelSize = d
            var g = SeededGenerator(seed: 1)
            let count = try WaveGANGenerator(config, using: &g).parameterCount
                + WaveGANDiscriminator(config, using: &g).parameterCount
            sizes.append(("allreduce WaveGAN d=\(d) G+D", count))
        }
        var rows: [BenchRow] = []
        for (name, count) in sizes where selected(name) {
            let buffer = UnsafeMutableBufferPointer<Float>.allocate(capacity: count)
            defer { buffer.deallocate() }
            var times: [Double] = []
            for run in 0...max(1, repeats) {
                buffer.update(repeating: Float(world.rank + 1))
                try world.barrier()
                let t0 = DispatchTime.now().uptimeNanoseconds
                try world.allReduceSum(buffer)
                if run > 0 { times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9) }
                let expected = Float(world.size * (world.size + 1) / 2)
                guard buffer.allSatisfy({ $0 == expected }) else {
                    throw CommandLineError(description: "allreduce over \(world.size) ranks returned a wrong sum")
                }
            }
            // The slowest rank's median decides a synchronous step: every rank's median, gathered by a sum.
            var medians = [Double](repeating: 0, count: world.size)
            medians[world.rank] = median(times)
            try medians.withUnsafeMutableBufferPointer { try world.allReduceSum($0) }
            let seconds = medians.max()!, bytes = Double(count * MemoryLayout<Float>.size)
            rows.append(BenchRow(name: name, seconds: seconds, note: count == 1
                ? String(format: "%d ranks, %.1f µs", world.size, seconds * 1e6)
                : String(format: "%d ranks, %.1f MB, %.2f GB/s", world.size, bytes / 1e6, bytes / seconds / 1e9)))
        }
        return rows
    }

    /// This bench's rows from `mpirun -np processes` running this binary (each process on its share of the cores).
    static func underMPIRun(processes: Int, repeats: Int, filter: String?) throws -> [BenchRow] {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        guard let mpirun = path.split(separator: ":").map({ "\($0)/mpirun" })
            .first(where: FileManager.default.isExecutableFile(atPath:))
        else {
            throw CommandLineError(description:
                "bench --suite mpi runs itself under mpirun, which is not on the PATH; install Open MPI (Debian: openmpi-bin)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: mpirun)
        // Slots are the CPUs this process sees (hardware threads, as `activeProcessorCount` counts them), so a
        // machine whose 2 CPUs are one core's 2 threads still takes 2 processes.
        process.arguments = (geteuid() == 0 ? ["--allow-run-as-root"] : [])
            + (ProcessInfo.processInfo.activeProcessorCount < processes ? ["--oversubscribe"] : ["--use-hwthread-cpus"])
            + ["-np", "\(processes)", URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path,
               "bench", "--suite", "mpi", "--json", "--repeats", "\(repeats)"] + (filter.map { ["--filter", $0] } ?? [])
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFTGAN_THREADS"] = nil  // each process takes its share of the cores
        process.environment = environment
        let (data, status) = try standardOutput(of: process)
        guard status == 0, let report = try? JSONDecoder().decode(BenchReport.self, from: data) else {
            throw CommandLineError(description: "mpirun -np \(processes) swiftgan bench --suite mpi failed (status "
                + "\(status)); run it yourself to see why")
        }
        return report.rows
    }
}
