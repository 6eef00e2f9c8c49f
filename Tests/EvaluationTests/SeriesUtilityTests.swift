import Foundation
@testable import Evaluation
import TensorCore
import Testing
import TimeSeries

/// The series utility test and its classifiers: MiniRocket's features against a direct convolution, the ridge
/// classifier against the closed-form solution and brute-force leave-one-out, the CNN on a separable problem, and the
/// protocol with augmenters that add nothing or only label noise.
@Suite struct SeriesUtilityTests {
    /// `count` series of `length` steps and `channels` channels: class "a" a sine of 2 cycles, "b" (every third
    /// series) of 3 cycles, random phase and amplitude, plus Gaussian noise of `noise`.
    static func series(count: Int = 60, length: Int = 48, channels: Int = 1, noise: Double = 0.3, seed: UInt64 = 4)
        throws -> SeriesArray
    {
        var g = SeededGenerator(seed: seed)
        let labels = (0..<count).map { $0 % 3 == 2 ? "b" : "a" }
        var values: [Float] = []
        for label in labels {
            let cycles = label == "a" ? 2.0 : 3.0, phase = g.uniform(0, 2 * .pi), amplitude = g.uniform(0.5, 1.5)
            for t in 0..<length {
                for c in 0..<channels {
                    let x = amplitude * sin(2 * .pi * cycles * Double(t) / Double(length) + phase + Double(c))
                    values.append(Float(x + noise * g.normal()))
                }
            }
        }
        return try SeriesArray(count: count, length: length, features: channels, values: values, labels: labels,
                               labelName: "label")
    }

    /// Small and quick classifiers for the tests.
    static var models: SeriesUtility.Models {
        var m = SeriesUtility.Models()
        m.features = 840
        m.cnn.steps = 120
        m.cnnEpochs = 20
        m.cnn.width = 8
        return m
    }

    @Test func convolutionMatchesTheDirectSum() {
        var g = SeededGenerator(seed: 1)
        let (length, channels) = (40, 3)
        let values = (0..<(2 * length * channels)).map { _ in Float(g.normal()) }
        let f = RandomConvolutionFeatures(fitting: values, count: 2, length: length, channels: channels, features: 840)
        #expect(f.featureCount == 840, "\(f.featureCount)")
        #expect(Set(f.kernels.map(\.dilation)).count > 1, "several dilations for 40 steps")
        var output = [Float](repeating: 0, count: length)
        for kernel in f.kernels.prefix(200) {
            let weights = (0..<9).map { j in j == kernel.taps.0 || j == kernel.taps.1 || j == kernel.taps.2 ? 2.0 : -1.0 }
            let covered = RandomConvolutionFeatures.convolve(kernel, series: values, offset: length * channels,
                                                             length: length, channels: channels, into: &output)
            for t in 0..<length {
                var direct = 0.0
                for j in 0..<9 {
                    let s = t + (j - 4) * kernel.dilation
                    if s < 0 || s >= length { continue }
                    for c in kernel.channels { direct += weights[j] * Double(values[(length + s) * channels + c]) }
                }
                #expect(abs(Double(output[t]) - direct) < 1e-4, "kernel \(kernel.taps) d \(kernel.dilation) t \(t)")
            }
            let reach = 4 * kernel.dilation
            #expect(covered == (kernel.padded || 2 * reach >= length ? 0..<length : reach..<(length - reach)))
            #expect(!kernel.channels.isEmpty && kernel.channels.count <= channels)
        }
    }

    @Test func featuresAreTheShareOfOutputsAboveEachBias() {
        var g = SeededGenerator(seed: 2)
        let length = 30
        let values = (0..<(3 * length)).map { _ in Float(g.normal()) }
        let f = RandomConvolutionFeatures(fitting: values, count: 3, length: length, channels: 1, features: 168)
        let features = f.transform(values, count: 3)
        #expect(features.count == 3 * f.featureCount)
        var output = [Float](repeating: 0, count: length)
        var k = 2 * f.featureCount  // series 2
        for kernel in f.kernels {
            let covered = RandomConvolutionFeatures.convolve(kernel, series: values, offset: 2 * length, length: length,
                                                             channels: 1, into: &output)
            for bias in kernel.biases {
                let share = Double(covered.filter { output[$0] > bias }.count) / Double(covered.count)
                #expect(features[k] == share)
                k += 1
            }
        }
        #expect(RandomConvolutionFeatures.quantile([0, 1, 2, 3, 4], 0.625) == 2.5)
    }

