import Testing
import TensorCore

/// The shared CSV decoder: records, quoting, byte-order mark, UTF-8 and located failures.
@Suite struct CSVDecoderTests {
    @Test func recordsQuotesAndLineNumbers() throws {
        let text = "\u{FEFF}a;b\n\"x;\"\"y\"\"\";2\r\n\n\"multi\nline\";3\n"
        let records = try CSVDecoder.records(Array(text.utf8))
        #expect(records.map(\.fields) == [["a", "b"], ["x;\"y\"", "2"], ["multi\nline", "3"]])
        #expect(records.map(\.line) == [1, 2, 4])
    }

    @Test func failuresNameTheLine() {
        #expect(throws: CSVDecoder.Failure.notUTF8(line: 2, byteOffset: 4)) {
            try CSVDecoder.records(Array("a,b\n".utf8) + [0xC3, 0x28])
        }
        #expect(throws: CSVDecoder.Failure.unterminatedQuote(line: 2)) { try CSVDecoder.records(Array("a\n\"open\n".utf8)) }
    }
}
