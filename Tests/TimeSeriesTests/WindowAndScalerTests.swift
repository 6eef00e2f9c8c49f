import _TestSupport
import Foundation
import Testing
import TimeSeries

@Suite struct WindowAndScalerTests {
    func collection() -> SeriesCollection {
        // Series "a": 10 steps, "b": 7 steps, "c": 3 steps; 2 features; value = series·1000 + t·10 + c.
        let lengths = [("a", 10), ("b", 7), ("c", 3)]
        return SeriesCollection(
            featureNames: ["x", "y"], labelName: "k",
            series: lengths.enumerated().map { i, entry in
                Series(id: entry.0, label: "L\(i)", times: (0..<entry.1).map { "t\($0)" },
                       values: (0..<entry.1).flatMap { t in (0..<2).map { Float(i * 1000 + t * 10 + $0) } })
            })
    }

    @Test func windowsAreTheSlicesOfEachSeries() throws {
        let source = collection()
        let w = try source.windows(length: 4, stride: 3)
        // a: starts 0, 3, 6; b: starts 0, 3; c is too short.
        #expect(w.ids == ["a@0", "a@3", "a@6", "b@0", "b@3"])
        #expect(w.labels! == ["L0", "L0", "L0", "L1", "L1"] && w.labelName == "k")
        for (n, id) in w.ids.enumerated() {
            let parts = id.split(separator: "@")
            let s = source.series.first { $0.id == parts[0] }!, start = Int(parts[1])!
            #expect(Array(w.series(n)) == Array(s.values[(start * 2)..<((start + 4) * 2)]))
            #expect(Array(w.times![(n * 4)..<(n * 4 + 4)]) == Array(s.times![start..<(start + 4)]))
        }
    }

    @Test func nonOverlappingWindowsJoinBackIntoTheSeries() throws {
        let one = SeriesCollection(featureNames: ["v"], series: [Series(id: "s", values: (0..<12).map(Float.init))])
        let w = try one.windows(length: 4, stride: 4)
        #expect(w.count == 3 && w.values == one.series[0].values)
    }

    @Test func windowLongerThanEverySeriesIsRefused() {
        #expect(throws: SeriesError.windowTooLong(window: 11, longestSeries: 10)) {
            try collection().windows(length: 11)
        }
        #expect(throws: SeriesError.self) { try collection().windows(length: 3, stride: 0) }
    }

    @Test func scalersMatchNaiveStatisticsAndInvert() throws {
        let data = try makeArray(4, 6, 3) { n, t, c in Float(c == 2 ? 7 : (n * 6 + t) * (c + 1)) + 0.5 }
        for kind in SeriesScaler.Kind.allCases {
            let scaler = try SeriesScaler(fitting: data, kind: kind)
            for c in 0..<3 {
                let column = (0..<24).map { Double(data.values[$0 * 3 + c]) }
                let (mean, std) = meanAndStd(column)
                let (lo, hi) = (column.min()!, column.max()!)
                let expectOffset = kind == .minMax ? lo : mean
                let expectScale = c == 2 ? 1 : (kind == .minMax ? hi - lo : std)
                #expect(abs(Double(scaler.offset[c]) - expectOffset) < 1e-4 * max(1, abs(expectOffset)))
                #expect(abs(Double(scaler.scale[c]) - expectScale) < 1e-4 * max(1, expectScale))
            }
            let scaled = try scaler.transform(data)
            if kind == .minMax {
                #expect(scaled.values.min()! == 0 && abs(scaled.values.max()! - 1) < 1e-6)
            }
            let back = try scaler.inverse(scaled)
            #expect(zip(back.values, data.values).allSatisfy { abs($0 - $1) < 1e-4 * max(1, abs($1)) })
            let json = try JSONEncoder().encode(scaler)
            #expect(try JSONDecoder().decode(SeriesScaler.self, from: json) == scaler)
        }
    }

    @Test func scalerRefusesNaNAndFeatureMismatch() throws {
        let bad = try makeArray(1, 2, 1) { _, t, _ in t == 1 ? .nan : 1 }
        #expect(throws: SeriesError.notFinite(series: "0", step: 1, feature: "f0")) {
            try SeriesScaler(fitting: bad, kind: .standard)
        }
        let scaler = try SeriesScaler(fitting: try noiseArray(2, 3, 2), kind: .minMax)
        #expect(throws: SeriesError.self) { try scaler.transform(try noiseArray(2, 3, 3)) }
    }

    @Test func channelsFirstLayoutRoundTrips() throws {
        let data = try makeArray(2, 3, 4) { n, t, c in Float(n * 100 + t * 10 + c) }
        let cf = data.channelsFirst()
        #expect(cf[(1 * 4 + 2) * 3 + 1] == data[1, 1, 2])
        let back = try data.replacing(channelsFirst: cf, count: 2)
        #expect(back.values == data.values && back.featureNames == data.featureNames)
    }
}
