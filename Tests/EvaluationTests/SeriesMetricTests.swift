import Foundation
import Testing
import TensorCore
import TimeSeries
@testable import Evaluation

/// `n` series of `t` steps × `c` features, every value `value`.
private func constant(_ n: Int, _ t: Int, _ c: Int, _ value: Float) -> SeriesArray {
    try! SeriesArray(count: n, length: t, features: c, values: Array(repeating: value, count: n * t * c))
}

/// Small and quick settings (the defaults are TimeGAN's, far longer).
private func quick(iterations: Int = 300) -> SeriesEvaluation.Options {
    var o = SeriesEvaluation.Options()
    o.discriminative.iterations = iterations
    o.discriminative.batchSize = 32
    o.discriminative.repeats = 2
    o.predictive.iterations = iterations
    o.predictive.batchSize = 32
    o.predictive.repeats = 2
    return o
}

@Suite struct SeriesMetricTests {
    @Test func discriminativeScoreSeparatesDifferentSetsAndNotIdenticalOnes() throws {
        let sines = try Sines.generate(count: 120, length: 8, features: 2, seed: 1)
        let o = quick().discriminative
        let different = try SeriesDiscriminativeScore(real: sines, synthetic: constant(120, 8, 2, 0.1), options: o)
        #expect(different.score > 0.45)  // told apart perfectly: |1 − 0.5|
        let same = try SeriesDiscriminativeScore(real: sines, synthetic: sines, options: o)
        #expect(same.score < 0.1)
        #expect(same.runs.count == 2 && same.accuracies.count == 2)
    }

    @Test func predictiveScoreIsTheErrorOfALearnedConstant() throws {
        // The last feature is constant: the predictor learns that constant, so its error on a set with another
        // constant is the difference.
        let o = quick(iterations: 1500).predictive
        let low = constant(60, 6, 3, 0.3), high = constant(60, 6, 3, 0.7)
        let selfScore = try SeriesPredictiveScore(train: low, test: low, options: o)
        #expect(selfScore.score < 0.02)
        let crossScore = try SeriesPredictiveScore(train: high, test: low, options: o)
        #expect(abs(crossScore.score - 0.4) < 0.02)
        // Univariate: the feature predicts itself.
        let uni = try SeriesPredictiveScore(train: constant(60, 6, 1, 0.5), test: constant(60, 6, 1, 0.5), options: o)
        #expect(uni.score < 0.02)
    }

    @Test func predictivePairsShiftTheLastFeature() throws {
        let data = try SeriesArray(count: 1, length: 3, features: 2, values: [1, 2, 3, 4, 5, 6])
        let (x, y) = SeriesPredictiveScore.pairs(data)
        #expect(x.shape == [1, 2, 1] && x.scalars == [1, 3])
        #expect(y.shape == [1, 2, 1] && y.scalars == [4, 6])
    }

    @Test func identicalSetsHaveZeroStatisticsAndSeededScores() throws {
        let sines = try Sines.generate(count: 40, length: 8, features: 2, seed: 2)
        let a = try SeriesEvaluation(real: sines, synthetic: sines, options: quick(iterations: 50))
        #expect(a.autocorrelationDistance == 0)
        #expect(a.marginalKS == [0, 0])
        #expect(!a.scaledToUnitRange)
        let b = try SeriesEvaluation(real: sines, synthetic: sines, options: quick(iterations: 50))
        #expect(a == b)
        #expect(try a.json().contains("\"autocorrelationDistance\""))
        #expect(a.text().contains("discriminative"))
    }

    @Test func scalingFollowsTheRealRange() throws {
        let inside = constant(3, 4, 2, 0.5)
        let (r, s) = try SeriesMetricScaling.auto.apply(real: inside, synthetic: inside)
        #expect(r == inside && s == inside)
        var outside = try Sines.generate(count: 5, length: 4, features: 2, seed: 3)
        outside.values = outside.values.map { $0 * 100 - 20 }
        let (r2, s2) = try SeriesMetricScaling.auto.apply(real: outside, synthetic: outside)
        #expect(r2.values.min()! == 0 && r2.values.max()! <= 1 && s2 == r2)
        let (r3, _) = try SeriesMetricScaling.none.apply(real: outside, synthetic: outside)
        #expect(r3 == outside)
    }

    @Test func recurrentModelsHelpers() {
        var g = SeededGenerator(seed: 4)
        let q = SeriesMetricModels.orthogonalColumns(6, 3, using: &g).scalars  // [6, 3]
        for i in 0..<3 {
            for j in 0..<3 {
                let dot = (0..<6).reduce(Float(0)) { $0 + q[$1 * 3 + i] * q[$1 * 3 + j] }
                #expect(abs(dot - (i == j ? 1 : 0)) < 1e-5)
            }
        }
        var pool = Array(0..<10)
        let batch = SeriesMetricModels.batch(&pool, size: 4, using: &g)
        #expect(batch.count == 4 && Set(batch).count == 4 && batch.allSatisfy { (0..<10).contains($0) })
        #expect(SeriesMetricModels.batch(&pool, size: 20, using: &g).sorted() == Array(0..<10))
        #expect(SeriesMetricModels.hiddenSize(features: 5) == 2 && SeriesMetricModels.hiddenSize(features: 1) == 1)
    }

    @Test func badInputIsReported() throws {
        let a = constant(10, 6, 2, 0.5)
        #expect(throws: SeriesMetricError.mismatchedShapes(real: "6 steps × 2 features", synthetic: "5 steps × 2 features")) {
            try SeriesEvaluation(real: a, synthetic: constant(10, 5, 2, 0.5), options: quick(iterations: 1))
        }
        #expect(throws: SeriesMetricError.self) {
            try SeriesEvaluation(real: a, synthetic: constant(10, 6, 3, 0.5), options: quick(iterations: 1))
        }
        let empty = try SeriesArray(count: 0, length: 6, features: 2, values: [])
        #expect(throws: SeriesMetricError.tooFewSeries(set: "synthetic", count: 0, needed: 2, metric: "series evaluation")) {
            try SeriesEvaluation(real: a, synthetic: empty, options: quick(iterations: 1))
        }
        var nan = a
        nan[3, 2, 1] = .nan
        #expect(throws: SeriesMetricError.notFinite(set: "synthetic", series: 3, step: 2, feature: 1)) {
            try SeriesEvaluation(real: a, synthetic: nan, options: quick(iterations: 1))
        }
        var bad = quick(iterations: 0)
        bad.discriminative.iterations = 0
        #expect(throws: SeriesMetricError.self) { try SeriesEvaluation(real: a, synthetic: a, options: bad) }
        #expect(SeriesMetricError.mismatchedShapes(real: "a", synthetic: "b").description.contains("windows(length:stride:)"))
    }
}