    /// The closed form (ZᵀZ + αI)⁻¹ Zᵀ y by Gaussian elimination, for both branches (n ≤ d and n > d).
    @Test(arguments: [(12, 30), (40, 6)])
    func ridgeMatchesTheClosedFormAndBruteForceLeaveOneOut(n: Int, d: Int) throws {
        var g = SeededGenerator(seed: UInt64(n))
        let x = (0..<(n * d)).map { _ in g.normal() * 2 + 1 }
        let labels = (0..<n).map { $0 % 3 }
        let alphas = [0.1, 1, 10]
        let ridge = try RidgeClassifier(x: x, features: d, labels: labels, classes: 3, alphas: alphas)
        // The same standardisation and centred ±1 targets.
        let z = (0..<n).map { i in (0..<d).map { j in (x[i * d + j] - ridge.means[j]) / ridge.scales[j] } }
        let y = (0..<n).map { i in (0..<3).map { c in (labels[i] == c ? 1.0 : -1.0) - ridge.intercepts[c] } }
        func solve(rows: [Int], alpha: Double) -> [[Double]] {  // [d][3]
            var a = (0..<d).map { p in (0..<d).map { q in rows.reduce(0) { $0 + z[$1][p] * z[$1][q] } + (p == q ? alpha : 0) } }
            var b = (0..<d).map { p in (0..<3).map { c in rows.reduce(0) { $0 + z[$1][p] * y[$1][c] } } }
            for col in 0..<d {
                let pivot = (col..<d).max { abs(a[$0][col]) < abs(a[$1][col]) }!
                a.swapAt(col, pivot)
                b.swapAt(col, pivot)
                for r in 0..<d where r != col {
                    let f = a[r][col] / a[col][col]
                    for q in 0..<d { a[r][q] -= f * a[col][q] }
                    for c in 0..<3 { b[r][c] -= f * b[col][c] }
                }
            }
            return (0..<d).map { p in b[p].map { $0 / a[p][p] } }
        }
        var bestError = Double.infinity, bestAlpha = 0.0
        for (k, alpha) in alphas.enumerated() {
            var error = 0.0
            for i in 0..<n {
                let w = solve(rows: (0..<n).filter { $0 != i }, alpha: alpha)
                for c in 0..<3 {
                    let predicted = (0..<d).reduce(0) { $0 + z[i][$1] * w[$1][c] }
                    error += (y[i][c] - predicted) * (y[i][c] - predicted)
                }
            }
            #expect(abs(ridge.leaveOneOutErrors[k] - error) < 1e-6 * error, "α \(alpha): \(ridge.leaveOneOutErrors[k]) vs \(error)")
            if error < bestError { (bestError, bestAlpha) = (error, alpha) }
        }
        #expect(ridge.alpha == bestAlpha)
        let w = solve(rows: Array(0..<n), alpha: ridge.alpha)
        let decisions = ridge.decisions(x)
        for i in 0..<n {
            for c in 0..<3 {
                let expected = ridge.intercepts[c] + (0..<d).reduce(0) { $0 + z[i][$1] * w[$1][c] }
                #expect(abs(decisions[i * 3 + c] - expected) < 1e-8, "item \(i) class \(c)")
            }
        }
    }

    @Test func theCNNLearnsASeparableProblem() throws {
        let train = try Self.series(count: 60, noise: 0.2, seed: 5), test = try Self.series(count: 30, noise: 0.2, seed: 6)
        let labels = train.labels!.map { $0 == "a" ? 0 : 1 }, truth = test.labels!.map { $0 == "a" ? 0 : 1 }
        var options = SeriesCNNClassifier.Options()
        options.steps = 250
        options.width = 8
        let cnn = try SeriesCNNClassifier(values: train.values, count: 60, length: 48, channels: 1, labels: labels,
                                          classes: 2, options: options, seed: 1)
        let p = try cnn.probabilities(test.values, count: 30)
        #expect(p.count == 60 && zip(p, p.dropFirst()).enumerated().allSatisfy { $0.offset % 2 == 1 || abs($0.element.0 + $0.element.1 - 1) < 1e-5 })
        let right = (0..<30).filter { (p[2 * $0 + 1] > 0.5 ? 1 : 0) == truth[$0] }.count
        #expect(right >= 27, "\(right) of 30")
        let again = try SeriesCNNClassifier(values: train.values, count: 60, length: 48, channels: 1, labels: labels,
                                            classes: 2, options: options, seed: 1)
        #expect(try again.probabilities(test.values, count: 30) == p, "seeded")
    }

