import Foundation

/// What a run of the `swiftgan` binary printed and returned.
public struct CommandResult {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// The `swiftgan` binary was not built next to the test bundle.
public struct BinaryNotFound: Error, CustomStringConvertible {
    public let folder: String
    public var description: String { "swiftgan binary not found next to \(folder); run swift build --build-tests" }
}

/// The `swiftgan` binary built next to the test bundle, started with `arguments`; its standard output and error go
/// to the returned pipes (end-to-end tests that stop the process themselves). `environment` is added to this process's.
/// With a `launcher` (a program and its arguments, such as `mpirun -np 2`), the launcher runs the binary.
public func startSwiftGAN(_ arguments: [String], environment: [String: String] = [:], launcher: [String] = []) throws
    -> (process: Process, stdout: Pipe, stderr: Pipe)
{
    let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let candidates = [products, products.deletingLastPathComponent()].map { $0.appendingPathComponent("swiftgan") }
    guard let binary = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
        throw BinaryNotFound(folder: products.path)
    }
    let process = Process()
    if let program = launcher.first {
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = launcher.dropFirst() + [binary.path] + arguments
    } else {
        process.executableURL = binary
        process.arguments = arguments
    }
    if !environment.isEmpty {
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    return (process, out, err)
}

/// Runs the `swiftgan` binary built next to the test bundle (end-to-end tests of the command line).
public func runSwiftGAN(_ arguments: [String], environment: [String: String] = [:], launcher: [String] = []) throws
    -> CommandResult
{
    let (process, out, err) = try startSwiftGAN(arguments, environment: environment, launcher: launcher)
    let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return CommandResult(status: process.terminationStatus, stdout: stdout, stderr: stderr)
}

/// Open MPI's `mpirun` was not found on the PATH (`make test` installs it: Debian's openmpi-bin).
public struct MPIRunNotFound: Error, CustomStringConvertible {
    public var description: String { "mpirun not found; install Open MPI (Debian: openmpi-bin libopenmpi-dev)" }
}

/// Runs the `swiftgan` binary as `ranks` processes of one MPI job (`mpirun -np ranks --oversubscribe`, allowed to
/// run as root, as CI machines do); the processes see `environment` besides this process's.
public func runSwiftGANUnderMPI(ranks: Int, _ arguments: [String], environment: [String: String] = [:]) throws
    -> CommandResult
{
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    guard let mpirun = path.split(separator: ":").map({ "\($0)/mpirun" })
        .first(where: FileManager.default.isExecutableFile(atPath:))
    else { throw MPIRunNotFound() }
    let root = ["OMPI_ALLOW_RUN_AS_ROOT": "1", "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM": "1"]
    return try runSwiftGAN(arguments, environment: root.merging(environment) { $1 },
                           launcher: [mpirun, "-np", "\(ranks)", "--oversubscribe"])
}
