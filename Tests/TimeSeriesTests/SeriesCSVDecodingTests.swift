import Foundation
import Testing
import TimeSeries

/// Series CSV files go through the shared decoder: UTF-8 checked, byte-order mark removed, non-finite times refused.
@Suite struct SeriesCSVDecodingTests {
    /// Writes `bytes` to a temporary file and reads it as a series CSV.
    static func read(_ bytes: [UInt8]) throws -> SeriesCollection {
        let path = temporaryPath("csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return try SeriesCSV.read(path: path).0
    }

    @Test func aByteOrderMarkKeepsTheWideIdColumn() throws {
        let data = try Self.read([0xEF, 0xBB, 0xBF] + Array("id,t0,t1\na,1,2\nb,3,4\n".utf8)).stacked()
        #expect(data.ids == ["a", "b"] && data.values == [1, 2, 3, 4])
    }

    @Test func invalidUTF8IdsAreRefusedInsteadOfMerged() {
        // 0xFF and 0xFE would both decode to U+FFFD and merge the two series.
        let bytes = Array("id,time,v\n".utf8) + [0xFF] + Array(",0,1\n".utf8) + [0xFE] + Array(",0,2\n".utf8)
        do {
            _ = try Self.read(bytes)
            Issue.record("invalid UTF-8 accepted")
        } catch {
            #expect("\(error)".contains("line 2") && "\(error)".contains("UTF-8"), "\(error)")
        }
    }

    @Test(arguments: ["nan", "inf", "-Infinity"])
    func nonFiniteTimesAreRefused(_ time: String) {
        do {
            _ = try SeriesCSV.parse("id,time,v\ns,2,1\ns,\(time),2\ns,0,3\ns,1,4\n", path: "t.csv")
            Issue.record("time \(time) accepted")
        } catch {
            let message = "\(error)"
            #expect(message.contains("line 3") && message.contains("finite") && !message.contains("\n"), "\(message)")
        }
    }
}
