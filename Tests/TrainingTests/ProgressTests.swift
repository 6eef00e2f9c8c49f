import Foundation
import Testing
import Training

@Suite struct ProgressTests {
    @Test func lineShowsStepRateLossesAndETA() {
        let p = TrainingProgress(step: 120, totalSteps: 1000, stepsPerSecond: 3.4142, lossD: -0.12345, lossG: 0.45678,
                                 etaSeconds: 258)
        #expect(p.line == "step 120/1000  3.41 steps/s  loss_d -0.1235  loss_g 0.4568  ETA 4m18s")
        var q = p
        q.totalSteps = nil
        q.etaSeconds = 3725
        #expect(q.line.hasPrefix("step 120  ") && q.line.hasSuffix("ETA 1h02m"))
        q.etaSeconds = 12
        #expect(q.line.hasSuffix("ETA 12s"))
    }

    func run(interactive: Bool) throws -> [String] {
        let dir = temporaryRunDirectory("progress\(interactive)")
        defer { try? FileManager.default.removeItem(at: dir) }
        var out: [String] = []
        let trainer = try quietTrainer(ToyProblem(), quickConfig(steps: 3), dir)
        trainer.progress = ProgressDisplay(interactive: interactive, interval: 0) { out.append($0) }
        _ = try trainer.run()
        return out
    }

    @Test func plainLinesWhenNotATerminal() throws {
        let out = try run(interactive: false)
        #expect(out.allSatisfy { $0.hasSuffix("\n") && !$0.contains("\r") })
        #expect(out.first?.hasPrefix("step 1/3  ") == true && out.last?.hasPrefix("step 3/3  ") == true)
        #expect(out.last?.contains("ETA 0s") == true)
    }

    @Test func oneLineRewrittenInPlaceOnATerminal() throws {
        let out = try run(interactive: true)
        #expect(out.dropLast().allSatisfy { $0.hasPrefix("\r") && !$0.contains("\n") })
        #expect(out.last == "\n")
        #expect(out.contains { $0.hasPrefix("\rstep 3/3") })
    }
}
