import Foundation

/// The CRC-32 a checkpoint carries in its own `__metadata__` (`checkpoint_crc32`, 8 hex digits). It covers the whole
/// file as written with `00000000` in its place, so a flipped bit anywhere — header or tensors — is caught, and the
/// file stays a plain safetensors file.
enum CheckpointChecksum {
    static let key = "checkpoint_crc32"
    static let placeholder = "00000000"

    /// Writes the checksum of `file` (encoded with `placeholder` as the value of `key`) into it.
    static func seal(_ file: inout Data) {
        guard let range = valueRange(in: file) else { return }
        let text = String(format: "%08x", crc32(file))
        file.replaceSubrange(range, with: Data(text.utf8))
    }

    /// True when `file`'s checksum matches, false when it does not, nil when it carries none (written before
    /// checkpoints had checksums).
    static func verify(_ file: Data) -> Bool? {
        guard let range = valueRange(in: file) else { return nil }
        let stored = String(decoding: file[range], as: UTF8.self)
        var copy = file
        copy.replaceSubrange(range, with: Data(placeholder.utf8))
        return UInt32(stored, radix: 16) == crc32(copy)
    }

    /// Where the 8 hex digits of the checksum sit in the file's JSON header.
    private static func valueRange(in file: Data) -> Range<Int>? {
        guard file.count >= 8 else { return nil }
        let length = file.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard length <= UInt64(file.count - 8) else { return nil }
        let header = file.startIndex + 8..<file.startIndex + 8 + Int(length)
        guard let found = file.range(of: Data("\"\(key)\":\"".utf8), in: header) else { return nil }
        let value = found.upperBound..<found.upperBound + placeholder.utf8.count
        guard value.upperBound < header.upperBound else { return nil }
        return value
    }

    private static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    /// CRC-32 (IEEE 802.3, as zlib and `cksum -a crc32b`).
    static func crc32(_ data: Data) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        table.withUnsafeBufferPointer { t in
            data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
                for b in bytes { c = t[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
            }
        }
        return c ^ 0xFFFF_FFFF
    }
}
