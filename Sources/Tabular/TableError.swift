/// Errors raised by the tabular data layer. Each message names the file, column or value at fault and says what to do.
public enum TableError: Error, CustomStringConvertible, Equatable {
    /// The file could not be opened or read.
    case unreadable(file: String, reason: String)
    /// The file could not be written.
    case unwritable(file: String, reason: String)
    /// The file has no bytes, or only blank lines.
    case emptyFile(file: String)
    /// The file has a header but no data rows.
    case noRows(file: String)
    /// Bytes that are not valid UTF-8.
    case notUTF8(file: String, line: Int, byteOffset: Int)
    /// A quoted field that is never closed.
    case unterminatedQuote(file: String, line: Int)
    /// A data row with a different number of fields than the header.
    case raggedRow(file: String, line: Int, expected: Int, found: Int)
    /// A header field that is empty.
    case emptyColumnName(file: String, position: Int)
    /// Two header fields with the same name.
    case duplicateColumnName(file: String, name: String)
    /// A column without a single value.
    case allMissing(file: String, column: String)
    /// A column name that the table does not have.
    case unknownColumn(name: String, available: [String])
    /// A value that should be a number but is not.
    case notNumeric(file: String, column: String, line: Int, value: String)
    /// A categorical column with more levels than the transform accepts.
    case tooManyCategories(column: String, count: Int, limit: Int)
    /// Tables or matrices whose shapes do not fit together.
    case shapeMismatch(String)
    /// A column of the wrong kind for the operation (e.g. a continuous target for SMOTE).
    case wrongColumnKind(column: String, reason: String)
    /// A class with too few rows for the requested oversampling.
    case classTooSmall(column: String, label: String, count: Int, needed: Int)
    /// An argument out of its domain (negative ratio, zero neighbours, …).
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .unreadable(let f, let r): return "\(f): cannot read the file (\(r))"
        case .unwritable(let f, let r): return "\(f): cannot write the file (\(r))"
        case .emptyFile(let f): return "\(f): the file is empty; give a CSV file with a header line and data rows"
        case .noRows(let f): return "\(f): the file has a header but no data rows"
        case .notUTF8(let f, let line, let off):
            return "\(f) line \(line) (byte \(off)): bytes that are not valid UTF-8; re-save the file as UTF-8 "
                + "(e.g. iconv -f latin1 -t utf-8 in.csv > out.csv)"
        case .unterminatedQuote(let f, let line):
            return "\(f) line \(line): a quoted field is never closed; check the quote characters in that row"
        case .raggedRow(let f, let line, let e, let n):
            return "\(f) line \(line): \(n) fields where the header has \(e); quote fields that contain the delimiter, "
                + "or give the right `CSVOptions.delimiter`"
        case .emptyColumnName(let f, let p):
            return "\(f): header field \(p) is empty; give every column a name"
        case .duplicateColumnName(let f, let n):
            return "\(f): the header names column '\(n)' twice; make the column names unique"
        case .allMissing(let f, let c):
            return "\(f): column '\(c)' has no value in any row; remove the column or fill it"
        case .unknownColumn(let n, let a):
            return "no column named '\(n)'; the table has: \(a.joined(separator: ", "))"
        case .notNumeric(let f, let c, let line, let v):
            return "\(f) line \(line): column '\(c)' was declared numeric but holds '\(v)'; fix the value or drop the "
                + "`CSVOptions.numeric` override"
        case .tooManyCategories(let c, let n, let l):
            return "column '\(c)' has \(n) distinct values (limit \(l)): it looks like an identifier or free text; "
                + "leave the column out (--drop \(c)), or raise the limit (`DataTransformer.Options.maxCategories`) if it "
                + "really is a category"
        case .shapeMismatch(let m): return "shape mismatch: \(m)"
        case .wrongColumnKind(let c, let r): return "column '\(c)': \(r)"
        case .classTooSmall(let c, let l, let n, let k):
            return "column '\(c)': class '\(l)' has \(n) row\(n == 1 ? "" : "s"); SMOTE needs at least \(k) — use "
                + "random oversampling (`OversamplingMethod.random`) for it, or gather more rows"
        case .invalidArgument(let m): return "invalid argument: \(m)"
        }
    }
}
