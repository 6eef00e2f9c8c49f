import _TestSupport
import Foundation
import Testing
import TimeSeries

/// Jitter, scaling, magnitude warp and drift against their definitions.
@Suite struct AmplitudeAugmentationTests {
    let streams = AugmentationStreams(seed: 2024)

    @Test func jitterNoiseHasTheRequestedStd() throws {
        let data = try noiseArray(200, 50, 2)
        let out = try Jitter(sigma: 0.07).augment(data, streams: streams)
        let noise = zip(out.values, data.values).map { Double($0 - $1) }
        let (m, s) = meanAndStd(noise)
        #expect(abs(m) < 0.002 && abs(s - 0.07) < 0.07 * 0.03, "mean \(m) std \(s)")
    }

    @Test func scalingMultipliesEachFeatureByOneFactor() throws {
        let data = try makeArray(1000, 8, 2) { n, t, c in Float(1 + n % 7 + t) * (c == 0 ? 1 : -2) }
        let out = try Scaling(sigma: 0.1).augment(data, streams: streams)
        var factors: [Double] = []
        for n in 0..<1000 {
            for c in 0..<2 {
                let factor = Double(out[n, 0, c] / data[n, 0, c])
                for t in 1..<8 { #expect(abs(Double(out[n, t, c] / data[n, t, c]) - factor) < 1e-5) }
                factors.append(factor)
            }
        }
        let (m, s) = meanAndStd(factors)
        #expect(abs(m - 1) < 0.01 && abs(s - 0.1) < 0.006, "mean \(m) std \(s)")
    }

    @Test func magnitudeWarpIsASplineThroughNormalKnotValues() throws {
        // T = 26 puts the 6 knots on steps 0, 5, …, 25; multiplying ones exposes the curve.
        let t = 26, knotSteps = [0, 5, 10, 15, 20, 25]
        let ones = try makeArray(1500, t, 2) { _, _, _ in 1 }
        let out = try MagnitudeWarp(sigma: 0.2, knots: 4).augment(ones, streams: streams)
        let w = CubicSpline.weights(knots: knotSteps.map(Double.init), points: (0..<t).map(Double.init))
        var atKnots: [Double] = []
        for n in 0..<1500 {
            for c in 0..<2 {
                let y = knotSteps.map { out[n, $0, c] }
                atKnots += y.map(Double.init)
                for s in 0..<t {
                    let spline = (0..<6).reduce(Float(0)) { $0 + w[s * 6 + $1] * y[$1] }
                    #expect(abs(out[n, s, c] - spline) < 1e-4)
                }
            }
        }
        let (m, s) = meanAndStd(atKnots)
        #expect(abs(m - 1) < 0.01 && abs(s - 0.2) < 0.01, "mean \(m) std \(s)")
        // And the warp multiplies: a non-constant input gets the same curve for the same stream.
        let ramp = try makeArray(1500, t, 2) { _, s, _ in Float(s + 1) }
        let warped = try MagnitudeWarp().augment(ramp, streams: streams)
        #expect(abs(warped[3, 7, 1] - out[3, 7, 1] * 8) < 1e-4)
    }

    @Test func driftStartsAtZeroAndPeaksAtMaxDriftTimesRange() throws {
        let data = try noiseArray(100, 30, 3)
        let out = try Drift(maxDrift: 0.4, points: 3).augment(data, streams: streams)
        for n in 0..<100 {
            for c in 0..<3 {
                let column = (0..<30).map { data[n, $0, c] }
                let range = column.max()! - column.min()!
                #expect(out[n, 0, c] == data[n, 0, c])
                let largest = (0..<30).map { abs(out[n, $0, c] - data[n, $0, c]) }.max()!
                #expect(abs(largest - 0.4 * range) < 1e-4, "series \(n) feature \(c)")
            }
        }
    }
}
