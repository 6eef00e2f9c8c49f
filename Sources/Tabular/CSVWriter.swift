import Foundation
import TensorCore

extension Table {
    /// The table as CSV text: a header line, `\n` line ends, missing values as empty fields, numbers with their
    /// column's decimal places, and fields quoted when they hold the delimiter, a quote, a line break or edge spaces.
    public func csvBytes(delimiter: Character = ",") throws -> [UInt8] {
        guard let d = delimiter.asciiValue, delimiter != "\"", delimiter != "\n", delimiter != "\r" else {
            throw TableError.invalidArgument("the delimiter must be one ASCII character other than a quote or line break")
        }
        var out: [UInt8] = []
        out.reserveCapacity(rowCount * columns.count * 8)
        func put(_ s: String) {
            let u = Array(s.utf8)
            let needsQuotes = u.contains { $0 == d || $0 == CSVDecoder.quote || $0 == CSVDecoder.lf || $0 == CSVDecoder.cr }
                || u.first == UInt8(ascii: " ") || u.last == UInt8(ascii: " ")
            if needsQuotes {
                out.append(CSVDecoder.quote)
                for b in u {
                    if b == CSVDecoder.quote { out.append(CSVDecoder.quote) }
                    out.append(b)
                }
                out.append(CSVDecoder.quote)
            } else {
                out.append(contentsOf: u)
            }
        }
        for (k, c) in columns.enumerated() {
            if k > 0 { out.append(d) }
            put(c.name)
        }
        out.append(CSVDecoder.lf)
        for i in 0..<rowCount {
            for (k, c) in columns.enumerated() {
                if k > 0 { out.append(d) }
                put(c.text(i))
            }
            out.append(CSVDecoder.lf)
        }
        return out
    }

    /// Writes the table as CSV to `path` atomically: a temporary file in the same folder is renamed over the target,
    /// so an error never leaves a partial file behind.
    public func write(csvFile path: String, delimiter: Character = ",") throws {
        try AtomicFile.write(try csvBytes(delimiter: delimiter), to: path)
    }
}

/// Whole-file writes that either fully succeed or leave nothing behind.
public enum AtomicFile {
    /// Writes `bytes` to a temporary file next to `path` and renames it to `path` (Foundation's atomic write).
    public static func write(_ bytes: [UInt8], to path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw TableError.unwritable(file: path, reason: "it is a directory")
        }
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
            let reason = FileManager.default.fileExists(atPath: dir) ? "permission denied or disk full" : "no folder \(dir)"
            throw TableError.unwritable(file: path, reason: reason)
        }
    }
}
