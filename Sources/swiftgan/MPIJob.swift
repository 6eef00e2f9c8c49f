import SwiftGAN

/// A `swiftgan` process that `mpirun` started: it joins the job before the command runs.
enum MPIJob {
    /// Joins the job when `mpirun` started this process (nil otherwise). Each process takes its share of this
    /// machine's cores (unless `SWIFTGAN_THREADS` or `--threads` says otherwise), and only process 0 prints to
    /// standard output, so the job's output reads like one process's; errors still come from the process that had them.
    static func join() throws -> MPIWorld? {
        guard let world = try MPIWorld.joined() else { return nil }
        if ProcessInfo.processInfo.environment["SWIFTGAN_THREADS"] == nil {
            Threads.set(max(1, ProcessInfo.processInfo.activeProcessorCount / world.localSize))
        } else {
            Threads.set(Threads.count)  // OpenBLAS too
        }
        if world.rank != 0 { _ = freopen("/dev/null", "w", stdout) }
        return world
    }
}
