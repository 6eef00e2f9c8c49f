import Foundation
import NN
import Testing

/// Crafted safetensors headers (the untrusted-input audit): sizes that overflow or do not fit the file give one-line errors.
@Suite struct CraftedSafetensorsTests {
    /// A file with `header` as its JSON header and `dataBytes` zero bytes of data.
    static func file(_ header: String, dataBytes: Int) -> Data {
        var json = Data(header.utf8)
        while json.count % 8 != 0 { json.append(0x20) }
        var data = Data()
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { data.append(contentsOf: $0) }
        return data + json + Data(count: dataBytes)
    }

    @Test(arguments: [
        // count · width wraps to 0 (2^62 · 4 = 2^64): the audit's out-of-bounds write.
        (#"{"w":{"dtype":"F32","shape":[4611686018427387904],"data_offsets":[0,0]}}"#, 8),
        (#"{"w":{"dtype":"F16","shape":[4611686018427387904,4],"data_offsets":[0,0]}}"#, 8),
        (#"{"w":{"dtype":"F64","shape":[2305843009213693952],"data_offsets":[0,0]}}"#, 8),
        // The product of the extents overflows.
        (#"{"w":{"dtype":"F32","shape":[4294967296,4294967296,4],"data_offsets":[0,0]}}"#, 8),
        // Offsets past the data, or reversed.
        (#"{"w":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#, 8),
        (#"{"w":{"dtype":"F32","shape":[1],"data_offsets":[8,4]}}"#, 8),
    ])
    func oversizedOrMisplacedTensorsAreRefused(_ header: String, _ dataBytes: Int) {
        do {
            _ = try Safetensors.parse(Self.file(header, dataBytes: dataBytes), path: "crafted.safetensors")
            Issue.record("accepted \(header)")
        } catch {
            let message = "\(error)"
            #expect(message.contains("crafted.safetensors") && !message.contains("\n"), "\(message)")
        }
    }

    /// An empty file is read without mapping it (mapping leaked a page: found by the model-file fuzz target).
    @Test func anEmptyFileIsRefused() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("swiftgan-empty-\(UUID().uuidString)")
        try Data().write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: SafetensorsError.corrupt(path: url.path, reason: "only 0 bytes")) { try Safetensors.read(url) }
    }

    @Test func aHeaderLongerThanTheFileIsRefused() {
        var data = Self.file(#"{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, dataBytes: 4)
        data.replaceSubrange(0..<8, with: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F])
        #expect(throws: SafetensorsError.self) { try Safetensors.parse(data, path: "x") }
    }
}
