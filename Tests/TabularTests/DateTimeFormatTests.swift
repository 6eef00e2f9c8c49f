import Foundation
import Tabular
import TensorCore
import Testing

/// Dates and date-times against Foundation's Gregorian calendar, as an independent reference.
@Suite struct DateTimeFormatTests {
    static func reference(_ seconds: Double) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.dateComponents([.year, .month, .day, .hour, .minute, .second],
                                       from: Date(timeIntervalSince1970: seconds))
    }

    @Test func writesAndReadsInstantsAsFoundationsCalendarDoes() throws {
        var g = SeededGenerator(seed: 4)
        let format = DateTimeFormat(timeSeparator: "T", hasSeconds: true, utcSuffix: true)
        // 1583 onwards: Foundation's Gregorian calendar switches to the Julian one before October 1582.
        for _ in 0..<2000 {
            let seconds = (-12_212_553_600 + g.uniform() * (253_402_300_799 + 12_212_553_600)).rounded(.down)
            let text = format.string(seconds)
            let c = Self.reference(seconds)
            let expected = String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year!, c.month!, c.day!, c.hour!,
                                  c.minute!, c.second!)
            #expect(text == expected)
            let parsed = try #require(DateTimeFormat.parse(text))
            #expect(parsed.seconds == seconds && parsed.format == format)
        }
    }

    @Test func readsEachFormAndWritesItBack() throws {
        for text in ["2013-01-31", "2013/01/31", "2013-01-31 05:40", "2013-01-31T05:40:07", "2013-01-31T05:40:00Z",
                     "2000-02-29", "1969-12-31 23:59:59", "0001-01-01"] {
            let (seconds, format) = try #require(DateTimeFormat.parse(text), "\(text)")
            #expect(format.string(seconds) == text)
        }
        #expect(DateTimeFormat.parse("1970-01-02")?.seconds == 86_400)
        #expect(DateTimeFormat.parse("1969-12-31 23:59")?.seconds == -60)
    }

    @Test func refusesTextThatNamesNoRealInstant() {
        for text in ["2013-02-29", "2013-13-01", "2013-00-10", "2013-04-31", "2013-01-01 24:00", "2013-01-01 10:60",
                     "2013-01-01T10:00:60", "13-01-01", "2013-1-01", "2013-01-01T10:00:00+01:00", "2013-01-01Z",
                     "2013.01.01", "2013-01/01", "0000-01-01", "2013-01-01T10", "20130101", ""] {
            #expect(DateTimeFormat.parse(text) == nil, "\(text)")
        }
    }

    @Test func roundsToTheFormatsResolutionAndStaysWithinItsYears() {
        let day = DateTimeFormat(), minute = DateTimeFormat(timeSeparator: " ")
        #expect(day.string(86_400 * 1.6) == "1970-01-03")
        #expect(minute.string(89.9) == "1970-01-01 00:01")
        #expect(minute.string(-1e15) == "0001-01-01 00:00" && day.string(1e15) == "9999-12-31")
        #expect(day.string(.nan) == "")
    }

    @Test func csvColumnsOfOneDateFormReadAsDatetimesAndWriteBackUnchanged() throws {
        let csv = "when,day,mixed\n2013-01-01T10:00:00Z,2013-01-01,2013-01-01\n,2013-12-31,2013-01-01 10:00\n"
            + "2013-06-30T23:00:00Z,2014-02-28,x\n"
        let table = try Table(csv: Array(csv.utf8))
        let when = try table.column("when"), day = try table.column("day")
        let mixed = try table.column("mixed")
        #expect(when.kind == .datetime && day.kind == .datetime && mixed.kind == .categorical)
        #expect(when.isMissing(1) && when.numbers?[0] == 1_357_034_400)
        #expect((0..<3).map { when.text($0) } == ["2013-01-01T10:00:00Z", "", "2013-06-30T23:00:00Z"])
        #expect((0..<3).map { day.text($0) } == ["2013-01-01", "2013-12-31", "2014-02-28"])
        // A column read as numeric (as a synthetic file is read typed like the real one) may hold datetimes.
        let forced = try Table(csv: Array(csv.utf8), options: CSVOptions(numeric: ["day"]))
        let forcedDay = try forced.column("day")
        #expect(forcedDay.kind == .datetime)
        #expect(throws: TableError.self) { try Table(csv: Array(csv.utf8), options: CSVOptions(numeric: ["mixed"])) }
    }

    @Test func theTransformModelsDatetimesAsNumbersAndWritesThemInTheirFormat() throws {
        var g = SeededGenerator(seed: 2)
        let format = DateTimeFormat(timeSeparator: " ")
        let values = (0..<300).map { _ in format.rounded(1_357_000_000 + g.normal() * 86_400 * 30) }
        let table = try Table(columns: [Column(name: "t", kind: .datetime, dateFormat: format, values: values)])
        let transformer = try DataTransformer.fit(table, using: &g)
        guard case .continuous(let t) = transformer.columns[0] else { Issue.record("not continuous"); return }
        #expect(t.dateFormat == format && t.kind == .datetime)
        let back = try transformer.inverse(try transformer.transform(table, using: &g), rows: 300)
        let column = try back.column("t")
        #expect(column.kind == .datetime)
        for i in 0..<300 {
            #expect(abs(column.numbers![i] - values[i]) <= 60)
            #expect(DateTimeFormat.parse(column.text(i))?.format == format)
        }
        let decoded = try DataTransformer.decode(json: try transformer.jsonString())
        #expect(decoded == transformer)
    }
}
