import SwiftGAN

/// `swiftgan bench --suite mpi`, run under `mpirun -np N`: the allreduce that data-parallel training does once per
/// optimizer step, timed on this job's ranks for the gradient sizes of WaveGAN's generator and critic (d = 16, 32, 64),
/// plus one float (the latency). Every rank takes part; rank 0 reports. Each run checks the sum it got.
enum MPIBench {
    /// The rows, or nil on ranks other than 0 (which print nothing).
    static func rows(repeats: Int, selected: (String) -> Bool) throws -> [BenchRow]? {
        guard let world = try MPIWorld.joined() else {
            throw CommandLineError(description:
                "bench --suite mpi measures a job of several processes: run it as `mpirun -np 2 swiftgan bench --suite mpi`")
        }
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
        return world.rank == 0 ? rows : nil
    }
}
