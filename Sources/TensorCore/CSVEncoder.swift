/// The one CSV encoder of SwiftGAN's data layers (tables and series), the inverse of `CSVDecoder`: a field is quoted
/// when it holds the delimiter, a quote or a line break, or starts or ends with a space (which readers may trim);
/// quotes inside are doubled. Records end with `\n`.
public enum CSVEncoder {
    /// Appends `field` to `out`, quoted when needed.
    public static func append(_ field: String, delimiter: UInt8 = UInt8(ascii: ","), to out: inout [UInt8]) {
        let u = field.utf8
        let space = UInt8(ascii: " ")
        let needsQuotes = u.contains { $0 == delimiter || $0 == CSVDecoder.quote || $0 == CSVDecoder.lf || $0 == CSVDecoder.cr }
            || u.first == space || u.last == space
        guard needsQuotes else { return out.append(contentsOf: u) }
        out.append(CSVDecoder.quote)
        for b in u {
            if b == CSVDecoder.quote { out.append(CSVDecoder.quote) }
            out.append(b)
        }
        out.append(CSVDecoder.quote)
    }

    /// Appends one record: the fields, quoted when needed, between delimiters, and a `\n`.
    public static func appendRecord(_ fields: [String], delimiter: UInt8 = UInt8(ascii: ","), to out: inout [UInt8]) {
        for (k, field) in fields.enumerated() {
            if k > 0 { out.append(delimiter) }
            append(field, delimiter: delimiter, to: &out)
        }
        out.append(CSVDecoder.lf)
    }

    /// One record as text (comma-separated, `\n`-terminated).
    public static func line(_ fields: [String]) -> String {
        var out: [UInt8] = []
        appendRecord(fields, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
