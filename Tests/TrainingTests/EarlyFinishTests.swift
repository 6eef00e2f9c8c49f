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

    @Test func plateauNeedsPatienceValuesWithoutAnImprovementAboveTheTolerance() throws {
        let rule = Plateau(patience: 2, tolerance: 0.01)
        #expect(!rule.isReached([0.5, 0.6]))  // not more than `patience` values yet
        #expect(!rule.isReached([0.5, 0.6, 0.62]))  // 0.62 beats 0.6 by more than 0.01
        #expect(rule.isReached([0.5, 0.6, 0.605, 0.61]))  // neither beats 0.6 by more than 0.01
        #expect(!rule.isReached([0.5, 0.6, 0.605, 0.65]))
        #expect(rule.isReached([0.7, 0.6, 0.65, 0.69]))  // the best may lie further back
        #expect(rule.isReached([0.7, .nan, .nan]))  // failed estimates are no improvement
        #expect(!rule.isReached([.nan, 0.1, 0.2]))  // the first real value improves on nothing

        // A lucky 0.88 early, then a slow rise: one by one it stays the best; means of 3 see the rise.
        let rising = [0.80, 0.83, 0.88, 0.83, 0.835, 0.84, 0.845, 0.85, 0.86, 0.87]
        let smoothed = Plateau(patience: 2, tolerance: 0.002, window: 3)
        #expect(Plateau(patience: 2, tolerance: 0.002).isReached(rising))
        #expect(!smoothed.isReached(rising))  // means …, 0.848, 0.835, 0.84, 0.845, 0.852, 0.86
        #expect(!smoothed.isReached([0.8, 0.8, 0.8, 0.8]))  // two means: not more than `patience` yet
        #expect(smoothed.isReached([0.8, 0.8, 0.8, 0.8, 0.8]))
        let old = try JSONDecoder().decode(Plateau.self, from: Data(#"{"patience": 4, "tolerance": 0.002}"#.utf8))
        #expect(old == Plateau(patience: 4, tolerance: 0.002))
    }

    @Test func phasesStartAfterEachPlateau() {
        let rule = Plateau(patience: 2, tolerance: 0.01)
        // A rise, a plateau (ends at index 3), a second rise from there, a second plateau (ends at index 7).
        let estimates = [0.5, 0.6, 0.6, 0.6, 0.7, 0.8, 0.8, 0.8, 0.9]
        #expect(rule.phases(of: Array(estimates.prefix(3))) == (0, 0))
        #expect(rule.phases(of: Array(estimates.prefix(4))) == (1, 4))
        #expect(rule.phases(of: Array(estimates.prefix(7))) == (1, 4))  // the new phase judges only its own values
        #expect(rule.phases(of: Array(estimates.prefix(8))) == (2, 8))
        #expect(rule.phases(of: estimates) == (2, 8))
        // Estimates that may not end a phase (before a minimum of steps) do not, though they count as values.
        #expect(rule.phases(of: Array(estimates.prefix(4))) { $0 >= 5 } == (0, 0))
        #expect(rule.phases(of: Array(estimates.prefix(8))) { $0 >= 5 } == (1, 8))
    }

    @Test func theLearningRateScaleActsAsALowerConfiguredRate() throws {
        // A scale of ½ on a rate of 2e-2 trains exactly as a configured 1e-2 does.
        func parameters(rate: Float, scale: Float) throws -> [[Float]] {
            let dir = temporaryRunDirectory()
            defer { try? FileManager.default.removeItem(at: dir) }
            var config = quickConfig(steps: 3)
            config.generatorOptimizer.learningRate = rate
            config.criticOptimizer.learningRate = rate
            let problem = ToyProblem()
            let trainer = try quietTrainer(problem, config, dir)
            trainer.learningRateScale = scale
            _ = try trainer.run()
            return (problem.generator.parameters() + problem.critics.flatMap { $0.parameters() }).map(\.value.scalars)
        }
        let scaled = try parameters(rate: 2e-2, scale: 0.5), configured = try parameters(rate: 1e-2, scale: 1)
        #expect(scaled == configured)
        #expect(try parameters(rate: 2e-2, scale: 1) != configured)
    }
}
