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
    }

    /// Run alone, the bench times training steps in this process, then in a job of two it starts itself, and sets
    /// the step rates side by side.
    @Test func theBenchComparesTwoProcessesWithOne() throws {
        let run = try runSwiftGAN(["bench", "--suite", "mpi", "--repeats", "1", "--filter", "train step series"],
                                  environment: ["OMPI_ALLOW_RUN_AS_ROOT": "1", "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM": "1"])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = run.stdout.split(separator: "\n").filter { $0.hasPrefix("train step series Sines default") }
        #expect(rows.count == 2 && rows[0].contains("1 process ×") && rows[1].contains("2 processes × ")
                && rows[1].contains("the step rate of 1 process"), "\(run.stdout)")
    }

    /// Two ranks sum a gradient-sized buffer (the bench checks every element of every run) and only rank 0 reports.
    @Test func twoRanksSumTheirBuffers() throws {
        let run = try runSwiftGANUnderMPI(ranks: 2, ["bench", "--suite", "mpi", "--repeats", "2", "--filter", "allreduce WaveGAN d=16"])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = run.stdout.split(separator: "\n").filter { $0.hasPrefix("allreduce WaveGAN d=16 G+D") }
        #expect(rows.count == 1 && rows[0].contains("2 ranks"), "\(run.stdout)")
    }
}
