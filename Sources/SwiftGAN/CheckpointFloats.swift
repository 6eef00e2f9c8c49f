import Foundation

/// Floats a problem carries in its checkpoint state (`GANProblem.checkpointState`), which holds text: base64 of the
/// floats' little-endian bytes.
enum CheckpointFloats {
    /// `values` as base64 text.
    static func encode(_ values: [Float]) -> String {
        values.map { $0.bitPattern.littleEndian }.withUnsafeBufferPointer { Data(buffer: $0) }.base64EncodedString()
    }

    /// The floats `text` encodes; nil when it is not base64 of a whole number of floats.
    static func decode(_ text: String) -> [Float]? {
        let size = MemoryLayout<UInt32>.size
        guard let bytes = Data(base64Encoded: text), bytes.count % size == 0 else { return nil }
        return bytes.withUnsafeBytes { raw in
            (0..<(bytes.count / size)).map {
                Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * size, as: UInt32.self)))
            }
        }
    }
}
