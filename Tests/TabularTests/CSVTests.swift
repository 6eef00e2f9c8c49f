import Foundation
import Testing
@testable import Tabular

@Suite("CSV reading and writing")
struct CSVTests {
    static func read(_ text: String, options: CSVOptions = CSVOptions()) throws -> Table {
        try Table(csv: Array(text.utf8), file: "t.csv", options: options)
    }

    @Test("column typing, decimals and missing values")
    func typing() throws {
        let t = try Self.read("""
            id,price,flag,city,score
            1,3.50,true,Paris,1e2
            2,,False,"Rio, RJ",2.5E-1
            3,12.125,TRUE,NA,
            """)
        #expect(t.rowCount == 3)
        #expect(t.columns.map(\.kind) == [.integer, .float, .boolean, .categorical, .float])
        #expect(t.columns[1].decimals == 3 && t.columns[4].decimals == 2)
        #expect(t.columns[0].numbers! == [1, 2, 3])
        #expect(t.columns[1].numbers![1].isNaN && t.columns[1].numbers![2] == 12.125)
        #expect(t.columns[3].categories!.levels == ["Paris", "Rio, RJ"])
        #expect(t.columns[3].isMissing(2) && t.columns[4].isMissing(2))
        #expect(t.columns[2].categories!.levels == ["False", "TRUE", "true"])
        #expect(t.columns[4].numbers![0] == 100 && t.columns[4].numbers![1] == 0.25)
    }

