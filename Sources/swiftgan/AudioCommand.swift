import ArgumentParser
import SwiftGAN

/// `swiftgan audio …`: inspect recordings, turn folders into training clips, augment them.
struct AudioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audio", abstract: "Train audio GANs, generate and evaluate clips; inspect, prepare and augment audio files.",
        subcommands: [AudioTrainCommand.self, AudioGenerateCommand.self, AudioEvaluateCommand.self, AudioInfoCommand.self,
                      AudioPrepareCommand.self, AudioAugmentCommand.self, AudioUtilityCommand.self, AudioGateCommand.self])
}


/// Prints one warning line per skipped file to stderr.
func warn(_ skipped: [SkippedFile]) {
    for s in skipped { printError("warning: skipped \(s.path): \(s.reason)") }
}

/// Writes a line to stderr (library options it names become their flags, see `commandLineText`).
func printError(_ line: String) {
    var stderr = StandardError()
    print(commandLineText(line), to: &stderr)
}

private struct StandardError: TextOutputStream {
    mutating func write(_ string: String) { FileHandle.standardError.write(Data(string.utf8)) }
}

/// "2 min 03.5 s" or "4.250 s".
func formatDuration(_ seconds: Double) -> String {
    if seconds < 60 { return String(format: "%.3f s", seconds) }
    let minutes = Int(seconds / 60)
    if minutes < 60 { return String(format: "%d min %04.1f s", minutes, seconds - Double(minutes * 60)) }
    return String(format: "%d h %02d min", minutes / 60, minutes % 60)
}
