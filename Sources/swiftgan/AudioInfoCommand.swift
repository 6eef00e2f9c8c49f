import ArgumentParser
import SwiftGAN

/// `swiftgan audio info FILE…`
struct AudioInfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info", abstract: "Show format, rate, channels, length, peak and RMS of audio files.")

    @Argument(help: "Audio files (any format libsndfile reads).") var files: [String]

    func run() throws {
        var failures = 0
        for path in files {
            let url = URL(fileURLWithPath: path)
            do {
                let info = try AudioFile.info(url)
                let audio = try AudioFile.read(url)
                let peak = Levels.peak(audio.samples), rms = Levels.rms(audio.samples)
                print(path)
                print("  format    \(info.format), \(info.encoding)")
                print("  rate      \(info.sampleRate) Hz")
                print("  channels  \(info.channels)")
                print("  frames    \(audio.frames) (\(formatDuration(audio.duration)))")
                print(String(format: "  peak      %.4f (%.2f dBFS)", peak, Levels.decibels(peak)))
                print(String(format: "  RMS       %.4f (%.2f dBFS)", rms, Levels.decibels(rms)))
            } catch {
                printError("\(error)")
                failures += 1
            }
        }
        if failures > 0 { throw ExitCode(1) }
    }
}
