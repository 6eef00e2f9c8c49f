/// The one CSV decoder of SwiftGAN's data layers (tables and series). The bytes must be UTF-8 (checked first, so two
/// different byte strings never decode to the same field); a leading byte-order mark is removed. Records follow
/// RFC 4180: a delimiter between fields, `"` quoting with `""` for a quote, quoted fields may hold delimiters and
/// line breaks, records end at `\n`, `\r\n` or `\r`, and blank lines are skipped.
public enum CSVDecoder {
    /// One record: its fields and the line it starts on (1-based).
    public struct Record: Sendable, Equatable {
        public var fields: [String]
        public var line: Int
    }

    /// Why bytes are not CSV text; the data layers add the file name.
    public enum Failure: Error, Equatable {
        /// Bytes that break UTF-8 well-formedness at `byteOffset`, on `line`.
        case notUTF8(line: Int, byteOffset: Int)
        /// A quoted field opened on `line` is never closed.
        case unterminatedQuote(line: Int)
    }

    public static let quote = UInt8(ascii: "\"")
    public static let cr = UInt8(ascii: "\r")
    public static let lf = UInt8(ascii: "\n")
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// All non-blank records of `bytes`, split at `delimiter` (nil: the most frequent of `,` `;` tab `|` in the
    /// first line, see `sniffDelimiter`).
    public static func records(_ bytes: [UInt8], delimiter: UInt8? = nil) throws -> [Record] {
        if let bad = firstInvalidUTF8(bytes) { throw Failure.notUTF8(line: line(of: bad, in: bytes), byteOffset: bad) }
        let delimiter = delimiter ?? sniffDelimiter(bytes)
        var out: [Record] = []
        var i = bytes.starts(with: byteOrderMark) ? byteOrderMark.count : 0
        var line = 1
        let n = bytes.count
        while i < n {
            let start = line
            var fields: [String] = []
            var field: [UInt8] = []
            var endOfRecord = false
            while !endOfRecord {
                field.removeAll(keepingCapacity: true)
                if i < n && bytes[i] == quote {
                    i += 1
                    while true {
                        guard i < n else { throw Failure.unterminatedQuote(line: start) }
                        let b = bytes[i]
                        if b == quote {
                            if i + 1 < n && bytes[i + 1] == quote {
                                field.append(quote)
                                i += 2
                                continue
                            }
                            i += 1
                            break
                        }
                        if b == lf || (b == cr && !(i + 1 < n && bytes[i + 1] == lf)) { line += 1 }
                        field.append(b)
                        i += 1
                    }
                }
                // Unquoted part (or text after a closing quote, kept as Python's csv module does).
                while i < n {
                    let b = bytes[i]
                    if b == delimiter || b == lf || b == cr { break }
                    field.append(b)
                    i += 1
                }
                fields.append(String(decoding: field, as: UTF8.self))
                if i >= n {
                    endOfRecord = true
                } else if bytes[i] == delimiter {
                    i += 1
                    if i >= n { fields.append(""); endOfRecord = true }
                } else {
                    if bytes[i] == cr && i + 1 < n && bytes[i + 1] == lf { i += 1 }
                    i += 1
                    line += 1
                    endOfRecord = true
                }
            }
            if fields.count == 1 && fields[0].isEmpty { continue }  // blank line
            out.append(Record(fields: fields, line: start))
        }
        return out
    }

    /// The delimiter among `,` `;` tab `|` that occurs most often outside quotes in the first line (`,` if none).
    public static func sniffDelimiter(_ bytes: [UInt8]) -> UInt8 {
        let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|")]
        var counts = [Int](repeating: 0, count: candidates.count)
        var inQuotes = false
        for b in bytes {
            if b == quote { inQuotes.toggle(); continue }
            if inQuotes { continue }
            if b == lf || b == cr { break }
            if let k = candidates.firstIndex(of: b) { counts[k] += 1 }
        }
        let best = counts.indices.max { counts[$0] < counts[$1] || (counts[$0] == counts[$1] && $0 > $1) }!
        return counts[best] > 0 ? candidates[best] : candidates[0]
    }

    /// Offset of the first byte that breaks UTF-8 well-formedness (Unicode table 3-7), or nil.
    static func firstInvalidUTF8(_ b: [UInt8]) -> Int? {
        var i = 0
        let n = b.count
        func cont(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool { k < n && b[k] >= lo && b[k] <= hi }
        while i < n {
            let c = b[i]
            switch c {
            case 0x00...0x7F: i += 1
            case 0xC2...0xDF: guard cont(i + 1) else { return i }; i += 2
            case 0xE0: guard cont(i + 1, 0xA0), cont(i + 2) else { return i }; i += 3
            case 0xE1...0xEC, 0xEE...0xEF: guard cont(i + 1), cont(i + 2) else { return i }; i += 3
            case 0xED: guard cont(i + 1, 0x80, 0x9F), cont(i + 2) else { return i }; i += 3
            case 0xF0: guard cont(i + 1, 0x90), cont(i + 2), cont(i + 3) else { return i }; i += 4
            case 0xF1...0xF3: guard cont(i + 1), cont(i + 2), cont(i + 3) else { return i }; i += 4
            case 0xF4: guard cont(i + 1, 0x80, 0x8F), cont(i + 2), cont(i + 3) else { return i }; i += 4
            default: return i
            }
        }
        return nil
    }

    /// 1-based line number of byte `offset`.
    static func line(of offset: Int, in bytes: [UInt8]) -> Int {
        var line = 1
        for k in 0..<min(offset, bytes.count) where bytes[k] == lf { line += 1 }
        return line
    }
}
