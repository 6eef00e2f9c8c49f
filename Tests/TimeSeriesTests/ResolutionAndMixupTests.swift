import _TestSupport
import Foundation
import Testing
import TimeSeries

/// Dropout, pooling, quantisation and mixup against their definitions.
@Suite struct ResolutionAndMixupTests {
    let streams = AugmentationStreams(seed: 5)

    @Test func dropoutRepeatsThePreviousStepAtTheRequestedRate() throws {
        let t = 50
        let data = try makeArray(400, t, 2) { n, s, c in Float(n * 1000 + s * 2 + c) }
        let out = try Dropout(probability: 0.2, size: 1).augment(data, streams: streams)
        var dropped = 0
        for n in 0..<400 {
            #expect(out[n, 0, 0] == data[n, 0, 0])
            for s in 1..<t where out[n, s, 0] != data[n, s, 0] {
                dropped += 1
                #expect(out[n, s, 0] == out[n, s - 1, 0] && out[n, s, 1] == out[n, s - 1, 1])
            }
        }
        let rate = Double(dropped) / Double(400 * (t - 1))
        #expect(abs(rate - 0.2) < 0.01, "rate \(rate)")
        // Blocks of 3: dropped steps come in runs that copy the step before the run.
        let blocks = try Dropout(probability: 0.1, size: 3).augment(data, streams: streams)
        for n in 0..<400 {
            for s in 1..<t where blocks[n, s, 0] != data[n, s, 0] {
                #expect(blocks[n, s, 0] == blocks[n, s - 1, 0])
            }
        }
    }

    @Test func poolReplacesBlocksByTheirMean() throws {
        let data = try SeriesArray(count: 1, length: 5, features: 2, values: [1, 10, 2, 20, 3, 30, 4, 40, 5, 50])
        let out = try Pool(size: 2).augment(data, streams: streams)
        #expect(out.values == [1.5, 15, 1.5, 15, 3.5, 35, 3.5, 35, 5, 50])
        let three = try Pool(size: 3).augment(data, streams: streams)
        #expect(three.values == [2, 20, 2, 20, 2, 20, 4.5, 45, 4.5, 45])
    }

    @Test func quantizeMapsValuesToBinCentres() throws {
        let data = try SeriesArray(count: 1, length: 5, features: 2, values: [0, 4, 0.05, 4, 0.5, 4, 0.99, 4, 1, 4])
        let out = try Quantize(levels: 10).augment(data, streams: streams)
        let expected: [Float] = [0.05, 0.05, 0.55, 0.95, 0.95]
        for t in 0..<5 {
            #expect(abs(out[0, t, 0] - expected[t]) < 1e-6)
            #expect(out[0, t, 1] == 4)
        }
        let noisy = try noiseArray(20, 40, 1)
        let coarse = try Quantize(levels: 4).augment(noisy, streams: streams)
        for n in 0..<20 {
            let x = (0..<40).map { noisy[n, $0, 0] }
            let half = (x.max()! - x.min()!) / 8
            #expect(Set((0..<40).map { coarse[n, $0, 0] }).count <= 4)
            for s in 0..<40 { #expect(abs(coarse[n, s, 0] - x[s]) <= half * 1.0001) }
        }
    }

    @Test func mixupBlendsEachSeriesWithAnotherOfItsClass() throws {
        let labels = (0..<300).map { $0 % 3 == 0 ? "a" : "b" }
        var data = try noiseArray(300, 6, 2)
        data.labels = labels
        let alpha = 0.4
        let out = try Mixup(alpha: alpha).augment(data, streams: streams)
        #expect(out.labels! == labels)
        var lambdas: [Double] = []
        for i in 0..<300 {
            let xi = Array(data.series(i)), yi = Array(out.series(i))
            let partner = (0..<300).first { j in
                guard j != i, labels[j] == labels[i] else { return false }
                let xj = Array(data.series(j))
                let lambda = (yi[0] - xj[0]) / (xi[0] - xj[0])
                return zip(zip(xi, xj), yi).allSatisfy { abs(lambda * $0.0 + (1 - lambda) * $0.1 - $1) < 1e-3 }
            }
            #expect(partner != nil, "series \(i) is no blend within its class")
            if let j = partner { lambdas.append(Double((yi[0] - data[j, 0, 0]) / (xi[0] - data[j, 0, 0]))) }
        }
        let (m, s) = meanAndStd(lambdas)
        #expect(abs(m - 0.5) < 0.05 && abs(s * s - 1 / (4 * (2 * alpha + 1))) < 0.03, "mean \(m) var \(s * s)")
    }

    @Test func mixupRefusesAClassWithOneSeries() throws {
        let data = try makeArray(3, 4, 1, labels: ["a", "a", "solo"]) { n, t, _ in Float(n + t) }
        #expect(throws: SeriesError.labelTooSmall(label: "solo", members: 1, needed: 2, operation: "mixup")) {
            try Mixup().augment(data, streams: streams)
        }
        #expect(throws: SeriesError.self) { try Mixup().augment(try noiseArray(1, 4, 1), streams: streams) }
    }
}
