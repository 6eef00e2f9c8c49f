import Foundation
@testable import Evaluation
import TensorCore
import Testing
import _TestSupport

/// The audio utility test: an augmenter that adds nothing gains nothing, one that adds label noise loses, and
/// malformed input gets one message.
@Suite struct AudioUtilityTests {
    /// 14 low tones, 14 high tones and 7 noise bursts of 16 384 samples.
    static func clips() throws -> (clips: [Float], labels: ClipLabels) {
        let tones = ClipKind.set([.low, .high], count: 14, seed: 3, length: 16384)
        let bursts = ClipKind.set([.burst], count: 7, seed: 3, length: 16384)
        return (tones.clips + bursts.clips,
                try ClipLabels(names: ["low", "high", "burst"], indices: tones.labels + bursts.labels.map { _ in 2 }))
    }

    @Test func anAugmenterThatAddsNothingGainsNothing() throws {
        let (clips, labels) = try Self.clips()
        let u = try AudioUtility(clips: clips, labels: labels, splits: 3, seed: 1) { c, l, _ in (c, l) }
        #expect(u.gains.count == 6 && u.minorityClass == "burst" && u.trainingClips == u.augmentedClips)
        for g in u.gains {
            #expect(g.perSplit == [0, 0, 0] && g.gain == 0, "\(g)")
            #expect(g.baseline > 0.8, "\(g.model) \(g.metric) \(g.baseline): the kinds are easy to tell apart")
        }
    }

    @Test func anAugmenterThatAddsLabelNoiseLoses() throws {
        let (clips, labels) = try Self.clips()
        let u = try AudioUtility(clips: clips, labels: labels, splits: 8, seed: 2) { c, l, split in
            // Four copies of the training clips with labels drawn at random: noise, nothing else.
            var g = SeededGenerator(seed: 100 + UInt64(split))
            var out = (clips: c, labels: l)
            for _ in 0..<4 {
                out.clips += c
                out.labels += l.map { _ in g.int(below: 3) }
            }
            return out
        }
        #expect(u.augmentedClips == 5 * u.trainingClips)
        for g in u.gains where g.metric == "balanced accuracy" { #expect(g.gain < 0, "\(g.model): \(g.gain)") }
        #expect(u.gains.filter { $0.high < 0 }.count >= 2, "\(u.gains)")
    }

    @Test func malformedInputGetsOneMessageEach() throws {
        let (clips, labels) = try Self.clips()
        func message(_ body: () throws -> AudioUtility) -> String {
            do { _ = try body(); return "" } catch { return "\(error)" }
        }
        #expect(message { try AudioUtility(clips: Array(clips.dropLast()), labels: labels) { c, l, _ in (c, l) } }
            .contains("clips of 16384 samples"))
        #expect(message { try AudioUtility(clips: clips, labels: labels, splits: 2) { c, l, _ in (c, l.map { _ in 5 }) } }
            .contains("outside the 3"))
        let single = try ClipLabels(names: ["a", "b"], indices: [0] + [Int](repeating: 1, count: 34))
        #expect(message { try AudioUtility(clips: clips, labels: single) { c, l, _ in (c, l) } }.contains("'a' has 1 clip"))
    }
}
