import ArgumentParser
import SwiftGAN

// Library messages name the library's own options (in backticks, e.g. `CSVOptions.delimiter`) when they say what to
// change; on the command line they become the flags that set those options. Errors and warnings pass through here.

/// The flags that set the library options library messages name.
let flagForOption: [(option: String, flag: String)] = [
    ("`SeriesCollection.windows(length:stride:)`", "--window L [--stride S]"),
    ("`CSVOptions.delimiter`", "--delimiter"),
    ("`CSVOptions.discrete`", "--discrete"),
    ("`CSVOptions.numeric`", "--numeric"),
    ("`TableTrainingOptions.discrete`", "--discrete"),
    ("`DataTransformer.Options.maxCategories`", "--max-categories"),
    ("`OversamplingMethod.random`", "--method random"),
    ("`ClipOptions.channels = .mono`", "--mono"),
    ("`ClipOptions.padEnd`", "--pad-end"),
    ("`writeClips(overwrite:)`", "--overwrite"),
]

/// `message` with the library options it names replaced by their flags.
func commandLineText(_ message: String) -> String {
    flagForOption.reduce(message) { text, pair in text.replacingOccurrences(of: pair.option, with: pair.flag) }
}

/// A library error reworded for the command line.
struct CommandLineError: Error, CustomStringConvertible {
    let description: String
}

/// `error` as the command line reports it: ArgumentParser's own errors (usage, help, exit codes) as they are; any
/// other error as its message alone, with the library options it names replaced by their flags. Only the message
/// outlives the command: a library error alive when the process exits can look like a leak to LeakSanitizer (it does
/// not follow a pointer that a Swift enum stores with its case tag in the spare bits), so `make test-asan` would fail
/// on every error path.
func commandLineError(_ error: Error) -> Error {
    if String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") { return error }
    return CommandLineError(description: commandLineText(String(describing: error)))
}
