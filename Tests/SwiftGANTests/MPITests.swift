import Foundation
import SwiftGAN
import Testing
import _TestSupport

/// Open MPI, loaded at run time: collectives across the ranks of `mpirun -np 2`, and a lone process that knows it is
/// alone.
@Suite struct MPITests {
    @Test func aLoneProcessIsNotInAJob() throws {
        #expect(!MPIWorld.launched)
        #expect(try MPIWorld.joined() == nil)
        let alone = try runSwiftGAN(["bench", "--suite", "mpi"])
        #expect(alone.status != 0 && alone.stderr.contains("mpirun -np 2 swiftgan bench --suite mpi"), "\(alone.stderr)")
    }

    /// Two ranks sum a gradient-sized buffer (the bench checks every element of every run) and only rank 0 reports.
    @Test func twoRanksSumTheirBuffers() throws {
        let run = try runSwiftGANUnderMPI(ranks: 2, ["bench", "--suite", "mpi", "--repeats", "2", "--filter", "d=16"])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = run.stdout.split(separator: "\n").filter { $0.hasPrefix("allreduce WaveGAN d=16 G+D") }
        #expect(rows.count == 1 && rows[0].contains("2 ranks"), "\(run.stdout)")
    }
}
