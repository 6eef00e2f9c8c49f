import Foundation
import Testing
import TimeSeries

@Suite struct SeriesCSVTests {
    @Test func longLayoutSortsByTimeAndRoundTrips() throws {
        let text = """
            id,time,label,temp,hum
            b,2,x,5.5,0.25
            a,10,y,1,2
            a,9,y,3,-4
            b,1,x,"7",0.5

            """
        let (collection, layout) = try SeriesCSV.parse(text, path: "t.csv", options: .init(labelColumn: "label"))
        #expect(layout == .long)
        let data = try collection.stacked()
        #expect(data.ids == ["b", "a"] && data.labels! == ["x", "y"] && data.labelName == "label")
        #expect(data.featureNames == ["temp", "hum"])
        // Numeric times sort numerically: 9 before 10.
        #expect(data.values == [7, 0.5, 5.5, 0.25, 3, -4, 1, 2])
        #expect(data.times! == ["1", "2", "9", "10"])
        let path = temporaryPath("csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try SeriesCSV.write(data, path: path, layout: .long)
        let (again, _) = try SeriesCSV.read(path: path, options: .init(labelColumn: "label"))
        #expect(try again.stacked() == data)
    }

    @Test func textTimesSortAsTextAndMissingIdMakesOneSeries() throws {
        let text = "time,v\n1959Q2,2\n1959Q1,1\n1960Q1,3\n"
        let (collection, _) = try SeriesCSV.parse(text, path: "t.csv")
        let data = try collection.stacked()
        #expect(data.count == 1 && data.values == [1, 2, 3] && data.times! == ["1959Q1", "1959Q2", "1960Q1"])
    }

    @Test func wideLayoutRoundTripsMultivariateAndUnivariate() throws {
        let data = try makeArray(3, 4, 2, labels: ["p", "q", "p"]) { n, t, c in Float(n * 100 + t * 10 + c) + 0.125 }
        var labelled = data
        labelled.labelName = "class"
        let path = temporaryPath("csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try SeriesCSV.write(labelled, path: path, layout: .wide)
        let header = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")[0]
        #expect(header == "id,class,f0_0,f0_1,f0_2,f0_3,f1_0,f1_1,f1_2,f1_3")
        let (collection, layout) = try SeriesCSV.read(path: path, options: .init(labelColumn: "class"))
        #expect(layout == .wide)
        #expect(try collection.stacked() == labelled)

        // Plain step columns: univariate, in column order.
        let (uni, _) = try SeriesCSV.parse("t0,t1,t2\n1,2,3\n4,5,6\n", path: "u.csv")
        let u = try uni.stacked()
        #expect(u.features == 1 && u.featureNames == ["value"] && u.values == [1, 2, 3, 4, 5, 6] && u.ids == ["0", "1"])
    }

    @Test func quotedFieldsWithCommasAndQuotesSurvive() throws {
        let data = try SeriesArray(count: 1, length: 2, features: 1, values: [1, 2], featureNames: ["a,\"b\""],
                                   ids: ["s,1"])
        let path = temporaryPath("csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try SeriesCSV.write(data, path: path, layout: .long)
        #expect(try SeriesCSV.read(path: path).0.stacked() == data.collection.stackedWithIndexTimes())
    }

    @Test func raggedSeriesNaNAndEmptyCellsGiveLocatedErrors() throws {
        let ragged = try SeriesCSV.parse("id,time,v\na,0,1\na,1,2\nb,0,3\n", path: "r.csv").0
        #expect(throws: SeriesError.self) { try ragged.stacked() }
        do {
            _ = try ragged.stacked()
        } catch let error as SeriesError {
            #expect(error.description.contains("'b' has 1 steps but 'a' has 2") && error.description.contains("windows(length:stride:)"))
        }
        #expect(throws: SeriesError.badValue(path: "n.csv", line: 3, column: "v", value: "nan")) {
            try SeriesCSV.parse("id,time,v\na,0,1\na,1,nan\n", path: "n.csv")
        }
        #expect(throws: SeriesError.badValue(path: "e.csv", line: 2, column: "t1", value: "")) {
            try SeriesCSV.parse("t0,t1,t2\n1,,3\n", path: "e.csv")
        }
        // Trailing empty cells in the wide layout make a shorter series.
        let short = try SeriesCSV.parse("t0,t1,t2\n1,2,3\n4,5,\n", path: "w.csv").0
        #expect(short.length(of: 1) == 2)
    }

    @Test func layoutMistakesAreNamed() {
        func message(_ text: String, _ options: SeriesCSV.Options = .init()) -> String {
            do {
                _ = try SeriesCSV.parse(text, path: "m.csv", options: options)
                return ""
            } catch { return "\(error)" }
        }
        #expect(message("id,time,v\na,0,1\na,0,2\n").contains("time '0' twice"))
        #expect(message("id,time,l,v\na,0,x,1\na,1,y,2\n", .init(labelColumn: "l")).contains("same on every row"))
        #expect(message("id,time,v\na,0,1\n", .init(labelColumn: "class")).contains("no label column 'class'"))
        #expect(message("id,time,v\na,0,1\n", .init(labelColumn: "id")).contains("also the id or time column"))
        #expect(message("id,time,v\na,0\n").contains("line 2 has 2 fields but the header has 3"))
        #expect(message("a_0,a_1,b_0\n1,2,3\n").contains("every feature needs the columns"))
        #expect(message("").contains("empty"))
        #expect(message("id,time\na,0\n").contains("no feature columns"))
    }
}

extension SeriesCollection {
    /// The stacked array with step indices as time stamps (what the long writer puts when there are none).
    func stackedWithIndexTimes() throws -> SeriesArray {
        var data = try stacked()
        data.times = (0..<data.count).flatMap { _ in (0..<data.length).map(String.init) }
        return data
    }
}
