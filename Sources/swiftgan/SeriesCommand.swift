import ArgumentParser
import SwiftGAN

/// `swiftgan series`: multivariate time series (GAN training and sampling, evaluation, augmentation and its utility test, the Sines
/// benchmark, fidelity statistics).
struct SeriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "series", abstract: "Work with multivariate time series.",
        subcommands: [
            SeriesTrainCommand.self, SeriesSampleCommand.self, SeriesEvaluateCommand.self, SeriesAugmentCommand.self,
            SeriesUtilityCommand.self, SeriesSinesCommand.self, SeriesStatsCommand.self,
        ])
}
