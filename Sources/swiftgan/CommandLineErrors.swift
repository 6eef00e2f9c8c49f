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

/// `error` as the command line reports it: a library error whose message names a library option names the flag
/// instead; anything else (ArgumentParser's own errors, help) is left as it is.
func commandLineError(_ error: Error) -> Error {
    let message = String(describing: error)
    let text = commandLineText(message)
    return text == message ? error : CommandLineError(description: text)
}
