import Tabular
import Testing

@Suite struct ColumnAuditTests {
    @Test func findsIdentifiersAndConstantsButNotMeasurements() throws {
        let n = 30
        let table = try Table(columns: [
            Column(name: "row", kind: .integer, values: (0..<n).map { Double($0 + 1) }),
            Column(name: "countdown", kind: .integer, values: (0..<n).map { Double(100 - 3 * $0) }),
            Column(name: "code", kind: .integer, values: (0..<n).map { Double(($0 * 7) % n) }),
            Column(name: "key", strings: (0..<n).map { "k\($0 * 13 % n)" }),
            Column(name: "price", kind: .float, decimals: 3, values: (0..<n).map { Double($0) * 1.5 + 0.001 }),
            Column(name: "same", kind: .integer, values: Array(repeating: 7, count: n)),
            Column(name: "tag", strings: Array(repeating: "a", count: n)),
            Column(name: "grade", strings: (0..<n).map { $0 % 3 == 0 ? "x" : "y" }),
            Column(name: "gappy", kind: .integer, values: (0..<n).map { $0 == 4 ? .nan : Double($0) }),
        ])
        let findings = table.suspiciousColumns()
        #expect(findings.map(\.column) == ["row", "countdown", "code", "key", "same", "tag"])
        #expect(findings.map(\.kind) == [.identifier, .identifier, .identifier, .identifier, .constant, .constant])
        #expect(findings[0].description == "column 'row' looks like a row identifier (its whole numbers rise in every row)")
        #expect(findings[2].reason == "30 distinct values in 30 rows")
        #expect(findings[5].description == "column 'tag' is constant ('a' in all 30 rows)")
    }

    @Test func aFewUniqueRowsAreNotCalledIdentifiers() throws {
        let table = try Table(columns: [Column(name: "name", strings: ["a", "b", "c"]),
                                        Column(name: "n", kind: .integer, values: [3, 1, 2])])
        #expect(table.suspiciousColumns().isEmpty)
    }

    @Test func removingColumnsKeepsTheRestInOrder() throws {
        let table = try Table(columns: ["a", "b", "c"].map { Column(name: $0, kind: .integer, values: [1, 2]) })
        #expect(try table.removing(columns: ["b"]).columnNames == ["a", "c"])
        #expect(throws: TableError.self) { try table.removing(columns: ["z"]) }
    }
}
