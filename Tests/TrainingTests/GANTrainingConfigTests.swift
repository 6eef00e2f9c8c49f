import Foundation
import NN
import Testing
import Training

@Suite struct GANTrainingConfigTests {
    /// Choosing the Wasserstein loss brings WGAN-GP's penalty when none is set, for library users as for the CLI.
    @Test func wassersteinBringsItsGradientPenalty() {
        var c = GANTrainingConfig()
        c.loss = .nonSaturating
        c.gradientPenaltyWeight = 0
        c.r1Gamma = 1
        c.loss = .wasserstein
        #expect(c.gradientPenaltyWeight == 10 && c.r1Gamma == 0)
        // A penalty set afterwards wins; one already set is kept.
        c.gradientPenaltyWeight = 0
        #expect(c.loss == .wasserstein && c.gradientPenaltyWeight == 0)
        var d = GANTrainingConfig()
        d.loss = .hinge
        d.gradientPenaltyWeight = 5
        d.loss = .wasserstein
        #expect(d.gradientPenaltyWeight == 5)
        // Other losses leave the penalties alone.
        var e = GANTrainingConfig()
        e.gradientPenaltyWeight = 0
        e.loss = .leastSquares
        #expect(e.gradientPenaltyWeight == 0 && e.r1Gamma == 0)
    }

    @Test func metricsLogReadsNumbersPerLine() throws {
        let run = FileManager.default.temporaryDirectory.appendingPathComponent("metrics-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: run) }
        #expect(MetricsLog.read(runDirectory: run).isEmpty)
        let lines = "{\"step\": 1, \"quality\": 0.5}\nnot json\n{\"step\": 2, \"loss\": null, \"name\": \"x\"}\n"
        try lines.write(to: run.appendingPathComponent(MetricsLog.fileName), atomically: true, encoding: .utf8)
        let log = MetricsLog.read(runDirectory: run)
        #expect(log.count == 2 && log[0] == ["step": 1, "quality": 0.5] && log[1]["loss"]!.isNaN && log[1]["name"] == nil)
        #expect(MetricsLog.lastValue(of: "quality", runDirectory: run) == 0.5)
        #expect(MetricsLog.lastValue(of: "fd", runDirectory: run) == nil)
    }
}
