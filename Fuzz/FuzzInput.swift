import Foundation

/// What every fuzz target shares: the input as bytes, and as a file for the loaders that take a path. Each target
/// file is compiled with this one and defines `fuzz(_:)`; errors are the expected outcome, crashes, leaks and
/// timeouts are the findings.
@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    fuzz(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

/// A per-process scratch file holding `bytes` (in /dev/shm when there is one), for loaders that read paths.
func scratchFile(_ bytes: [UInt8], extension ext: String) -> URL {
    let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    let url = URL(fileURLWithPath: folder).appendingPathComponent("swiftgan-fuzz-\(getpid()).\(ext)")
    try? Data(bytes).write(to: url)
    return url
}
