import TensorCore
import Foundation
import Testing
import Tabular
@testable import Evaluation

@Suite("Table statistics: KS, AUC, correlation, Cramér's V, scores")
struct TableStatisticsTests {
    /// D = max over the pooled values v of |#(a ≤ v)/n_a − #(b ≤ v)/n_b|, counted naively.
    static func naiveKS(_ a: [Double], _ b: [Double]) -> Double {
        (a + b).map { v in
            abs(Double(a.filter { $0 <= v }.count) / Double(a.count) - Double(b.filter { $0 <= v }.count) / Double(b.count))
        }.max()!
    }

    @Test("KS statistic: hand-computed cases and a naive count")
    func kolmogorovSmirnov() {
        // Steps after 1, 2, 2.5, 3, 3.5, 4, 5: |.25-0|, |.5-0|, |.5-1/3|, |.75-1/3|, |.75-2/3|, |1-2/3|, 0 → 0.5.
        #expect(SampleStatistics.kolmogorovSmirnov([1, 2, 3, 4], [2.5, 3.5, 5]) == 0.5)
        // Ties: after 1: 2/3 vs 1/3; after 2: 1 vs 1 → 1/3.
        #expect(abs(SampleStatistics.kolmogorovSmirnov([1, 1, 2], [1, 2, 2])! - 1.0 / 3) < 1e-15)
        #expect(SampleStatistics.kolmogorovSmirnov([1, 2], [1, 2]) == 0)
        #expect(SampleStatistics.kolmogorovSmirnov([0], [1]) == 1)
        #expect(SampleStatistics.kolmogorovSmirnov([], [1]) == nil)
        var rng = SeededGenerator(seed: 1)
        for _ in 0..<20 {
            let a = (0..<Int(rng.uniform() * 30 + 1)).map { _ in (rng.uniform() * 8).rounded() }
            let b = (0..<Int(rng.uniform() * 30 + 1)).map { _ in (rng.uniform() * 9).rounded() }
            #expect(abs(SampleStatistics.kolmogorovSmirnov(a, b)! - Self.naiveKS(a, b)) < 1e-12)
        }
    }

    @Test("ROC AUC equals the share of correctly ordered pairs (ties count half)")
    func auc() {
        var rng = SeededGenerator(seed: 2)
        for _ in 0..<10 {
            let labels = (0..<40).map { _ in rng.uniform() < 0.4 }
            let scores = (0..<40).map { _ in (rng.uniform() * 5).rounded() }
            var pairs = 0.0, good = 0.0
            for i in 0..<40 where labels[i] {
                for j in 0..<40 where !labels[j] {
                    pairs += 1
                    good += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0
                }
            }
            #expect(abs(Scores.rocAUC(positives: labels, scores: scores)! - good / pairs) < 1e-12)
        }
        #expect(Scores.rocAUC(positives: [true, true], scores: [1, 2]) == nil)
    }

    @Test("Pearson, Cramér's V, quantiles")
    func association() {
        #expect(abs(SampleStatistics.pearson([1, 2, 3], [2, 4, 7])! - 0.9933992677987828) < 1e-12)
        #expect(SampleStatistics.pearson([1, 1, 1], [1, 2, 3]) == nil)
        // chi² = 4/12 + 4/18 + 4/28 + 4/42 for [[10, 20], [30, 40]]; V = √(chi² / 100).
        let chi2 = 4.0 / 12 + 4.0 / 18 + 4.0 / 28 + 4.0 / 42
        #expect(abs(SampleStatistics.cramersV([[10, 20], [30, 40]])! - (chi2 / 100).squareRoot()) < 1e-12)
        #expect(abs(SampleStatistics.cramersV([[10, 0], [0, 10]])! - 1) < 1e-12)
        #expect(SampleStatistics.cramersV([[5, 5], [5, 5]]) == 0)
        #expect(SampleStatistics.cramersV([[5, 5]]) == nil)
        #expect(SampleStatistics.quantile([1, 2, 3, 4], 0.25) == 1.75)
    }

    @Test("accuracy, F1, macro-F1, R² by hand")
    func scores() {
        let truth = [0, 0, 1, 1, 1, 2], predicted = [0, 1, 1, 1, 0, 2]
        #expect(Scores.accuracy(truth, predicted) == 4.0 / 6)
        // Class 1: TP 2, FP 1, FN 1 → 4/6. Class 0: TP 1, FP 1, FN 1 → 2/4. Class 2: 1.
        #expect(abs(Scores.f1(truth, predicted, positive: 1) - 4.0 / 6) < 1e-15)
        #expect(abs(Scores.macroF1(truth, predicted) - (4.0 / 6 + 0.5 + 1) / 3) < 1e-15)
        #expect(abs(Scores.r2([1, 2, 3], [1, 2, 4]) - (1 - 1.0 / 2)) < 1e-15)
        #expect(Scores.r2([2, 2], [2, 2]) == 1)
    }
}
