import Foundation
import Testing
import Training

/// Evaluations between checkpoints, a problem's own stopping rule, and the plateau rule tables use.
@Suite struct EarlyFinishTests {
    @Test func evaluationsRunBetweenCheckpointsAndFinishEarlyEndsTheRunWithACheckpoint() throws {
        let dir = temporaryRunDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let trainer = try quietTrainer(ToyProblem(), quickConfig(steps: 100), dir)
        trainer.evaluateEverySteps = 4
        trainer.progressMetrics = ["figure"]
        var seen: [Int] = []
        trainer.onCheckpoint = { step, t in
            seen.append(step)
            if step == 12 { t.finishEarly() }
            return ["figure": Double(step)]
        }
        let outcome = try trainer.run()
        #expect(outcome.status == .converged && outcome.step == 12)
        #expect(seen == [4, 8, 12])
        let figures = try metricLines(dir).compactMap { $0["figure"] as? Double }
        #expect(figures == [4, 8, 12])
        #expect(checkpointNames(dir).count == 1 && FileManager.default.fileExists(atPath: outcome.checkpoint.path))

        // The request is spent: the same trainer can run on (here to its step budget).
        #expect(try trainer.run().status == .reachedStepBudget)
    }

    @Test func progressLineShowsTheChosenMetrics() {
        let p = TrainingProgress(step: 5, totalSteps: nil, stepsPerSecond: 2, lossD: 0, lossG: 0, etaSeconds: nil,
                                 metrics: [("quality", 0.87123)])
        #expect(p.line.hasSuffix("quality 0.871"))
    }

    @Test func plateauNeedsPatienceValuesWithoutAnImprovementAboveTheTolerance() {
        let rule = Plateau(patience: 2, tolerance: 0.01)
        #expect(!rule.isReached([0.5, 0.6]))  // not more than `patience` values yet
        #expect(!rule.isReached([0.5, 0.6, 0.62]))  // 0.62 beats 0.6 by more than 0.01
        #expect(rule.isReached([0.5, 0.6, 0.605, 0.61]))  // neither beats 0.6 by more than 0.01
        #expect(!rule.isReached([0.5, 0.6, 0.605, 0.65]))
        #expect(rule.isReached([0.7, 0.6, 0.65, 0.69]))  // the best may lie further back
        #expect(rule.isReached([0.7, .nan, .nan]))  // failed estimates are no improvement
        #expect(!rule.isReached([.nan, 0.1, 0.2]))  // the first real value improves on nothing
    }
}
