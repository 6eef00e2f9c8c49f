import Foundation
import Testing
@testable import Reports

/// The PNG writer against Python's zlib (an independent inflate and CRC-32), and the checksums against their
/// published check values.
@Suite struct PNGImageTests {
    @Test func checksumsMatchTheirCheckValues() {
        #expect(Checksums.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(Checksums.adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)
        #expect(Checksums.adler32([]) == 1)
    }

    /// Writes `png`, decodes it with Python (chunk CRCs checked with zlib.crc32, IDAT inflated with zlib) and
    /// returns what Python read: width, height, colour type and the SHA-256 of the unfiltered pixel rows.
    func decodeWithPython(_ png: PNGImage) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("swiftgan-png-\(UUID().uuidString).png")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(png.encoded).write(to: file)
        let script = """
            import hashlib, struct, sys, zlib
            data = open(sys.argv[1], 'rb').read()
            assert data[:8] == b'\\x89PNG\\r\\n\\x1a\\n', 'signature'
            pos, idat, header = 8, b'', None
            while pos < len(data):
                (size,) = struct.unpack('>I', data[pos:pos + 4]); kind = data[pos + 4:pos + 8]
                body = data[pos + 8:pos + 8 + size]; (crc,) = struct.unpack('>I', data[pos + 8 + size:pos + 12 + size])
                assert zlib.crc32(kind + body) == crc, 'crc of ' + kind.decode()
                if kind == b'IHDR': header = struct.unpack('>IIBBBBB', body)
                if kind == b'IDAT': idat += body
                pos += 12 + size
            width, height, depth, colour = header[:4]
            channels = 3 if colour == 2 else 1
            raw = zlib.decompress(idat)
            stride = width * channels
            assert len(raw) == height * (stride + 1), 'row count'
            assert all(raw[y * (stride + 1)] == 0 for y in range(height)), 'filter bytes'
            pixels = b''.join(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)] for y in range(height))
            print(width, height, colour, hashlib.sha256(pixels).hexdigest())
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, file.path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "python could not decode the PNG")
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func sha256Hex(_ bytes: [UInt8]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import hashlib,sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest())"]
        let input = Pipe(), out = Pipe()
        process.standardInput = input
        process.standardOutput = out
        try process.run()
        input.fileHandleForWriting.write(Data(bytes))
        try input.fileHandleForWriting.close()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func indexedImagesDecodeToTheirPixels() throws {
        // Noise (mostly literals), flat runs (long matches) and a repeat 40 000 bytes back (beyond the window).
        var state: UInt32 = 12345
        let width = 300, height = 200
        let indices = (0..<(width * height)).map { i -> UInt8 in
            state = state &* 1_664_525 &+ 1_013_904_223
            return i / width < 60 ? UInt8(state >> 24) : i / width < 140 ? UInt8(i / width) : UInt8((i % width) & 0xFF)
        }
        let png = try PNGImage(width: width, height: height, indices: indices, palette: Colormap.viridis.palette)
        #expect(try decodeWithPython(png) == "300 200 3 \(try sha256Hex(indices))")
    }

    @Test func rgbImagesDecodeToTheirPixels() throws {
        let width = 17, height = 9
        let rgb = (0..<(width * height * 3)).map { UInt8(($0 * 37) % 251) }
        let png = try PNGImage(width: width, height: height, rgb: rgb)
        #expect(try decodeWithPython(png) == "17 9 2 \(try sha256Hex(rgb))")
    }

    @Test func flatImagesCompress() throws {
        let png = try Colormap.diverging.image([Double](repeating: 0.5, count: 64 * 64), width: 64, height: 64,
                                               low: 0, high: 1, scale: 4)
        #expect(png.width == 256 && png.height == 256)
        #expect(png.encoded.count < 2000, "a flat 256×256 image took \(png.encoded.count) bytes")
    }

    @Test func badShapesThrow() {
        #expect(throws: ReportError.self) { try PNGImage(width: 2, height: 2, indices: [0, 1, 2], palette: [RGB(0, 0, 0)]) }
        #expect(throws: ReportError.self) { try PNGImage(width: 2, height: 2, rgb: [0]) }
    }
}
