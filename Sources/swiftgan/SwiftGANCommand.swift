import ArgumentParser
import TensorCore

/// `swiftgan`: train GANs on audio, tables and time series, and synthesize from them.
@main
struct SwiftGANCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "swiftgan",
        abstract: "Native GAN synthesis of audio, tables and time series.",
        subcommands: [AudioCommand.self, TableCommand.self, SeriesCommand.self, ReportCommand.self, BenchCommand.self])
}
