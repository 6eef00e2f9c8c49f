import Foundation
import NN
import TensorCore
import Testing
import Training

@Suite struct TrainingLoopTests {
    /// Mean of `count` generator samples (fixed latent seed), with recording off.
    func sampleMean(_ problem: ToyProblem, count: Int = 512) throws -> [Float] {
        var g = SeededGenerator(seed: 99)
        let x = try GradientRecording.disabled {
            try problem.generate(problem.latent(batch: count, labels: nil, using: &g), labels: nil)
        }
        let v = x.scalars, dim = x.shape[1]
        return (0..<dim).map { j in stride(from: j, to: v.count, by: dim).reduce(0) { $0 + v[$1] } / Float(count) }
    }

    func distance(_ a: [Float], _ b: [Float]) -> Float {
        zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
    }

    @Test func trainingMovesSamplesTowardTheDataAndTheCriticLearns() throws {
        let dir = temporaryRunDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let problem = ToyProblem()
        let before = distance(try sampleMean(problem), problem.options.mean)
        var config = quickConfig(steps: 300)
        config.loss = .nonSaturating
        config.gradientPenaltyWeight = 0
        config.generatorOptimizer.learningRate = 2e-2
        let outcome = try quietTrainer(problem, config, dir).run()
        #expect(outcome.status == .reachedStepBudget && outcome.step == 300)
        let after = distance(try sampleMean(problem), problem.options.mean)
        #expect(before > 1.5)
        #expect(after < 0.3 * before, "sample mean moved from \(before) to \(after) away from the data mean")

        // The non-saturating critic loss starts at 2·ln 2 (an untrained critic cannot tell) and falls below it as the
        // critic learns to tell real from fake.
        let lossD = try metricLines(dir).map { $0["loss_d"] as! Double }
        #expect(abs(lossD[0] - 2 * log(2.0)) < 0.3)
        #expect(lossD[1..<6].reduce(0, +) / 5 < 2 * log(2.0) - 0.1, "critic loss over the first steps: \(lossD.prefix(6))")
    }

    /// With a linear critic D(x) = w·x + b, constant real data r = c + δ and zero latents (fake = the generator's bias
    /// c), every term has a closed form: loss_D = −w·δ, GP = (‖w‖ − 1)², R1 = ‖w‖², ∂loss_D/∂w = −δ + λ·2(‖w‖−1)·w/‖w‖
    /// + (γ/2·k)·2w, ∂/∂b = 0; then ∂loss_G/∂c = −w′ with the updated w′. Adam's first step moves each parameter by
    /// −lr·g/(|g| + ε). The problem's own generator term k·Σ_j fake_j adds k to ∂loss_G/∂c.
    @Test(arguments: [(Float(10), Float(0), Float(0)), (0, 0.5, 0), (10, 0.5, 0), (10, 0, 0.3)])
    func oneStepMatchesClosedForm(lambda: Float, gamma: Float, k: Float) throws {
        let dir = temporaryRunDirectory("closedForm\(lambda)-\(gamma)-\(k)")
        defer { try? FileManager.default.removeItem(at: dir) }
        var options = ToyProblem.Options()
        options.hiddenLayers = false
        options.deterministic = true
        options.generatorPenalty = k
        let c = ToyProblem(options).net.out.bias!.value.scalars.map(Double.init)
        let delta = [0.01, -0.02]
        options.mean = zip(c, delta).map { Float($0 + $1) }
        let problem = ToyProblem(options)
        let w0 = problem.criticNets[0].out.weight.value.scalars.map(Double.init)
        let b0 = problem.criticNets[0].out.bias!.value.item
        let gWeight0 = problem.net.out.weight.value.scalars

        var config = quickConfig(steps: 1)
        config.criticSteps = 1
        config.gradientPenaltyWeight = lambda
        config.r1Gamma = gamma
        config.r1Every = 4
        config.criticOptimizer.learningRate = 1e-3
        config.generatorOptimizer.learningRate = 1e-3
        _ = try quietTrainer(problem, config, dir).run()

        let norm = (w0[0] * w0[0] + w0[1] * w0[1]).squareRoot()
        let r1Weight = Double(gamma) / 2 * 4
        let g = (0..<2).map { j in
            -delta[j] + Double(lambda) * 2 * (norm - 1) * w0[j] / norm + r1Weight * 2 * w0[j]
        }
        let adamStep = { (g: Double) in -1e-3 * g / (abs(g) + 1e-8) }
        let w1 = (0..<2).map { w0[$0] + adamStep(g[$0]) }
        let c1 = (0..<2).map { c[$0] + adamStep(-w1[$0] + Double(k)) }

        let critic = problem.criticNets[0].out
        for j in 0..<2 {
            #expect(abs(Double(critic.weight.value.scalars[j]) - w1[j]) < 1e-6)
            #expect(abs(Double(problem.net.out.bias!.value.scalars[j]) - c1[j]) < 1e-6)
        }
        #expect(critic.bias!.value.item == b0)
        #expect(problem.net.out.weight.value.scalars == gWeight0)  // its gradient −w′·zᵀ is zero

        let line = try metricLines(dir)[0]
        #expect(abs(line["loss_d"] as! Double - -(w0[0] * delta[0] + w0[1] * delta[1])) < 1e-6)
        let lossG = -(w1[0] * c[0] + w1[1] * c[1] + Double(b0)) + Double(k) * (c[0] + c[1])
        #expect(abs(line["loss_g"] as! Double - lossG) < 1e-5)
        #expect((line["gp"] as? Double).map { abs($0 - (norm - 1) * (norm - 1)) < 1e-5 } ?? (lambda == 0))
        #expect((line["r1"] as? Double).map { abs($0 - norm * norm) < 1e-5 } ?? (gamma == 0))
    }

    @Test func everyLossRunsWithAndWithoutEachPenalty() throws {
        for loss in GANLoss.allCases {
            for (lambda, gamma) in [(Float(0), Float(0)), (10, 0), (0, 1), (10, 1)] {
                let dir = temporaryRunDirectory("combo-\(loss)-\(lambda)-\(gamma)")
                defer { try? FileManager.default.removeItem(at: dir) }
                var options = ToyProblem.Options()
                options.critics = 2
                options.conditional = true
                let problem = ToyProblem(options)
                let before = problem.critics.flatMap { $0.parameters().flatMap(\.value.scalars) }
                var config = quickConfig(steps: 2)
                config.loss = loss
                config.gradientPenaltyWeight = lambda
                config.r1Gamma = gamma
                config.r1Every = 1
                _ = try quietTrainer(problem, config, dir).run()
                let line = try metricLines(dir).last!
                for key in ["loss_d", "loss_g"] + (lambda > 0 ? ["gp"] : []) + (gamma > 0 ? ["r1"] : []) {
                    #expect((line[key] as? Double)?.isFinite == true, "\(loss) λ=\(lambda) γ=\(gamma): \(key)")
                }
                #expect((line["gp"] != nil) == (lambda > 0) && (line["r1"] != nil) == (gamma > 0))
                #expect(problem.critics.flatMap { $0.parameters().flatMap(\.value.scalars) } != before)
            }
        }
    }
}
