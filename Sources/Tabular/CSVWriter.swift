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
        CSVEncoder.appendRecord(columns.map(\.name), delimiter: d, to: &out)
        for i in 0..<rowCount { CSVEncoder.appendRecord(columns.map { $0.text(i) }, delimiter: d, to: &out) }
        return out
    }

    /// Writes the table as CSV to `path` atomically (TensorCore's `AtomicFile`: a temporary file in the same folder,
    /// flushed and renamed over the target), so an error never leaves a partial file behind.
    public func write(csvFile path: String, delimiter: Character = ",") throws {
        let bytes = try csvBytes(delimiter: delimiter)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw TableError.unwritable(file: path, reason: "it is a directory")
        }
        do {
            try AtomicFile.write(Data(bytes), to: URL(fileURLWithPath: path))
        } catch {
            let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
            let reason = FileManager.default.fileExists(atPath: dir) ? "permission denied or disk full" : "no folder \(dir)"
            throw TableError.unwritable(file: path, reason: reason)
        }
    }
}
