import CMPI
import Foundation

/// The processes of an MPI job that this process belongs to (Open MPI, loaded when first needed).
///
/// SwiftGAN builds and runs without MPI: `MPIWorld.joined()` is nil in a process that `mpirun` did not start, and
/// only a process that `mpirun` started needs Open MPI's library. Collectives are called from one thread (MPI's
/// FUNNELED level) and block until every rank has called them.
public final class MPIWorld: @unchecked Sendable {
    /// This process's rank, 0..<size.
    public let rank: Int
    /// The number of processes in the job.
    public let size: Int

    private init(rank: Int, size: Int) {
        self.rank = rank
        self.size = size
    }

    /// Whether `mpirun` (or `mpiexec`) started this process: Open MPI's or PMIx's variables are set.
    public static var launched: Bool { swiftgan_mpi_launched() != 0 }

    /// The job this process belongs to, initialising MPI on the first call; nil when `mpirun` did not start it.
    /// Throws `MPIError` when it did but Open MPI cannot be loaded or initialised.
    public static func joined() throws -> MPIWorld? {
        guard launched else { return nil }
        return try shared.get()
    }

    private static let shared: Result<MPIWorld, MPIError> = {
        var rank: Int32 = 0, size: Int32 = 1
        guard swiftgan_mpi_init(&rank, &size) == 0 else { return .failure(MPIError(String(cString: swiftgan_mpi_error()))) }
        atexit { _ = swiftgan_mpi_finalize() }
        return .success(MPIWorld(rank: Int(rank), size: Int(size)))
    }()

    /// Replaces `buffer` on every rank by the element-wise sum of all ranks' buffers (same length everywhere).
    public func allReduceSum(_ buffer: UnsafeMutableBufferPointer<Float>) throws {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        try check(swiftgan_mpi_allreduce_sum_float(base, buffer.count))
    }

    /// Replaces `buffer` on every rank by the element-wise sum of all ranks' buffers (same length everywhere).
    public func allReduceSum(_ buffer: UnsafeMutableBufferPointer<Double>) throws {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        try check(swiftgan_mpi_allreduce_sum_double(base, buffer.count))
    }

    /// How many processes of the job run on this machine.
    public var localSize: Int { Int(swiftgan_mpi_local_size()) }

    /// Ends every process of the job with exit status `code`: after a failure that this process has reported and
    /// the others, waiting in a collective, cannot know of.
    public func abort(status code: Int32) -> Never {
        swiftgan_mpi_abort(code)
        fatalError("MPI_Abort returned")
    }

    /// Returns once every rank has called it.
    public func barrier() throws { try check(swiftgan_mpi_barrier()) }

    private func check(_ code: Int32) throws {
        if code != 0 { throw MPIError(String(cString: swiftgan_mpi_error())) }
    }
}

/// A failure of MPI: not installed, not Open MPI, or a collective that failed; the message says which.
public struct MPIError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
