import Foundation
import SwiftGAN
import Testing
import _TestSupport

/// `swiftgan audio evaluate` end to end on folders of synthetic clips, labelled by subfolder or flat.
@Suite struct AudioEvaluateCommandTests {
    /// Writes `count` clips of each kind as WAV files into `folder/<label>/` (labels default to the kinds' names),
    /// or straight into `folder` when `flat`.
    static func write(_ kinds: [ClipKind], count: Int, seed: UInt64, to folder: URL, labels: [String]? = nil,
                      flat: Bool = false) throws {
        for (k, kind) in kinds.enumerated() {
            let dir = flat ? folder : folder.appendingPathComponent(labels?[k] ?? kind.rawValue)
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            for i in 0..<count {
                let clip = try AudioBuffer(samples: kind.clip(index: i, seed: seed), channels: 1, sampleRate: 16000)
                try AudioFile.write(clip, to: dir.appendingPathComponent("\(kind.rawValue)-\(i).wav"))
            }
        }
    }

    static func evaluate(real: URL, generated: URL, json: Bool = true) throws -> CommandResult {
        try runSwiftGAN(["audio", "evaluate", "--real", real.path, "--generated", generated.path, "--seed", "1"]
                        + (json ? ["--json"] : []))
    }

    static func object(_ result: CommandResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    @Test func labelledFoldersGiveTheLabelMetrics() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("swiftgan-is-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let real = root.appendingPathComponent("real"), generated = root.appendingPathComponent("generated")
        let flatGenerated = root.appendingPathComponent("flat"), single = root.appendingPathComponent("single")
        let unknown = root.appendingPathComponent("unknown")
        try Self.write(ClipKind.allCases, count: 10, seed: 1, to: real)
        try Self.write(ClipKind.allCases, count: 4, seed: 2, to: generated)
        try Self.write([.low, .high], count: 4, seed: 3, to: flatGenerated, flat: true)
        try Self.write([.low, .burst], count: 5, seed: 4, to: single, labels: ["all", "all"])
        try Self.write([.low, .burst], count: 2, seed: 5, to: unknown, labels: ["low", "snare"])

        // Both labelled: every label figure, the same in the JSON and in the table.
        let json = try Self.evaluate(real: real, generated: generated)
        #expect(json.status == 0 && json.stderr.isEmpty, "\(json.stderr)")
        let figures = try Self.object(json)
        #expect(figures["labels"] as? [String] == ["burst", "high", "low"])
        #expect(figures["classifierHeldOut"] as? Int == 6)
        let accuracy = try #require(figures["classifierAccuracy"] as? Double)
        let labelAccuracy = try #require(figures["labelAccuracy"] as? Double)
        let score = try #require(figures["inceptionScore"] as? Double)
        let reference = try #require(figures["inceptionScoreReal"] as? Double)
        #expect(accuracy >= 0.8 && labelAccuracy >= 0.9 && abs(score - 3) < 0.4, "\(figures)")
        let text = try Self.evaluate(real: real, generated: generated, json: false)
        #expect(text.status == 0)
        for line in [String(format: "classifier accuracy     %.3f", accuracy),
                     String(format: "Inception-style score   %.2f   (held-out real clips: %.2f", score, reference),
                     String(format: "label accuracy          %.3f", labelAccuracy)] {
            #expect(text.stdout.contains(line), "\(line) not in\n\(text.stdout)")
        }

        // Flat generated folder: a score but no label accuracy.
        let flat = try Self.object(try Self.evaluate(real: real, generated: flatGenerated))
        #expect(flat["inceptionScore"] != nil && flat["labelAccuracy"] == nil)
        // Flat real folder: no label metrics, no warning.
        let noLabels = try Self.evaluate(real: flatGenerated, generated: generated)
        #expect(noLabels.status == 0 && noLabels.stderr.isEmpty)
        #expect(try Self.object(noLabels).keys.filter { $0.contains("nception") || $0.contains("abel") }.isEmpty)
        // One real label: the other figures, and one warning line.
        let oneLabel = try Self.evaluate(real: single, generated: flatGenerated)
        #expect(oneLabel.status == 0)
        #expect(try Self.object(oneLabel)["inceptionScore"] == nil)
        #expect(oneLabel.stderr.split(separator: "\n") == ["warning: no Inception-style score or label accuracy: "
            + "the real clips have 1 label(s) (all); a classifier needs at least 2 label subfolders"])
        // A generated label the real clips do not have: one line naming it, non-zero exit.
        let refused = try Self.evaluate(real: real, generated: unknown)
        #expect(refused.status != 0 && refused.stdout.isEmpty)
        #expect(refused.stderr.contains("generated label 'snare' is not a label of the real clips (burst, high, low)"))
        #expect(refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
    }
}
