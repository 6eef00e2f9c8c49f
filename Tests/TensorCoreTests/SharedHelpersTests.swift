import Foundation
import TensorCore
import Testing

/// The helpers every layer shares: CSV writing, normal draws, tensor copies.
@Suite struct SharedHelpersTests {
    @Test func csvRecordsReadBackAsWritten() throws {
        let fields = ["plain", "with,comma", "with \"quote\"", " edge ", "line\nbreak", "", "ünïcödé"]
        var bytes: [UInt8] = []
        CSVEncoder.appendRecord(fields, to: &bytes)
        CSVEncoder.appendRecord(["a", "b", "c", "d", "e", "f", "g"], to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self).hasPrefix("plain,\"with,comma\",\"with \"\"quote\"\"\",\" edge \","))
        let records = try CSVDecoder.records(bytes, delimiter: UInt8(ascii: ","))
        #expect(records.map(\.fields) == [fields, ["a", "b", "c", "d", "e", "f", "g"]])
        #expect(CSVEncoder.line(["x;y", "z"]) == "x;y,z\n")
        var semicolons: [UInt8] = []
        CSVEncoder.appendRecord(["x;y", "z"], delimiter: UInt8(ascii: ";"), to: &semicolons)
        #expect(String(decoding: semicolons, as: UTF8.self) == "\"x;y\";z\n")
    }

    @Test func normalFillsAreStandardNormalAndSeeded() {
        var g = SeededGenerator(seed: 4)
        var values = [Float](repeating: .nan, count: 20_001)  // odd: the last value of a pair alone
        values.withUnsafeMutableBufferPointer { g.fillNormals($0.baseAddress!, count: $0.count) }
        let mean = values.reduce(0, +) / Float(values.count)
        let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Float(values.count)
        #expect(values.allSatisfy(\.isFinite) && abs(mean) < 0.03 && abs(variance - 1) < 0.04, "\(mean) \(variance)")
        var again = SeededGenerator(seed: 4)
        var first = [Float](repeating: 0, count: 3)
        first.withUnsafeMutableBufferPointer { again.fillNormals($0.baseAddress!, count: 3) }
        #expect(first == Array(values[..<3]))
        // The generic draws give a generator's own sequence whatever its static type.
        var a = SeededGenerator(seed: 9), b = SeededGenerator(seed: 9)
        func draw<G: RandomNumberGenerator>(_ g: inout G) -> (Double, Double, Int) {
            (g.uniform(), g.normal(), g.index(weights: [0, 1, 0, 2]))
        }
        let x = draw(&a)
        #expect(x == (b.uniform(), b.normal(), b.index(weights: [0, 1, 0, 2])) && x.2 != 0 && x.2 != 2)
    }

    @Test func copiesOwnTheirStorage() throws {
        let t = try Tensor(shape: [2, 3], values: [1, 2, 3, 4, 5, 6])
        let c = t.copied()
        #expect(c.shape == [2, 3] && c.scalars == t.scalars)
        t.storage.pointer[0] = 42
        #expect(c.scalars[0] == 1)
    }
}