    @Test func anAugmenterThatAddsNothingGainsNothing() throws {
        let u = try SeriesUtility(data: try Self.series(channels: 2), splits: 3, seed: 1, models: Self.models) { t, _ in t }
        #expect(u.gains.count == 6 && u.minorityClass == "b" && u.trainingSeries == u.augmentedSeries)
        for g in u.gains {
            #expect(g.perSplit == [0, 0, 0] && g.gain == 0, "\(g)")
            #expect(g.baseline > 0.8, "\(g.model) \(g.metric) \(g.baseline): the classes are separable")
        }
    }

    @Test func anAugmenterThatAddsLabelNoiseLoses() throws {
        let data = try Self.series(count: 150, noise: 0.8)
        var models = Self.models
        models.cnn.steps = 150
        let u = try SeriesUtility(data: data, splits: 6, seed: 2, models: models) { training, split in
            // Three copies of the training series with labels drawn at random: noise, nothing else.
            var g = SeededGenerator(seed: 100 + UInt64(split))
            var out = training
            for _ in 0..<3 {
                var copy = training
                copy.labels = (0..<training.count).map { _ in ["a", "b"][g.int(below: 2)] }
                try out.append(copy)
            }
            return out
        }
        #expect(u.augmentedSeries == 4 * u.trainingSeries)
        for g in u.gains where g.metric == "balanced accuracy" {
            #expect(g.gain < 0, "\(g.model) \(g.metric): \(g.gain)")
        }
        #expect(u.gains.filter { $0.high < 0 }.count >= 2, "\(u.gains)")
    }

    @Test func aSeparateTestSetIsUsedWhole() throws {
        let data = try Self.series(count: 30), test = try Self.series(count: 21, seed: 8)
        let u = try SeriesUtility(data: data, test: test, splits: 2, seed: 3, models: Self.models) { t, _ in t }
        #expect(u.testFraction == nil && u.trainingSeries == 30 && u.gains.allSatisfy { $0.gain == 0 })
    }

    @Test func unusableInputGetsOneMessageEach() throws {
        let data = try Self.series(count: 12)
        var unlabelled = data
        unlabelled.labels = nil
        func message(_ body: () throws -> SeriesUtility) -> String {
            do { _ = try body(); return "" } catch { return "\(error)" }
        }
        #expect(message { try SeriesUtility(data: unlabelled, models: Self.models) { t, _ in t } }.contains("--label"))
        var single = data
        single.labels![2] = "c"
        #expect(message { try SeriesUtility(data: single, models: Self.models) { t, _ in t } }.contains("class 'c' has 1 series"))
        #expect(message {
            try SeriesUtility(data: data, splits: 2, models: Self.models) { t, _ in
                var out = t
                out.labels![0] = "z"
                return out
            }
        }.contains("class 'z'"))
        #expect(message {
            try SeriesUtility(data: data, splits: 2, models: Self.models) { _, _ in try Self.series(count: 6, length: 20) }
        }.contains("20 steps"))
        #expect(message { try SeriesUtility(data: data, splits: 1, models: Self.models) { t, _ in t } }.contains("2 to 1000 splits"))
        var stranger = try Self.series(count: 6, seed: 9)
        stranger.labels![1] = "q"
        #expect(message { try SeriesUtility(data: data, test: stranger, models: Self.models) { t, _ in t } }
            .contains("test series have class 'q'"))
        #expect(message { try SeriesUtility(data: data, test: try Self.series(count: 6, length: 30), models: Self.models) { t, _ in t } }
            .contains("30 steps"))
    }
}
