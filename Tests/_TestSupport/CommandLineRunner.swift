import Foundation

/// What a run of the `swiftgan` binary printed and returned.
public struct CommandResult {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs the `swiftgan` binary that `swift build --build-tests` puts next to the test bundle. When it is not there the
/// result has status −1 and the reason in `stderr`.
public func runSwiftGAN(_ arguments: [String]) throws -> CommandResult {
    let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let candidates = [products, products.deletingLastPathComponent()].map { $0.appendingPathComponent("swiftgan") }
    guard let binary = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
        return CommandResult(status: -1, stdout: "",
                             stderr: "swiftgan binary not found next to \(products.path); run swift build --build-tests")
    }
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return CommandResult(status: process.terminationStatus, stdout: stdout, stderr: stderr)
}
