import Foundation
import NN
import TensorCore
import Testing
import Training

@Suite struct CheckpointTests {
    /// Every tensor of a checkpoint file, by name.
    func tensors(_ url: URL) throws -> [String: [Float]] {
        try Safetensors.read(url).tensors.mapValues(\.scalars)
    }

    /// The metrics lines without the wall-clock fields.
    func losses(_ dir: URL) throws -> [String] {
        try metricLines(dir).map { line in
            line.filter { $0.key != "seconds" && $0.key != "steps_per_second" }
                .sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        }
    }

    @Test func resumeContinuesExactlyLikeAnUninterruptedRun() throws {
        var options = ToyProblem.Options()
        options.critics = 2
        options.conditional = true
        options.instanceNoise = 0.05
        var config = quickConfig(steps: 12)
        config.r1Gamma = 1
        config.r1Every = 3
        config.emaDecay = 0.9
        config.logEvery = 5
        config.checkpointEverySteps = 7

        let whole = temporaryRunDirectory("whole"), split = temporaryRunDirectory("split")
        defer { for d in [whole, split] { try? FileManager.default.removeItem(at: d) } }
        let a = try quietTrainer(ToyProblem(options), config, whole)
        let outcomeA = try a.run()

        let first = try quietTrainer(ToyProblem(options), config, split)
        first.onCheckpoint = { step, trainer in
            if step == 7 { trainer.requestStop() }
            return [:]
        }
        let stopped = try first.run()
        #expect(stopped.status == .stoppedByUser && stopped.step == 7)

        let resumed = quiet(try GANTrainer.resume(from: split, problem: ToyProblem(options, seed: 12345)))
        #expect(resumed.step == 7)
        let outcomeB = try resumed.run()
        #expect(outcomeA.step == 12 && outcomeB.step == 12 && outcomeB.status == .reachedStepBudget)

        // Loss means (lines at 5, 10 and the final 12, the last two spanning the resume) and every tensor agree
        // exactly: weights, batch-norm buffers, EMA shadows and optimizer moments.
        #expect(try losses(whole) == losses(split))
        #expect(try losses(whole).count == 3)
        let finalA = try tensors(outcomeA.checkpoint), finalB = try tensors(outcomeB.checkpoint)
        #expect(finalA.keys.sorted() == finalB.keys.sorted())
        #expect(finalA.keys.contains("ema.out.weight") && finalA.keys.contains("generator.norm.running_var"))
        // Each critic has its own optimizer: critic 0's state where the single optimizer of earlier versions kept
        // it (old checkpoints resume), critic 1's under its index.
        #expect(finalA.keys.contains("optimizer.critics.m.0.out.weight"))
        #expect(finalA.keys.contains("optimizer.critics.1.m.1.out.weight") && finalA.keys.contains("optimizer.critics.1.step"))
        for (name, values) in finalA { #expect(finalB[name] == values, "tensor \(name) differs after resume") }
        let metaA = try Safetensors.read(outcomeA.checkpoint).metadata
        let metaB = try Safetensors.read(outcomeB.checkpoint).metadata
        #expect(metaA["random"] == metaB["random"] && metaA["step"] == "12")
    }

    @Test func checkpointsAreCompleteAndPrunedToTheLastFew() throws {
        let dir = temporaryRunDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var config = quickConfig(steps: 10)
        config.checkpointEverySteps = 2
        config.keepCheckpoints = 2
        let outcome = try quietTrainer(ToyProblem(), config, dir).run()
        #expect(checkpointNames(dir) == ["step-00000008.safetensors", "step-00000010.safetensors"])
        #expect(outcome.checkpoint.lastPathComponent == "step-00000010.safetensors")
        let contents = try Safetensors.read(outcome.checkpoint)
        #expect(contents.metadata["step"] == "10")
        #expect(contents.tensors["optimizer.generator.step"]?.item == 10)
        #expect(contents.tensors["optimizer.critics.step"]?.item == 20)

        // A temporary file left by a killed writer is removed on resume; the run then just ends (budget reached).
        let stale = dir.appendingPathComponent("checkpoints/.step-00000012.safetensors.tmp-1-2")
        try Data([1, 2, 3]).write(to: stale)
        let resumed = quiet(try GANTrainer.resume(from: dir, problem: ToyProblem()))
        #expect(try resumed.run().status == .reachedStepBudget)
        #expect(checkpointNames(dir) == ["step-00000008.safetensors", "step-00000010.safetensors"])
    }

    @Test func aNonFiniteLossStopsWithTheLastGoodCheckpointKept() throws {
        let dir = temporaryRunDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var options = ToyProblem.Options()
        options.poisonFromBatch = 8  // two real batches per step: the first of step 5
        var config = quickConfig(steps: 10)
        config.checkpointEverySteps = 2
        let trainer = try quietTrainer(ToyProblem(options), config, dir)
        do {
            _ = try trainer.run()
            Issue.record("a NaN batch did not stop the run")
        } catch let error as TrainingError {
            guard case .nonFiniteLoss(let step, let loss, let value, let kept) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(step == 5 && loss == "critic loss" && value.isNaN)
            #expect(kept?.hasSuffix("step-00000004.safetensors") == true)
            #expect(error.description.contains("step 5") && error.description.contains("step-00000004.safetensors"))
        }
        #expect(checkpointNames(dir).last == "step-00000004.safetensors")
        #expect(trainer.step == 4)
    }

    /// Weights that became non-finite without a non-finite loss (here: set by the callback) are never saved.
    @Test func nonFiniteWeightsAreNeverCheckpointed() throws {
        let dir = temporaryRunDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var config = quickConfig(steps: 10)
        config.checkpointEverySteps = 2
        let problem = ToyProblem()
        let trainer = try quietTrainer(problem, config, dir)
        trainer.onCheckpoint = { step, _ in
            if step == 4 { problem.net.out.bias!.value.storage.pointer[1] = .infinity }
            return [:]
        }
        #expect {
            _ = try trainer.run()
        } throws: { error in
            guard case TrainingError.nonFiniteLoss(4, "weight generator.out.bias", .infinity, let kept) = error else {
                return false
            }
            return kept?.hasSuffix("step-00000002.safetensors") == true
        }
        #expect(checkpointNames(dir) == ["step-00000002.safetensors"])
    }

