import Foundation
import Testing
import TensorCore
import _TestSupport
@testable import Evaluation

@Suite("Label-aware audio metrics: classifier, Inception-style score, label accuracy")
struct AudioLabelMetricTests {
    static let kinds = ClipKind.allCases
    static let names = kinds.map(\.rawValue)

    /// `count` clips of each kind, labelled with `names` (one per kind, in order).
    static func labelled(_ kinds: [ClipKind], count: Int, seed: UInt64, names: [String]? = nil) throws
        -> (clips: [Float], count: Int, labels: ClipLabels) {
        let set = ClipKind.set(kinds, count: count, seed: seed)
        return (set.clips, set.labels.count, try ClipLabels(names: names ?? kinds.map(\.rawValue), indices: set.labels))
    }

    @Test func inceptionScoreMatchesClosedForms() throws {
        // K classes, each row certain, classes evenly covered: K.
        for k in [1, 2, 5] {
            var p = [Float](repeating: 0, count: 3 * k * k)
            for r in 0..<(3 * k) { p[r * k + r % k] = 1 }
            #expect(abs(try InceptionScore.of(probabilities: p, classes: k) - Double(k)) < 1e-9)
        }
        // Identical rows: 1.
        let row: [Float] = [0.1, 0.7, 0.2]
        #expect(abs(try InceptionScore.of(probabilities: Array([[Float]](repeating: row, count: 4).joined()),
                                          classes: 3) - 1) < 1e-9)
        // Certain rows covering the classes with shares π: exp(H(π)); π = (1/2, 1/4, 1/4) gives 2^1.5.
        let uneven: [Float] = [1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1]
        #expect(abs(try InceptionScore.of(probabilities: uneven, classes: 3) - pow(2, 1.5)) < 1e-9)
        // Rows (1/2, 1/2) and (1, 0): p(y) = (3/4, 1/4); KLs ½·log(4/3) and log(4/3); IS = (4/3)^(3/4).
        #expect(abs(try InceptionScore.of(probabilities: [0.5, 0.5, 1, 0], classes: 2) - pow(4.0 / 3, 0.75)) < 1e-9)
        // Not a probability matrix.
        for (bad, classes) in [([Float](), 2), ([0.5, 0.5, 1], 2), ([0.5, 0.6], 2), ([-0.5, 1.5], 2)] {
            #expect(throws: EvaluationError.self) { try InceptionScore.of(probabilities: bad, classes: classes) }
        }
    }

    @Test func mostLikelyAndStratifiedSplitAgreeWithNaiveLoops() throws {
        var g = SeededGenerator(seed: 4)
        let p = (0..<60).map { _ in Float(g.int(below: 4)) }  // ties on purpose
        let fast = AudioClassifier.mostLikely(p, classes: 5)
        for r in 0..<12 {
            var best = 0
            for k in 1..<5 where p[r * 5 + k] > p[r * 5 + best] { best = k }
            #expect(fast[r] == best)
        }
        let labels = try ClipLabels(names: ["a", "b", "c"], indices: (0..<2).map { _ in 0 } + (0..<10).map { _ in 1 }
                                    + (0..<37).map { _ in 2 })
        let (train, held) = AudioClassifier.split(labels, heldOutFraction: 0.2, using: &g)
        #expect(Set(train).isDisjoint(with: held) && (train + held).sorted() == Array(0..<49))
        #expect(held.map { labels.indices[$0] } == [0, 1, 1, 2, 2, 2, 2, 2, 2, 2])  // 1 of 2, 2 of 10, 7 of 37
        // Standardised training rows have mean 0 and standard deviation 1 per feature (constant features stay 0).
        let f = try FeatureMatrix(count: 4, dimension: 2, values: [1, 5, 2, 5, 3, 5, 100, 5])
        let (mean, inverse) = AudioClassifier.standardisation(f, rows: [0, 1, 2])
        let x = AudioClassifier.standardised(f, mean: mean, inverseScale: inverse).scalars
        let s = (2.0 / 3).squareRoot()
        #expect(allClose(x, [Float(-1 / s), 0, 0, 0, Float(1 / s), 0, Float(98 / s), 0]))
    }

    @Test func scoresTellLabelledGeneratedClipsApart() throws {
        let real = try Self.labelled(Self.kinds, count: 25, seed: 1)
        let good = try Self.labelled(Self.kinds, count: 10, seed: 2)
        func evaluate(_ g: (clips: [Float], count: Int, labels: ClipLabels), labelled: Bool = true) throws
            -> AudioEvaluation {
            try AudioEvaluation.evaluate(real: real.clips, realCount: real.count, generated: g.clips,
                                         generatedCount: g.count, seed: 3, realLabels: real.labels,
                                         generatedLabels: labelled ? g.labels : nil)
        }
        let e = try evaluate(good)
        #expect(e.labels == Self.names && e.classifierHeldOut == 15)
        #expect(try #require(e.classifierAccuracy) >= 0.9)
        #expect(try #require(e.labelAccuracy) >= 0.95)
        #expect(abs(try #require(e.inceptionScore) - 3) < 0.3)
        #expect(abs(try #require(e.inceptionScoreReal) - 3) < 0.3)
        #expect(e.text.contains("Inception-style score") && e.text.contains("label accuracy"))
        #expect(try evaluate(good) == e, "the same seed gave another result")

        // One kind only: score about 1; without generated labels there is no label accuracy.
        let collapsed = try evaluate(try Self.labelled([.high], count: 12, seed: 4), labelled: false)
        #expect(try #require(collapsed.inceptionScore) < 1.2)
        #expect(collapsed.labelAccuracy == nil && collapsed.classifierAccuracy != nil)
        #expect(!collapsed.text.contains("label accuracy"))

        // Folder names swapped: almost every clip lands in another label's folder.
        let swapped = try Self.labelled(Self.kinds, count: 10, seed: 2, names: ["high", "burst", "low"])
        #expect(try #require(try evaluate(swapped).labelAccuracy) <= 0.1)
    }

    @Test func unusableLabelsAreSkippedWithAWarningAndUnknownLabelsRefused() throws {
        let real = try Self.labelled(Self.kinds, count: 4, seed: 5)
        let generated = try Self.labelled([.low, .burst], count: 3, seed: 6)
        func evaluate(_ labels: ClipLabels, generated generatedLabels: ClipLabels? = nil) throws
            -> (AudioEvaluation, [String]) {
            var warnings: [String] = []
            let e = try AudioEvaluation.evaluate(real: real.clips, realCount: real.count, generated: generated.clips,
                                                 generatedCount: generated.count, realLabels: labels,
                                                 generatedLabels: generatedLabels, warning: { warnings.append($0) })
            return (e, warnings)
        }
        // A label with one clip, and a single label.
        let lonely = try ClipLabels(names: ["a", "b"], indices: [0] + [Int](repeating: 1, count: 11))
        let single = try ClipLabels(names: ["all"], indices: [Int](repeating: 0, count: 12))
        for (labels, fragment) in [(lonely, "'a' has 1 clip"), (single, "1 label(s) (all)")] {
            let (e, warnings) = try evaluate(labels)
            #expect(warnings.count == 1 && warnings[0].contains(fragment), "\(warnings)")
            #expect(e.labels == nil && e.inceptionScore == nil && e.labelAccuracy == nil)
            #expect(e.frechetDistance.isFinite)
        }
        // Labelled generated clips: accuracy against the matching real label; an unknown label is refused by name.
        let (e, warnings) = try evaluate(real.labels, generated: generated.labels)
        #expect(warnings.isEmpty && e.labelAccuracy != nil)
        let unknown = try ClipLabels(names: ["low", "snare"], indices: generated.labels.indices)
        #expect {
            try evaluate(real.labels, generated: unknown)
        } throws: { error in
            "\(error)".contains("generated label 'snare' is not a label of the real clips (low, high, burst)")
        }
        #expect(throws: EvaluationError.self) { try ClipLabels(names: ["a"], indices: [0, 1]) }
        #expect(throws: EvaluationError.self) { try evaluate(try ClipLabels(names: ["a", "b"], indices: [0, 1])) }
    }
}
