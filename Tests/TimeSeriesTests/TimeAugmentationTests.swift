import Foundation
import Testing
import TimeSeries

/// Time warp, window slice, window warp and permutation against their definitions.
@Suite struct TimeAugmentationTests {
    let streams = AugmentationStreams(seed: 77)

    @Test func timeWarpIsMonotoneAndKeepsEndpoints() throws {
        // On a ramp x(t) = t the output is the warped time τ(t) itself.
        let t = 40
        let ramp = try makeArray(300, t, 3) { _, s, _ in Float(s) }
        let out = try TimeWarp(sigma: 0.2, knots: 4).augment(ramp, streams: streams)
        var moved = 0
        for n in 0..<300 {
            for c in 0..<3 {
                #expect(out[n, 0, c] == 0 && out[n, t - 1, c] == Float(t - 1))
                for s in 1..<t { #expect(out[n, s, c] > out[n, s - 1, c], "series \(n) feature \(c) step \(s)") }
                if (0..<t).contains(where: { abs(out[n, $0, c] - Float($0)) > 0.05 }) { moved += 1 }
            }
        }
        #expect(moved > 800)
        // Zero sigma is the identity; a big sigma still keeps time running forward.
        let still = try TimeWarp(sigma: 0).augment(ramp, streams: streams)
        #expect(zip(still.values, ramp.values).allSatisfy { abs($0 - $1) < 1e-4 })
        let wild = try TimeWarp(sigma: 3).augment(ramp, streams: streams)
        for n in 0..<300 { for s in 1..<t { #expect(wild[n, s, 0] > wild[n, s - 1, 0]) } }
    }

    @Test func timeWarpSamplesTheInputAtTheWarpedTime() throws {
        // Two runs on the same stream warp identically, so the ramp gives τ for the noisy input.
        let t = 30
        let ramp = try makeArray(50, t, 1) { _, s, _ in Float(s) }
        let noisy = try noiseArray(50, t, 1, seed: 9)
        let tau = try TimeWarp().augment(ramp, streams: streams)
        let out = try TimeWarp().augment(noisy, streams: streams)
        for n in 0..<50 {
            let x = (0..<t).map { noisy[n, $0, 0] }
            for s in 0..<t { #expect(abs(out[n, s, 0] - referenceInterp(x, Double(tau[n, s, 0]))) < 1e-4) }
        }
    }

    /// The reference window slice of `x` starting at `start` with `window` steps, stretched to `x.count`.
    func slice(_ x: [Float], start: Int, window: Int) -> [Float] {
        (0..<x.count).map { referenceInterp(x, Double(start) + Double($0) * Double(window - 1) / Double(x.count - 1)) }
    }

    @Test func windowSliceKeepsLengthAndIsAStretchedWindow() throws {
        let t = 20, window = 18  // ⌈0.9 · 20⌉
        let data = try noiseArray(100, t, 2)
        let out = try WindowSlice(ratio: 0.9).augment(data, streams: streams)
        #expect(out.length == t && out.count == 100)
        var starts = Set<Int>()
        for n in 0..<100 {
            let x0 = (0..<t).map { data[n, $0, 0] }, x1 = (0..<t).map { data[n, $0, 1] }
            let y0 = (0..<t).map { out[n, $0, 0] }, y1 = (0..<t).map { out[n, $0, 1] }
            let start = (0..<(t - window)).first { s in
                zip(slice(x0, start: s, window: window), y0).allSatisfy { abs($0 - $1) < 1e-5 }
            }
            #expect(start != nil, "series \(n) is no stretched window")
            if let start {
                starts.insert(start)
                #expect(zip(slice(x1, start: start, window: window), y1).allSatisfy { abs($0 - $1) < 1e-5 })
            }
        }
        #expect(starts == [0, 1])
        #expect(try WindowSlice(ratio: 1).augment(data, streams: streams) == data)
    }

    /// The reference window warp: prefix, window resampled to ⌊w · scale⌋ steps, suffix, all resampled to T.
    func windowWarp(_ x: [Float], start: Int, w: Int, scale: Double) -> [Float] {
        let m = Int(Double(w) * scale)
        let window = Array(x[start..<(start + w)])
        let warped = (0..<m).map { referenceInterp(window, m == 1 ? 0 : Double($0) * Double(w - 1) / Double(m - 1)) }
        let joined = Array(x[0..<start]) + warped + Array(x[(start + w)...])
        return (0..<x.count).map { referenceInterp(joined, Double($0) * Double(joined.count - 1) / Double(x.count - 1)) }
    }

    @Test func windowWarpStretchesOrSqueezesOneWindow() throws {
        let t = 30, w = 3  // ⌈0.1 · 30⌉
        let data = try noiseArray(200, t, 1)
        let out = try WindowWarp().augment(data, streams: streams)
        var seen = Set<String>()
        for n in 0..<200 {
            let x = (0..<t).map { data[n, $0, 0] }, y = (0..<t).map { out[n, $0, 0] }
            #expect(y[0] == x[0] && y[t - 1] == x[t - 1])
            var match: String? = nil
            for start in 1..<(t - w - 1) {
                for scale in [0.5, 2] where match == nil {
                    if zip(windowWarp(x, start: start, w: w, scale: scale), y).allSatisfy({ abs($0 - $1) < 1e-4 }) {
                        match = "\(start)/\(scale)"
                    }
                }
            }
            #expect(match != nil, "series \(n) matches no window warp")
            if let match { seen.insert(match) }
        }
        #expect(seen.count > 30)
        #expect(throws: SeriesError.self) { try WindowWarp(ratio: 0.5).augment(try noiseArray(2, 5, 1), streams: streams) }
    }

    @Test func permutationJoinsArraySplitSegmentsInSomeOrder() throws {
        let t = 23
        let data = try makeArray(300, t, 2) { _, s, c in c == 0 ? Float(s) : -Float(s) }
        let out = try Permutation(maxSegments: 5).augment(data, streams: streams)
        var segmentCounts = Set<Int>()
        for n in 0..<300 {
            let order = (0..<t).map { Int(out[n, $0, 0]) }
            #expect(order.sorted() == Array(0..<t))
            for s in 0..<t { #expect(out[n, s, 1] == -out[n, s, 0]) }
            // Some k in 1…4 whose array_split segments, taken in some order, give `order`.
            let k = (1...4).first { k in
                var starts = [0]
                for i in 0..<k { starts.append(starts[i] + t / k + (i < t % k ? 1 : 0)) }
                var used = Set<Int>(), p = 0
                while p < t {
                    guard let seg = (0..<k).first(where: { !used.contains($0) && starts[$0] == order[p] }) else { return false }
                    let size = starts[seg + 1] - starts[seg]
                    if Array(order[p..<(p + size)]) != Array(starts[seg]..<starts[seg + 1]) { return false }
                    used.insert(seg)
                    p += size
                }
                return true
            }
            #expect(k != nil, "series \(n): \(order)")
            let breaks = zip(order, order.dropFirst()).filter { $1 != $0 + 1 }.count
            segmentCounts.insert(breaks)
        }
        #expect(segmentCounts.max()! <= 3 && segmentCounts.count >= 3)
    }
}
