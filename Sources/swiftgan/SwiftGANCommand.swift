import ArgumentParser
import SwiftGAN

/// `swiftgan`: train GANs on audio, tables and time series, and synthesize from them.
@main
struct SwiftGANCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "swiftgan",
        abstract: "Native GAN synthesis of audio, tables and time series.",
        subcommands: [AudioCommand.self, TableCommand.self, SeriesCommand.self, ReportCommand.self, BenchCommand.self])

    /// Parses the command line, loads OpenBLAS (a missing library is one line on stderr and exit status 1, before
    /// any work), then runs the command. Library errors are printed as their messages, in the CLI's terms. Under
    /// `mpirun`, a process that fails prints its error and ends the whole job (the others may be waiting for it).
    static func main() {
        let world: MPIWorld?
        do { world = try MPIJob.join() } catch { exit(withError: commandLineError(error)) }
        guard let failure = runCommand() else { return }
        if let world, world.size > 1 {
            // Each process says who it is: an error may be one process's alone (a file missing on one machine).
            let message = fullMessage(for: failure)
            let who = "process \(world.rank) of \(world.size): "
            let line = message.hasPrefix("Error: ") ? "Error: " + who + message.dropFirst(7) : who + message
            FileHandle.standardError.write(Data((line + "\n").utf8))
            world.abort(status: exitCode(for: failure).rawValue)
        }
        exit(withError: failure)
    }

    /// Parses and runs the command line: nil when it succeeds, else what to exit with (`commandLineError`).
    private static func runCommand() -> Error? {
        do {
            var command = try parseAsRoot()
            if type(of: command).configuration.commandName != "help" {  // help needs no OpenBLAS
                try BLAS.load()
                Threads.set(Threads.count)  // OpenBLAS follows SWIFTGAN_THREADS too
            }
            try command.run()
            return nil
        } catch {
            return commandLineError(error)
        }
    }
}
