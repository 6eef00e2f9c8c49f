import Foundation
import TensorCore

/// NumPy `.npy` files (format versions 1.0, 2.0 and 3.0): float32 and float64 arrays of either byte order in C order
/// are read; float32 little-endian C-order arrays are written.
public enum NPY {
    /// Reads the array in `path` as Float32 values with its shape.
    public static func read(path: String) throws -> (shape: [Int], values: [Float]) {
        try decode(SeriesFile.readData(path: path), path: path)
    }

    /// Reads a series file: shape `[N, T, C]`, or `[N, T]` for univariate series.
    public static func readSeries(path: String) throws -> SeriesArray {
        let (shape, values) = try read(path: path)
        guard shape.count == 2 || shape.count == 3, shape.allSatisfy({ $0 > 0 }) else {
            throw SeriesError.npy(
                path: path,
                message: "array has shape \(shape); expected [series, steps, features] or [series, steps] with no empty axis")
        }
        let data = try SeriesArray(count: shape[0], length: shape[1], features: shape.count == 3 ? shape[2] : 1,
                                   values: values)
        try data.checkFinite()
        return data
    }

    /// Writes a float32 little-endian C-order array of `shape` to `path`, atomically.
    public static func write(shape: [Int], values: [Float], path: String) throws {
        guard shape.reduce(1, *) == values.count else {
            throw SeriesError.invalidArgument("\(values.count) values do not fill an array of shape \(shape)")
        }
        try SeriesFile.writeAtomically(encode(shape: shape, values: values), path: path)
    }

    /// The bytes of a version 1.0 `.npy` file holding `values` as `<f4` with `shape`.
    public static func encode(shape: [Int], values: [Float]) -> Data {
        let dims = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': \(dims), }"
        // Magic (6) + version (2) + length (2) + header + newline is padded to a multiple of 64 bytes.
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
        let length = UInt16(header.utf8.count)
        data.append(contentsOf: [UInt8(length & 0xFF), UInt8(length >> 8)])
        data.append(contentsOf: Array(header.utf8))
        values.withUnsafeBufferPointer { v in
            for x in v {
                let bits = x.bitPattern.littleEndian
                withUnsafeBytes(of: bits) { data.append(contentsOf: $0) }
            }
        }
        return data
    }

    /// Decodes the bytes of a `.npy` file; `path` is used in error messages.
    public static func decode(_ data: Data, path: String) throws -> (shape: [Int], values: [Float]) {
        let bytes = [UInt8](data)
        guard bytes.count >= 10, bytes[0] == 0x93, Array(bytes[1..<6]) == Array("NUMPY".utf8) else {
            throw SeriesError.npy(path: path, message: "not a NumPy .npy file (the magic string is missing)")
        }
        let major = bytes[6]
        let headerStart: Int, headerLength: Int
        switch major {
        case 1:
            headerStart = 10
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        case 2, 3:
            guard bytes.count >= 12 else { throw SeriesError.npy(path: path, message: "the header is truncated") }
            headerStart = 12
            headerLength = (0..<4).reduce(0) { $0 | Int(bytes[8 + $1]) << (8 * $1) }
        default:
            throw SeriesError.npy(path: path, message: "format version \(major).\(bytes[7]) is not supported (1.0–3.0 are)")
        }
        guard bytes.count >= headerStart + headerLength else {
            throw SeriesError.npy(path: path, message: "the header is truncated")
        }
        let header = String(decoding: bytes[headerStart..<(headerStart + headerLength)], as: UTF8.self)
        let (descr, fortran, shape) = try parseHeader(header, path: path)
        if fortran {
            throw SeriesError.npy(
                path: path,
                message: "the array is stored in Fortran (column-major) order; save it in C order, e.g. "
                    + "np.save(path, np.ascontiguousarray(a))")
        }
        let (size, bigEndian) = try dtype(descr, path: path)
        let start = headerStart + headerLength
        guard let count = CheckedSize.product(shape), let needed = CheckedSize.product([count, size]),
              bytes.count - start >= needed
        else {
            let needs = CheckedSize.product(shape + [size]).map(String.init) ?? "more than \(Int.max)"
            throw SeriesError.npy(
                path: path,
                message: "the file holds \(bytes.count - start) data bytes but shape \(shape) of '\(descr)' needs "
                    + "\(needs); the file is truncated or its header is wrong")
        }
        var values = [Float](repeating: 0, count: count)
        bytes.withUnsafeBytes { raw in
            let base = raw.baseAddress! + start
            for i in 0..<count {
                if size == 4 {
                    let bits = base.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)
                    values[i] = Float(bitPattern: bigEndian ? bits.byteSwapped : bits)
                } else {
                    let bits = base.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)
                    values[i] = Float(Double(bitPattern: bigEndian ? bits.byteSwapped : bits))
                }
            }
        }
        return (shape, values)
    }

    /// Item size and byte order of a supported dtype string.
    private static func dtype(_ descr: String, path: String) throws -> (size: Int, bigEndian: Bool) {
        let supported: [String: (Int, Bool)] = [
            "<f4": (4, false), "<f8": (8, false), ">f4": (4, true), ">f8": (8, true), "=f4": (4, false), "=f8": (8, false),
        ]
        guard let entry = supported[descr] else {
            throw SeriesError.npy(
                path: path,
                message: "dtype '\(descr)' is not supported; SwiftGAN reads float32 and float64 arrays "
                    + "(convert with a.astype(np.float32))")
        }
        return entry
    }

    /// The descr, fortran_order and shape entries of a header dictionary such as
    /// `{'descr': '<f4', 'fortran_order': False, 'shape': (3, 24, 5), }`.
    private static func parseHeader(_ header: String, path: String) throws -> (String, Bool, [Int]) {
        func value(after key: String) throws -> Substring {
            guard let range = header.range(of: "'\(key)'") ?? header.range(of: "\"\(key)\""),
                  let colon = header[range.upperBound...].firstIndex(of: ":")
            else { throw SeriesError.npy(path: path, message: "the header has no '\(key)' entry: \(header)") }
            return header[header.index(after: colon)...].drop(while: { $0 == " " })
        }
        let descrText = try value(after: "descr")
        guard let quote = descrText.first, quote == "'" || quote == "\"",
              let end = descrText.dropFirst().firstIndex(of: quote)
        else { throw SeriesError.npy(path: path, message: "the header's 'descr' is not a simple dtype: \(header)") }
        let descr = String(descrText[descrText.index(after: descrText.startIndex)..<end])
        let fortran = try value(after: "fortran_order").hasPrefix("True")
        let shapeText = try value(after: "shape")
        guard shapeText.first == "(", let close = shapeText.firstIndex(of: ")") else {
            throw SeriesError.npy(path: path, message: "the header's 'shape' is not a tuple: \(header)")
        }
        let parts = shapeText[shapeText.index(after: shapeText.startIndex)..<close]
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let shape = try parts.map { part -> Int in
            guard let n = Int(part.hasSuffix("L") ? String(part.dropLast()) : part), n >= 0 else {
                throw SeriesError.npy(path: path, message: "the header's shape entry '\(part)' is not a size")
            }
            return n
        }
        return (descr, fortran, shape)
    }
}
