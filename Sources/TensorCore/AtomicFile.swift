import Foundation

/// Writes files so that a crash never leaves a half-written one: data goes to a temporary file in the same folder,
/// is flushed to disk, and is renamed over the destination.
public enum AtomicFile {
    /// Writes `data` to `url` atomically.
    public static func write(_ data: Data, to url: URL) throws {
        try write(to: url) { tmp in try data.write(to: tmp) }
    }

    /// Lets `body` write a temporary file, then flushes it and renames it to `url`. On error the temporary file is
    /// removed and `url` is untouched. With `durable` false the file is renamed without waiting for the disk (no
    /// fsync): a crash of the process still leaves either no file or the whole file, but a power loss may lose it. For
    /// output that can be made again, such as generated clips.
    public static func write(to url: URL, durable: Bool = true, _ body: (URL) throws -> Void) throws {
        let dir = url.deletingLastPathComponent()
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        do {
            try body(tmp)
            if durable { sync(tmp) }
            if rename(tmp.path, url.path) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path,
                    NSLocalizedDescriptionKey: "cannot rename into \(url.path): \(String(cString: strerror(errno)))"])
            }
            if durable { sync(dir) }
        } catch {
            try? FileManager.default.removeItem(at: tmp)
            throw error
        }
    }

    /// Whether `name` is one of the temporary files `write` makes (`.<name>.tmp-<pid>-<random>`): one left behind
    /// by a killed process is stale once no writer can be running.
    public static func isTemporary(_ name: String) -> Bool { name.hasPrefix(".") && name.contains(".tmp-") }

    private static func sync(_ url: URL) {
        let fd = open(url.path, O_RDONLY)
        guard fd >= 0 else { return }
        defer { close(fd) }
        fsync(fd)
    }
}
