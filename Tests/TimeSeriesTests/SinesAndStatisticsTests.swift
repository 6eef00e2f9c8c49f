import _TestSupport
import Foundation
import Testing
import TimeSeries

@Suite struct SinesTests {
    @Test func everyCurveIsAShiftedSineWithFrequencyAndPhaseBelowATenth() throws {
        let data = try Sines.generate(count: 50, seed: 5)
        #expect(data.count == 50 && data.length == 24 && data.features == 5)
        var frequencies: [Double] = []
        for n in 0..<50 {
            for c in 0..<5 {
                // Recover φ from t = 0 and f from t = 1 (both arguments stay below π/2), then check every step.
                let phase = asin(2 * Double(data[n, 0, c]) - 1)
                let frequency = asin(2 * Double(data[n, 1, c]) - 1) - phase
                #expect(phase > -1e-4 && phase < 0.1 + 1e-4 && frequency > -1e-3 && frequency < 0.1 + 1e-3)
                for t in 0..<24 {
                    let expected = (sin(frequency * Double(t) + phase) + 1) / 2
                    #expect(abs(Double(data[n, t, c]) - expected) < 2e-3, "series \(n) feature \(c) step \(t)")
                }
                frequencies.append(frequency)
            }
        }
        // U(0, 0.1): mean 0.05, std 0.0289.
        let (m, s) = meanAndStd(frequencies)
        #expect(abs(m - 0.05) < 0.006 && abs(s - 0.1 / 12.0.squareRoot()) < 0.006)
    }

    @Test func seriesDependOnlyOnSeedAndIndex() throws {
        let small = try Sines.generate(count: 3, seed: 11), large = try Sines.generate(count: 9, seed: 11)
        #expect(Array(large.values.prefix(small.values.count)) == small.values)
        #expect(try Sines.generate(count: 3, seed: 12).values != small.values)
    }
}

@Suite struct SeriesStatisticsTests {
    @Test func autocorrelationMatchesHandComputedValues() throws {
        // x = 1, 2, 3, 4: deviations −1.5, −.5, .5, 1.5, power 5; lag 1: 1.25/5 = .25; lag 2: −1.5/5 = −.3.
        // y = 1, −1, 1, −1: power 4; lag 1: −3/4; lag 2: 2/4.
        let x = try SeriesArray(count: 1, length: 4, features: 1, values: [1, 2, 3, 4])
        let y = try SeriesArray(count: 1, length: 4, features: 1, values: [1, -1, 1, -1])
        let ax = meanAutocorrelation(x, maxLag: 2)[0], ay = meanAutocorrelation(y, maxLag: 2)[0]
        #expect(abs(ax[0] - 0.25) < 1e-9 && abs(ax[1] + 0.3) < 1e-9)
        #expect(abs(ay[0] + 0.75) < 1e-9 && abs(ay[1] - 0.5) < 1e-9)
        // Distance: sqrt((.25 + .75)² + (−.3 − .5)²) = sqrt(1.64).
        #expect(abs(try autocorrelationDistance(real: x, synthetic: y) - 1.64.squareRoot()) < 1e-9)
        // Mean over series, and a constant series counts as 0.
        let both = try x.appending(y)
        let mean = meanAutocorrelation(both, maxLag: 2)[0]
        #expect(abs(mean[0] - (-0.25)) < 1e-9 && abs(mean[1] - 0.1) < 1e-9)
        let flat = try SeriesArray(count: 1, length: 4, features: 1, values: [2, 2, 2, 2])
        #expect(meanAutocorrelation(flat, maxLag: 2)[0] == [0, 0])
    }

    @Test func autocorrelationDistanceAveragesFeaturesAndIsZeroForEqualSets() throws {
        let xy = try SeriesArray(count: 1, length: 4, features: 2, values: [1, 1, 2, -1, 3, 1, 4, -1])
        let yy = try SeriesArray(count: 1, length: 4, features: 2, values: [1, 1, -1, -1, 1, 1, -1, -1])
        // Feature 0 differs by sqrt(1.64), feature 1 is equal.
        #expect(abs(try autocorrelationDistance(real: xy, synthetic: yy) - 1.64.squareRoot() / 2) < 1e-9)
        let data = try noiseArray(5, 10, 3)
        #expect(try autocorrelationDistance(real: data, synthetic: data) == 0)
        #expect(throws: SeriesError.self) { try autocorrelationDistance(real: data, synthetic: try noiseArray(5, 9, 3)) }
    }

    @Test func kolmogorovSmirnovMatchesHandComputedValues() throws {
        // F_a − F_b at 1, 2, 3, 4, 5: 1/3, 2/3 − 1/4, 1 − 1/2, 1 − 3/4, 0 → sup .5.
        #expect(abs(kolmogorovSmirnovStatistic([1, 2, 3], [2, 3, 4, 5]) - 0.5) < 1e-12)
        // Ties across samples: a = 1, 1, 2; b = 1, 2, 2 → at 1: 2/3 − 1/3.
        #expect(abs(kolmogorovSmirnovStatistic([1, 1, 2], [1, 2, 2]) - 1.0 / 3) < 1e-12)
        #expect(kolmogorovSmirnovStatistic([1, 2], [3, 4]) == 1)
        #expect(kolmogorovSmirnovStatistic([3, 1, 2], [2, 3, 1]) == 0)
        let real = try SeriesArray(count: 1, length: 3, features: 2, values: [1, 0, 2, 0, 3, 0])
        let synthetic = try SeriesArray(count: 2, length: 2, features: 2, values: [2, 0, 3, 0, 4, 9, 5, 9])
        let ks = try marginalKolmogorovSmirnov(real: real, synthetic: synthetic)
        #expect(abs(ks[0] - 0.5) < 1e-12 && abs(ks[1] - 0.5) < 1e-12)
    }
}
