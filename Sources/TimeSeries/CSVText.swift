import Foundation

/// Comma-separated text as SwiftGAN writes it (reading goes through TensorCore's `CSVDecoder`).
enum CSVText {
    /// One field, quoted when it holds a comma, quote or line break.
    static func escape(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One line of text (fields escaped and joined, newline-terminated).
    static func line(_ fields: [String]) -> String {
        fields.map(escape).joined(separator: ",") + "\n"
    }
}
