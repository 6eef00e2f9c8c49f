import ArgumentParser

/// `swiftgan series`: multivariate time series (augmentation, the Sines benchmark, fidelity statistics).
struct SeriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "series", abstract: "Work with multivariate time series.",
        subcommands: [
            SeriesEvaluateCommand.self, SeriesAugmentCommand.self,
            SeriesSinesCommand.self, SeriesStatsCommand.self,
        ])
}
