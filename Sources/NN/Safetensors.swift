import Foundation
import TensorCore

/// Problems with a safetensors file. Each message names the file and what is wrong with it.
public enum SafetensorsError: Error, CustomStringConvertible, Equatable {
    case unreadable(path: String, reason: String)
    case corrupt(path: String, reason: String)
    case unsupported(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let p, let r): return "cannot read model file \(p): \(r)"
        case .corrupt(let p, let r): return "\(p) is not a valid safetensors file (\(r)); re-export or re-download it"
        case .unsupported(let p, let r): return "\(p): \(r)"
        }
    }
}

/// The safetensors format (8-byte little-endian header length, JSON header, raw little-endian data): what PyTorch,
/// JAX and others read. SwiftGAN writes Float32 and reads F32, F16, BF16 and F64.
public enum Safetensors {
    /// A file's tensors and its `__metadata__` strings.
    public struct Contents {
        public var tensors: [String: Tensor]
        /// Tensor names in file order (by data offset).
        public var order: [String]
        public var metadata: [String: String]
    }

    /// Writes `tensors` (in the given order) and `metadata` atomically to `url`.
    public static func write(_ tensors: [(String, Tensor)], metadata: [String: String] = [:], to url: URL) throws {
        try AtomicFile.write(encode(tensors, metadata: metadata), to: url)
    }

    /// The bytes of a file holding `tensors` (in the given order) and `metadata`; the JSON header has no spaces
    /// except its padding.
    public static func encode(_ tensors: [(String, Tensor)], metadata: [String: String] = [:]) throws -> Data {
        var header: [String: Any] = [:]
        if !metadata.isEmpty { header["__metadata__"] = metadata }
        var offset = 0
        for (name, t) in tensors {
            let bytes = t.count * 4
            header[name] = ["dtype": "F32", "shape": t.shape, "data_offsets": [offset, offset + bytes]]
            offset += bytes
        }
        var json = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
        while (8 + json.count) % 8 != 0 { json.append(0x20) }  // pad with spaces so data is 8-byte aligned
        var data = Data(capacity: 8 + json.count + offset)
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(json)
        for (_, t) in tensors {
            data.append(UnsafeBufferPointer(start: t.storage.pointer, count: t.count))
        }
        return data
    }

    /// Reads a file, validating every header entry against the file's size before touching the data.
    public static func read(_ url: URL) throws -> Contents {
        try parse(bytes(of: url), path: url.path)
    }

    /// The bytes of the file at `url`, memory-mapped. An empty file gives empty data without mapping (Foundation
    /// leaks a page when it maps an empty file).
    public static func bytes(of url: URL) throws -> Data {
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue
        if size == 0 { return Data() }
        do { return try Data(contentsOf: url, options: .alwaysMapped) } catch {
            throw SafetensorsError.unreadable(path: url.path, reason: (error as NSError).localizedDescription)
        }
    }

    /// Parses safetensors bytes (`path` is used in messages).
    public static func parse(_ data: Data, path: String) throws -> Contents {
        guard data.count >= 8 else { throw SafetensorsError.corrupt(path: path, reason: "only \(data.count) bytes") }
        let headerLength = data.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard headerLength <= UInt64(data.count - 8) else {
            throw SafetensorsError.corrupt(
                path: path, reason: "header claims \(headerLength) bytes but the file has \(data.count - 8) after the length")
        }
        let headerEnd = 8 + Int(headerLength)
        guard let object = try? JSONSerialization.jsonObject(with: data.subdata(in: 8..<headerEnd)),
              let header = object as? [String: Any]
        else { throw SafetensorsError.corrupt(path: path, reason: "header is not a JSON object") }
        let body = data.count - headerEnd
        var metadata: [String: String] = [:]
        var entries: [(name: String, start: Int, tensor: Tensor)] = []
        for (name, value) in header {
            if name == "__metadata__" {
                guard let m = value as? [String: String] else {
                    throw SafetensorsError.corrupt(path: path, reason: "__metadata__ must map strings to strings")
                }
                metadata = m
                continue
            }
            guard let entry = value as? [String: Any], let dtype = entry["dtype"] as? String,
                  let shape = entry["shape"] as? [Int], let offsets = entry["data_offsets"] as? [Int],
                  offsets.count == 2
            else { throw SafetensorsError.corrupt(path: path, reason: "entry '\(name)' lacks dtype, shape or data_offsets") }
            guard shape.allSatisfy({ $0 >= 0 }) else {
                throw SafetensorsError.corrupt(path: path, reason: "entry '\(name)' has a negative extent")
            }
            let width: Int
            switch dtype {
            case "F32": width = 4
            case "F16", "BF16": width = 2
            case "F64": width = 8
            default:
                throw SafetensorsError.unsupported(
                    path: path, reason: "tensor '\(name)' has dtype \(dtype); SwiftGAN reads F32, F16, BF16 and F64")
            }
            let (start, end) = (offsets[0], offsets[1])
            guard let count = CheckedSize.product(shape), let bytes = CheckedSize.product([count, width]),
                  start >= 0, end >= start, end <= body, end - start == bytes
            else {
                throw SafetensorsError.corrupt(
                    path: path, reason: "tensor '\(name)' (\(dtype) \(shape)) has data offsets \(offsets) that do not fit "
                        + "its size or the file's \(body) data bytes")
            }
            let t = Tensor(uninitialized: shape)
            data.withUnsafeBytes { raw in
                let src = raw.baseAddress! + headerEnd + start
                convert(src, dtype: dtype, count: count, into: t.storage.pointer)
            }
            entries.append((name, start, t))
        }
        entries.sort { $0.start < $1.start }
        return Contents(
            tensors: Dictionary(uniqueKeysWithValues: entries.map { ($0.name, $0.tensor) }),
            order: entries.map(\.name), metadata: metadata)
    }

    private static func convert(_ src: UnsafeRawPointer, dtype: String, count: Int, into dst: UnsafeMutablePointer<Float>) {
        for i in 0..<count {
            switch dtype {
            case "F32":
                dst[i] = Float(bitPattern: UInt32(littleEndian: src.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))
            case "F64":
                dst[i] = Float(Double(bitPattern: UInt64(littleEndian: src.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self))))
            case "BF16":
                let b = UInt16(littleEndian: src.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))
                dst[i] = Float(bitPattern: UInt32(b) << 16)
            default:  // F16
                let b = UInt16(littleEndian: src.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))
                dst[i] = Float(Float16(bitPattern: b))
            }
        }
    }
}

extension Module {
    /// Saves the state dict (parameters and buffers) with `metadata` as a safetensors file.
    public func save(to url: URL, metadata: [String: String] = [:]) throws {
        try Safetensors.write(stateDict(), metadata: metadata, to: url)
    }

    /// Loads parameters and buffers from a safetensors file; returns its metadata.
    @discardableResult
    public func load(from url: URL) throws -> [String: String] {
        let contents = try Safetensors.read(url)
        try loadStateDict(contents.tensors)
        return contents.metadata
    }
}