    @Test func aStopRequestEndsTheStepWritesACheckpointAndResumes() throws {
        let dir = temporaryRunDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var config = quickConfig(steps: 5)
        config.checkpointEverySteps = 100
        let trainer = try quietTrainer(ToyProblem(), config, dir)
        trainer.onLog = { [unowned trainer] in if $0.step == 3 { trainer.requestStop() } }
        let outcome = try trainer.run()
        #expect(outcome.status == .stoppedByUser && outcome.step == 3)
        #expect(checkpointNames(dir) == ["step-00000003.safetensors"])

        let resumed = quiet(try GANTrainer.resume(from: dir, problem: ToyProblem()))
        let finished = try resumed.run()
        #expect(finished.status == .reachedStepBudget && finished.step == 5)
        #expect(try metricLines(dir).map { $0["step"] as! Int } == [1, 2, 3, 4, 5])
    }

    /// A crash after the last checkpoint: the steps after it are trained again and logged once.
    @Test func stepsAfterTheLastCheckpointAreReplayedWithoutDuplicateMetrics() throws {
        let dir = temporaryRunDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var config = quickConfig(steps: 5)
        config.checkpointEverySteps = 2
        _ = try quietTrainer(ToyProblem(), config, dir).run()
        let original = try losses(dir)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("checkpoints/step-00000005.safetensors"))

        let resumed = quiet(try GANTrainer.resume(from: dir, problem: ToyProblem()))
        #expect(try metricLines(dir).map { $0["step"] as! Int } == [1, 2, 3, 4])
        _ = try resumed.run()
        #expect(try losses(dir) == original)
    }

    /// SIGINT sent to the process (as Ctrl-C is; test threads block it, so it reaches whichever thread does not).
    @Test func sigintStopsGracefully() throws {
        let dir = temporaryRunDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A budget the signal always beats, however late a loaded machine delivers it.
        let trainer = try quietTrainer(ToyProblem(), quickConfig(steps: 20_000), dir)
        trainer.handlesSignals = true
        trainer.onLog = { log in
            if log.step == 2 {
                kill(getpid(), SIGINT)
                usleep(50_000)  // delivery to another thread is asynchronous
            }
        }
        let outcome = try trainer.run()
        #expect(outcome.status == .stoppedByUser && (2..<20_000).contains(outcome.step))
        #expect(checkpointNames(dir) == [outcome.checkpoint.lastPathComponent])
    }

    @Test func timeBudgetAndTimedCheckpoints() throws {
        let dir = temporaryRunDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var config = quickConfig()
        config.maxSteps = nil
        config.maxMinutes = 0.01
        config.checkpointEveryMinutes = 0.002
        config.keepCheckpoints = 1000
        let outcome = try quietTrainer(ToyProblem(), config, dir).run()
        #expect(outcome.status == .reachedTimeBudget && outcome.step > 0)
        #expect(outcome.elapsedSeconds >= 0.6)
        let names = checkpointNames(dir)
        #expect(names.last == outcome.checkpoint.lastPathComponent, "\(names)")
        // A timed checkpoint falls due every 0.12 s; on a loaded machine a step may take longer than that, so only
        // runs with several steps must have written more than the final checkpoint.
        #expect(names.count >= 2 || outcome.step < 3, "\(names) after \(outcome.step) steps")
    }

    @Test func theAveragedGeneratorIsSwappedInAndRestored() throws {
        let dir = temporaryRunDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var config = quickConfig(steps: 3)
        config.emaDecay = 0.5
        let problem = ToyProblem()
        let trainer = try quietTrainer(problem, config, dir)
        let outcome = try trainer.run()
        let saved = try tensors(outcome.checkpoint)
        let current = problem.generator.namedParameters().map { ($0.name, $0.parameter.value.scalars) }
        let inside = try trainer.withAveragedGenerator {
            problem.generator.namedParameters().map { ($0.name, $0.parameter.value.scalars) }
        }
        for ((name, live), (_, averaged)) in zip(current, inside) {
            #expect(averaged == saved["ema." + name])
            #expect(live == saved["generator." + name] && live != averaged)
        }
        #expect(problem.generator.parameters().map(\.value.scalars) == current.map(\.1))
    }
}