    @Test("quoting, line breaks, CRLF, byte-order mark and missing values survive a round trip")
    func roundTrip() throws {
        let text = "\u{FEFF}name,note,qty,ratio\r\n"
            + "\"Smith, J\",\"said \"\"hi\"\"\",4,0.50\r\n"
            + "Lee,\"two\nlines\",,1.25\r\n"
            + "\" padded \",,7,\r\n"
            + "Ünïcødé,日本,-3,-0.00\r\n"
        let t = try Self.read(text)
        #expect(t.columns[0].categories!.levels.contains("Smith, J"))
        #expect(t.columns[1].text(0) == "said \"hi\"" && t.columns[1].text(1) == "two\nlines")
        #expect(t.columns[1].isMissing(2) && t.columns[2].isMissing(1) && t.columns[3].isMissing(2))
        #expect(t.columns[0].text(2) == " padded ")
        let written = try t.csvBytes()
        let back = try Table(csv: written, file: "back.csv")
        #expect(back.columnNames == t.columnNames)
        #expect(back.columns.map(\.kind) == t.columns.map(\.kind))
        for c in t.columns.indices {
            for r in 0..<t.rowCount { #expect(back.columns[c].text(r) == t.columns[c].text(r), "column \(c) row \(r)") }
        }
        let expected = "name,note,qty,ratio\n\"Smith, J\",\"said \"\"hi\"\"\",4,0.50\nLee,\"two\nlines\",,1.25\n"
            + "\" padded \",,7,\nÜnïcødé,日本,-3,0.00\n"
        #expect(String(decoding: written, as: UTF8.self) == expected)
    }

    @Test("delimiter sniffing and explicit delimiters")
    func delimiters() throws {
        let semi = try Self.read("a;b\n1,5;x\n2,5;y\n")
        #expect(semi.columnNames == ["a", "b"] && semi.columns[0].kind == .categorical)
        let tab = try Self.read("a\tb\n1\t2\n", options: CSVOptions(delimiter: "\t"))
        #expect(tab.columns.map(\.kind) == [.integer, .integer])
        #expect(String(decoding: try tab.csvBytes(delimiter: ";"), as: UTF8.self) == "a;b\n1;2\n")
    }

    @Test("type overrides")
    func overrides() throws {
        let t = try Self.read("label,code\n1,7\n0,8\n1,9\n", options: CSVOptions(discrete: ["label"], numeric: ["code"]))
        #expect(t.columns[0].kind == .categorical && t.columns[0].categories!.levels == ["0", "1"])
        #expect(t.columns[1].kind == .integer)
        #expect(throws: TableError.notNumeric(file: "t.csv", column: "code", line: 3, value: "x")) {
            try Self.read("code\n1\nx\n", options: CSVOptions(numeric: ["code"]))
        }
        #expect(throws: TableError.unknownColumn(name: "nope", available: ["code"])) {
            try Self.read("code\n1\n", options: CSVOptions(discrete: ["nope"]))
        }
    }

    @Test("numbers: hexadecimal, inf and bare signs are text")
    func numberSpellings() {
        #expect(ColumnTyper.parseNumber("0x1A") == nil)
        #expect(ColumnTyper.parseNumber("inf") == nil)
        #expect(ColumnTyper.parseNumber("-") == nil)
        #expect(ColumnTyper.parseNumber("1e") == nil)
        #expect(ColumnTyper.parseNumber("+.5")! == (0.5, 1, false))
        #expect(ColumnTyper.parseNumber("-12")! == (-12, 0, true))
        #expect(ColumnTyper.parseNumber("1.25e-3")! == (0.00125, 5, false))
    }

    @Test("bad input gives typed errors naming file, line and column")
    func badInput() {
        #expect(throws: TableError.emptyFile(file: "t.csv")) { try Self.read("") }
        #expect(throws: TableError.emptyFile(file: "t.csv")) { try Self.read("\n\n") }
        #expect(throws: TableError.noRows(file: "t.csv")) { try Self.read("a,b\n") }
        #expect(throws: TableError.raggedRow(file: "t.csv", line: 3, expected: 2, found: 3)) {
            try Self.read("a,b\n1,2\n3,4,5\n")
        }
        #expect(throws: TableError.allMissing(file: "t.csv", column: "b")) { try Self.read("a,b\n1,\n2,NA\n") }
        #expect(throws: TableError.unterminatedQuote(file: "t.csv", line: 2)) { try Self.read("a\n\"open\n") }
        #expect(throws: TableError.duplicateColumnName(file: "t.csv", name: "a")) { try Self.read("a,a\n1,2\n") }
        #expect(throws: TableError.emptyColumnName(file: "t.csv", position: 2)) { try Self.read("a,\n1,2\n") }
        let latin1: [UInt8] = Array("a,b\n1,2\ncaf".utf8) + [0xE9] + Array(",3\n".utf8)
        #expect(throws: TableError.notUTF8(file: "t.csv", line: 3, byteOffset: 11)) {
            try Table(csv: latin1, file: "t.csv")
        }
        let message = TableError.notUTF8(file: "t.csv", line: 3, byteOffset: 11).description
        #expect(message.contains("t.csv line 3") && message.contains("UTF-8"))
    }

    @Test("a single-row table reads and writes")
    func singleRow() throws {
        let t = try Self.read("x,y\n1.5,a\n")
        #expect(t.rowCount == 1)
        #expect(String(decoding: try t.csvBytes(), as: UTF8.self) == "x,y\n1.5,a\n")
    }

    @Test("writing is atomic: a failed write leaves no file")
    func atomicWrite() throws {
        let t = try Self.read("x\n1\n")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("swiftgan-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = dir.appendingPathComponent("out.csv").path
        try t.write(csvFile: good)
        #expect(try Table.read(csvFile: good).rowCount == 1)
        let bad = dir.appendingPathComponent("missing-folder/out.csv").path
        #expect(throws: TableError.self) { try t.write(csvFile: bad) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.csv"])
        #expect(throws: TableError.unreadable(file: dir.path + "/nope.csv", reason: "no such file")) {
            try Table.read(csvFile: dir.path + "/nope.csv")
        }
    }

    @Test("a second table read typed like a first")
    func typedLike() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("typed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let real = try Self.read("label,x,code\n1,0.5,a\n2,1.5,b\n", options: CSVOptions(discrete: ["label"]))
        // In the second file label holds numbers, and the "code" the options name as discrete is missing.
        let path = folder.appendingPathComponent("synthetic.csv").path
        try "label,x,extra\n3,7,u\n1,8,v\n".write(toFile: path, atomically: true, encoding: .utf8)
        let synthetic = try Table.read(csvFile: path, options: CSVOptions(discrete: ["code"]), typedLike: real)
        #expect(try synthetic.column("label").kind == .categorical)
        #expect(try synthetic.column("x").isNumeric && synthetic.columnNames == ["label", "x", "extra"])
        #expect(try Table.read(csvFile: path).column("label").isNumeric)
    }
}
