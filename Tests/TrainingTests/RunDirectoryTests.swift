import Foundation
import NN
import TensorCore
import Testing
import Training

/// A problem whose real batches are shorter than asked for.
struct ShortBatchProblem: GANProblem {
    let inner = ToyProblem()
    var generator: Module { inner.generator }
    var critics: [Module] { inner.critics }
    func realBatch(size: Int, using random: inout SeededGenerator) throws -> GANBatch {
        GANBatch(data: try inner.realBatch(size: size, using: &random).data.sliced(axis: 0, 0..<(size - 1)))
    }
    func latent(batch: Int, labels: [Int]?, using random: inout SeededGenerator) -> Tensor {
        inner.latent(batch: batch, labels: labels, using: &random)
    }
    func generate(_ latent: Tensor, labels: [Int]?) throws -> Tensor { try inner.generate(latent, labels: labels) }
    func score(critic: Int, _ x: Tensor, labels: [Int]?, using random: inout SeededGenerator) throws -> Tensor {
        try inner.score(critic: critic, x, labels: labels, using: &random)
    }
}

@Suite struct RunDirectoryTests {
    @Test func metricsLinesAreJSONWithCheckpointMetricsMerged() throws {
        let dir = temporaryRunDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var config = quickConfig(steps: 7)
        config.logEvery = 3
        config.checkpointEverySteps = 2
        config.gradientPenaltyWeight = 10
        let trainer = try quietTrainer(ToyProblem(), config, dir)
        var logged: [Int] = []
        trainer.onLog = { [unowned trainer] log in
            logged.append(log.step)
            #expect(trainer.problem.generator.isTraining, "a callback's eval() leaked into training")
        }
        trainer.onCheckpoint = { step, trainer in
            trainer.problem.generator.eval()
            let mean = try trainer.withAveragedGenerator {
                var g = SeededGenerator(seed: 1)
                let p = trainer.problem
                return try p.generate(p.latent(batch: 8, labels: nil, using: &g), labels: nil).mean().item
            }
            return ["preview_mean": Double(mean), "step_echo": Double(step)]
        }
        _ = try trainer.run()

        let lines = try metricLines(dir)
        #expect(lines.map { $0["step"] as! Int } == [2, 3, 4, 6, 7])
        #expect(logged == [3, 6, 7])
        for line in lines {
            let step = line["step"] as! Int
            #expect(line["seconds"] is Double)
            let isLog = step % 3 == 0 || step == 7, isCheckpoint = step % 2 == 0 || step == 7
            for key in ["loss_d", "loss_g", "gp", "steps_per_second"] { #expect((line[key] != nil) == isLog) }
            #expect(line["r1"] == nil)
            #expect((line["preview_mean"] != nil) == isCheckpoint)
            if isCheckpoint { #expect(line["step_echo"] as? Double == Double(step)) }
        }
    }

    @Test func configJSONHoldsBothConfigurations() throws {
        let dir = temporaryRunDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var config = quickConfig(steps: 1)
        config.maxMinutes = 90
        config.criticOptimizer.kind = .rmsprop
        let domain = Data(#"{"sampleRate": 16000, "name": "toy"}"#.utf8)
        _ = try quiet(GANTrainer(problem: ToyProblem(), config: config, runDirectory: dir, domainConfig: domain)).run()
        let stored = try GANTrainer<ToyProblem>.storedConfiguration(in: dir)
        #expect(stored.training == config)
        let object = try JSONSerialization.jsonObject(with: stored.domain!) as! [String: Any]
        #expect(object["sampleRate"] as? Int == 16000 && object["name"] as? String == "toy")

        // Resuming checks both configurations; the budget may change, the loss may not.
        #expect(throws: TrainingError.configMismatch(field: "loss", stored: "\"wgan-gp\"", given: "\"hinge\"")) {
            var other = config
            other.loss = .hinge
            _ = try GANTrainer.resume(from: dir, problem: ToyProblem(), config: other)
        }
        #expect(throws: TrainingError.self) {
            _ = try GANTrainer.resume(from: dir, problem: ToyProblem(), domainConfig: Data(#"{"name": "other"}"#.utf8))
        }
        var longer = config
        longer.maxSteps = 3
        let resumed = quiet(try GANTrainer.resume(from: dir, problem: ToyProblem(), config: longer,
                                                  domainConfig: Data(#"{"name":"toy","sampleRate":16000}"#.utf8)))
        #expect(try resumed.run().step == 3)
        #expect(try GANTrainer<ToyProblem>.storedConfiguration(in: dir).training.maxSteps == 3)
    }

    @Test func configRoundTripsThroughJSONIncludingNoLimits() throws {
        var config = GANTrainingConfig()
        config.maxSteps = nil
        config.maxMinutes = 5
        config.checkpointEveryMinutes = nil
        config.generatorOptimizer = OptimizerSettings(kind: .rmsprop, learningRate: 5e-5, weightDecay: 1e-4)
        let decoded = try JSONDecoder().decode(GANTrainingConfig.self, from: JSONEncoder().encode(config))
        #expect(decoded == config)
        #expect(throws: Never.self) { try config.validate() }
    }

    @Test func badConfigurationsAreRejectedByField() {
        func field(_ change: (inout GANTrainingConfig) -> Void) -> String? {
            var c = GANTrainingConfig()
            change(&c)
            do { try c.validate() } catch let TrainingError.invalidConfig(field, _, _) { return field } catch { return "?" }
            return nil
        }
        #expect(field { $0.criticSteps = 0 } == "criticSteps")
        #expect(field { $0.gradientPenaltyWeight = -1 } == "gradientPenaltyWeight")
        #expect(field { $0.r1Every = 0 } == "r1Every")
        #expect(field { $0.emaDecay = 1 } == "emaDecay")
        #expect(field { $0.criticOptimizer.learningRate = .nan } == "criticOptimizer.learningRate")
        #expect(field { $0.generatorOptimizer.beta2 = 1 } == "generatorOptimizer.beta2")
        #expect(field { $0.maxSteps = nil } == "maxSteps")
        #expect(field { $0.keepCheckpoints = 0 } == "keepCheckpoints")
        #expect(field { _ in } == nil)
    }

    @Test func runDirectoryProblemsAreTypedErrors() throws {
        let dir = temporaryRunDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)

        #expect(throws: TrainingError.noCheckpoint(path: dir.path)) {
            _ = try GANTrainer.resume(from: dir, problem: ToyProblem())
        }
        let file = dir.appendingPathComponent("a-file")
        try Data().write(to: file)
        #expect {
            _ = try GANTrainer(problem: ToyProblem(), config: quickConfig(), runDirectory: file.appendingPathComponent("run"))
        } throws: { error in
            guard case TrainingError.unwritableRunDirectory(let path, _) = error else { return false }
            return path.hasSuffix("a-file/run")
        }

        let run = dir.appendingPathComponent("run")
        _ = try quietTrainer(ToyProblem(), quickConfig(steps: 1), run).run()
        #expect(throws: TrainingError.runDirectoryInUse(path: run.path)) {
            _ = try GANTrainer(problem: ToyProblem(), config: quickConfig(), runDirectory: run)
        }
        var wider = ToyProblem.Options()
        wider.mean = [0, 0, 0]
        #expect {
            _ = try GANTrainer.resume(from: run, problem: ToyProblem(wider))
        } throws: { error in
            guard case TrainingError.unreadableCheckpoint(let path, let reason) = error else { return false }
            return path.hasSuffix("step-00000001.safetensors") && reason.contains("different model")
        }
        #expect(throws: TrainingError.invalidProblem(
            "realBatch returned shape [15, 2], expected batch size 16 first")) {
            let short = dir.appendingPathComponent("short")
            _ = try quiet(GANTrainer(problem: ShortBatchProblem(), config: quickConfig(), runDirectory: short)).run()
        }
    }
}
