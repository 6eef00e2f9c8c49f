import Foundation
import Testing
import TimeSeries

@Suite struct NPYTests {
    /// A .npy file built by hand: magic, version, header padded to 64 bytes, then raw data.
    func npyBytes(header: String, version: UInt8 = 1, data: [UInt8]) -> Data {
        var text = header
        let prefix = version == 1 ? 10 : 12
        text += String(repeating: " ", count: (64 - (prefix + text.utf8.count + 1) % 64) % 64) + "\n"
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [version, 0]
        let n = text.utf8.count
        bytes += version == 1 ? [UInt8(n & 0xFF), UInt8(n >> 8)] : [UInt8(n & 0xFF), UInt8(n >> 8), 0, 0]
        return Data(bytes + Array(text.utf8) + data)
    }

    func littleEndian<T: FixedWidthInteger>(_ x: T) -> [UInt8] { withUnsafeBytes(of: x.littleEndian) { Array($0) } }
    func bigEndian<T: FixedWidthInteger>(_ x: T) -> [UInt8] { withUnsafeBytes(of: x.bigEndian) { Array($0) } }

    @Test func float32RoundTripsThroughAFile() throws {
        let data = try noiseArray(3, 5, 2)
        let path = temporaryPath("npy")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try SeriesFile.write(data, path: path)
        let back = try NPY.readSeries(path: path)
        #expect(back.values == data.values && back.count == 3 && back.length == 5 && back.features == 2)
        // The header is 64-byte aligned as NumPy requires.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        #expect((10 + headerLength) % 64 == 0)
    }

    @Test func readsFloat64LittleEndianAndFloat32BigEndianAndVersion2() throws {
        let doubles: [Double] = [0.5, -1.25, 3e-3, 1e6, -7, 2.5]
        let f8 = npyBytes(header: "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 3, 2), }",
                          data: doubles.flatMap { littleEndian($0.bitPattern) })
        let (shape, values) = try NPY.decode(f8, path: "f8.npy")
        #expect(shape == [1, 3, 2] && values == doubles.map { Float($0) })

        let floats: [Float] = [1, 2.5, -3]
        let be = npyBytes(header: "{'descr': '>f4', 'fortran_order': False, 'shape': (3,), }",
                          data: floats.flatMap { bigEndian($0.bitPattern) })
        #expect(try NPY.decode(be, path: "be.npy") == ([3], floats))

        let v2 = npyBytes(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 3), }", version: 2,
                          data: floats.flatMap { littleEndian($0.bitPattern) })
        #expect(try NPY.decode(v2, path: "v2.npy") == ([1, 3], floats))
    }

    @Test func fortranOrderUnsupportedDtypesAndTruncationAreRefused() {
        func message(_ data: Data) -> String {
            do {
                _ = try NPY.decode(data, path: "x.npy")
                return ""
            } catch { return "\(error)" }
        }
        let four = [UInt8](repeating: 0, count: 16)
        #expect(message(npyBytes(header: "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }", data: four))
            .contains("Fortran"))
        #expect(message(npyBytes(header: "{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }", data: four))
            .contains("dtype '<i8' is not supported"))
        #expect(message(npyBytes(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (9,), }", data: four))
            .contains("truncated"))
        #expect(message(Data("hello".utf8)).contains("not a NumPy"))
    }

    @Test func seriesFilesNeedTwoOrThreeAxesAndFiniteValues() throws {
        let path = temporaryPath("npy")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try NPY.write(shape: [2, 3], values: [1, 2, 3, 4, 5, 6], path: path)
        let uni = try NPY.readSeries(path: path)
        #expect(uni.features == 1 && uni.length == 3 && uni.count == 2)
        try NPY.write(shape: [6], values: [1, 2, 3, 4, 5, 6], path: path)
        #expect(throws: SeriesError.self) { try NPY.readSeries(path: path) }
        try NPY.write(shape: [1, 2, 1], values: [1, .nan], path: path)
        #expect(throws: SeriesError.notFinite(series: "0", step: 1, feature: "f0")) { try NPY.readSeries(path: path) }
        #expect(throws: SeriesError.io(path: "/nonexistent/x.npy", reason: "no such file")) {
            try NPY.readSeries(path: "/nonexistent/x.npy")
        }
    }
}

/// Crafted `.npy` headers whose sizes overflow or exceed the file.
@Suite struct NPYHeaderTests {
    static func file(shape: String, dataBytes: Int) -> Data {
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': \(shape), }"
        header += String(repeating: " ", count: (64 - (10 + header.utf8.count + 1) % 64) % 64) + "\n"
        let n = header.utf8.count
        return Data([0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(n & 0xFF), UInt8(n >> 8)] + Array(header.utf8))
            + Data(count: dataBytes)
    }

    @Test(arguments: ["(4611686018427387904, 4)", "(4294967296, 4294967296, 2)", "(25, 4)"])
    func shapesLargerThanTheDataAreRefused(_ shape: String) {
        do {
            _ = try NPY.decode(Self.file(shape: shape, dataBytes: 96), path: "crafted.npy")
            Issue.record("accepted shape \(shape)")
        } catch {
            let message = "\(error)"
            #expect(message.contains("crafted.npy") && message.contains("truncated") && !message.contains("\n"), "\(message)")
        }
    }
}
