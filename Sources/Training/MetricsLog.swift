import Foundation

/// A run directory's `metrics.jsonl` read back: one JSON object per logged step.
public enum MetricsLog {
    /// The file's name in a run directory.
    public static let fileName = "metrics.jsonl"

    /// One dictionary per line with the line's numbers (booleans as 0/1, nulls as NaN; other values and lines that
    /// are not JSON objects are left out). Empty when the run has no log yet.
    public static func read(runDirectory: URL) -> [[String: Double]] {
        let url = runDirectory.appendingPathComponent(fileName)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard let o = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
            var out: [String: Double] = [:]
            for (k, v) in o {
                if let d = (v as? NSNumber)?.doubleValue { out[k] = d } else if v is NSNull { out[k] = .nan }
            }
            return out
        }
    }

    /// The value of `key` on the last line that has it (e.g. the `quality` of the last checkpoint of a table run).
    public static func lastValue(of key: String, runDirectory: URL) -> Double? {
        read(runDirectory: runDirectory).last { $0[key] != nil }?[key]
    }
}
