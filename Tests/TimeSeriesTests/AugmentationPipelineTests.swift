import Foundation
import Testing
import TensorCore
import TimeSeries

@Suite(.serialized) struct AugmentationPipelineTests {
    @Test func parsesMethodsAndParameters() throws {
        let pipeline = try SeriesAugmentation(parsing: "jitter:sigma=0.05, Time-Warp:sigma=0.3:knots=6,mixup")
        #expect(pipeline.steps.count == 3)
        #expect((pipeline.steps[0] as? Jitter)?.sigma == 0.05)
        let warp = pipeline.steps[1] as? TimeWarp
        #expect(warp?.sigma == 0.3 && warp?.knots == 6)
        #expect((pipeline.steps[2] as? Mixup)?.alpha == 0.2)
        let all = try SeriesAugmentation(parsing: SeriesAugmentation.methods.map { $0.name }.joined(separator: ","))
        #expect(all.steps.count == 12)
    }

    @Test func badSpecificationsAreExplained() {
        func message(_ spec: String) -> String {
            do {
                _ = try SeriesAugmentation(parsing: spec)
                return ""
            } catch { return "\(error)" }
        }
        #expect(message("jiter").contains("unknown augmentation 'jiter'; the methods are jitter, scaling"))
        #expect(message("jitter:sgma=1").contains("unknown parameter 'sgma'; it takes sigma"))
        #expect(message("jitter:sigma").contains("write name=value"))
        #expect(message("windowslice:ratio=2").contains("ratio must lie in"))
        #expect(message("pool:size=1.5").contains("whole number"))
        #expect(message("").contains("no augmentation methods"))
    }

    @Test func seedsMakeRunsRepeatableAndIndependentOfThreadsAndSetSize() throws {
        let data = try noiseArray(64, 24, 3)
        let pipeline = try SeriesAugmentation(parsing: "jitter,scaling,magwarp,timewarp,windowslice,windowwarp,permutation,"
            + "drift,dropout,mixup")
        let single = try Threads.withCount(1) { try pipeline.apply(to: data, seed: 99) }
        let double = try Threads.withCount(2) { try pipeline.apply(to: data, seed: 99) }
        #expect(single == double)
        #expect(try pipeline.apply(to: data, seed: 100) != single)
        // Without mixup (which picks partners from the whole set) a series' result does not depend on the others.
        let perSeries = try SeriesAugmentation(parsing: "jitter,magwarp,timewarp,windowwarp,permutation,drift,dropout")
        let full = try perSeries.apply(to: data, seed: 3)
        let head = try perSeries.apply(to: data.selecting(Array(0..<10)), seed: 3)
        #expect(Array(full.values.prefix(head.values.count)) == head.values)
    }

    @Test func copiesStackWithSuffixedIdsAndDifferentStreams() throws {
        let data = try noiseArray(4, 10, 2)
        let pipeline = SeriesAugmentation([Jitter()]).then(Scaling())
        let copies = try pipeline.copies(of: data, count: 3, seed: 1)
        #expect(copies.count == 12 && copies.ids[0] == "0~aug1" && copies.ids[11] == "3~aug3")
        #expect(Array(copies.values[0..<80]) == (try pipeline.apply(to: data, seed: 1, copy: 0)).values)
        #expect(Array(copies.values[0..<80]) != Array(copies.values[80..<160]))
        let bad = try makeArray(1, 3, 1) { _, t, _ in t == 2 ? .infinity : 0 }
        #expect(throws: SeriesError.notFinite(series: "0", step: 2, feature: "f0")) {
            try pipeline.apply(to: bad, seed: 0)
        }
    }
}
