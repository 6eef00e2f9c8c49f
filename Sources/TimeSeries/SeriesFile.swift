import Foundation
import TensorCore

/// Series files by extension: `.csv` (long or wide layout, see `SeriesCSV`) and `.npy` (`[N, T, C]` or `[N, T]`).
public enum SeriesFile {
    /// The formats SwiftGAN reads and writes.
    public enum Format: String, Sendable {
        case csv, npy
    }

    /// The format named by the extension of `path`.
    public static func format(of path: String) throws -> Format {
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        guard let format = Format(rawValue: ext) else {
            throw SeriesError.io(path: path, reason: "unknown extension '.\(ext)'; use a .csv or .npy file")
        }
        return format
    }

    /// Reads the series in `path`. For a `.npy` file the CSV options are ignored and the layout is `.auto`.
    public static func read(path: String, csv options: SeriesCSV.Options = .init()) throws
        -> (SeriesCollection, SeriesCSV.Layout)
    {
        switch try format(of: path) {
        case .csv: return try SeriesCSV.read(path: path, options: options)
        case .npy: return (try NPY.readSeries(path: path).collection, .auto)
        }
    }

    /// Writes `data` to `path` (CSV in `layout`), atomically: a failed write leaves no partial file behind.
    public static func write(_ data: SeriesArray, path: String, layout: SeriesCSV.Layout = .long) throws {
        switch try format(of: path) {
        case .csv: try SeriesCSV.write(data, path: path, layout: layout)
        case .npy: try NPY.write(shape: [data.count, data.length, data.features], values: data.values, path: path)
        }
    }

    static func readData(path: String) throws -> Data {
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let exists = FileManager.default.fileExists(atPath: path)
            throw SeriesError.io(path: path, reason: exists ? "cannot be read (check its permissions)" : "no such file")
        }
    }

    static func writeAtomically(_ data: Data, path: String) throws {
        do {
            try AtomicFile.write(data, to: URL(fileURLWithPath: path))
        } catch {
            throw SeriesError.io(path: path, reason: "cannot be written (does its folder exist and is it writable?)")
        }
    }
}
