import Foundation
import NN
import TensorCore
import Testing
import Training

/// Each critic's own learning rate, generator-loss weight, R1 weight, matching-aware term and auxiliary classifier
/// (`CriticWeighting`).
@Suite struct CriticWeightingTests {
    func twoCritics(_ weightings: [CriticWeighting]) -> ToyProblem {
        var options = ToyProblem.Options()
        options.critics = 2
        options.weightings = weightings
        return ToyProblem(options)
    }

    func config() -> GANTrainingConfig {
        var c = quickConfig(steps: 1)
        c.criticSteps = 1
        c.loss = .nonSaturating
        c.gradientPenaltyWeight = 0
        return c
    }

    func parameters(_ m: Module) -> [Float] { m.namedParameters().flatMap { $0.parameter.value.scalars } }

    /// Adam's first step moves every parameter with a non-zero gradient by its learning rate: a critic with
    /// `learningRateScale` s moves by s·lr.
    @Test func eachCriticMovesAtItsOwnLearningRate() throws {
        let dir = temporaryRunDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let problem = twoCritics([CriticWeighting(), CriticWeighting(learningRateScale: 0.25)])
        let before = problem.criticNets.map(parameters)
        let c = config()
        try quietTrainer(problem, c, dir).trainStep()
        for (i, scale) in [(0, Float(1)), (1, 0.25)] {
            let moves = zip(before[i], parameters(problem.criticNets[i])).map { abs($1 - $0) }.filter { $0 > 0 }
            // A move is lr·|g|/(|g| + ε): the learning rate itself except for gradients near ε.
            let lr = scale * c.criticOptimizer.learningRate
            #expect(moves.count > 4 && moves.allSatisfy { $0 <= lr * 1.0001 })
            #expect(abs(moves.max()! - lr) < 1e-4 * lr)
        }
    }

    /// With generator-loss weight 0 a critic still trains, but what it says cannot reach the generator: changing
    /// its weights leaves the generator's update unchanged (and changes it when the weight is 1).
    @Test(arguments: [Float(0), 1])
    func aCriticWithWeightZeroDoesNotMoveTheGenerator(weight: Float) throws {
        func generatorAfterOneStep(scaleSecondCritic: Float) throws -> [Float] {
            let dir = temporaryRunDirectory("weight\(weight)-\(scaleSecondCritic)")
            defer { try? FileManager.default.removeItem(at: dir) }
            let problem = twoCritics([CriticWeighting(), CriticWeighting(generatorLoss: weight)])
            for p in problem.criticNets[1].parameters() {
                try p.assign(p.value.detached * scaleSecondCritic)
            }
            try quietTrainer(problem, config(), dir).trainStep()
            return parameters(problem.net)
        }
        let a = try generatorAfterOneStep(scaleSecondCritic: 1), b = try generatorAfterOneStep(scaleSecondCritic: 3)
        if weight == 0 { #expect(a == b) } else { #expect(a != b) }
    }

    /// `r1Scale` 0 takes one critic out of R1: its update is the one without any R1, while the other critic's
    /// changes.
    @Test func r1ScaleZeroExemptsOneCritic() throws {
        func criticsAfterOneStep(gamma: Float) throws -> [[Float]] {
            let dir = temporaryRunDirectory("r1\(gamma)")
            defer { try? FileManager.default.removeItem(at: dir) }
            let problem = twoCritics([CriticWeighting(), CriticWeighting(r1Scale: 0)])
            var c = config()
            c.r1Gamma = gamma
            c.r1Every = 1
            try quietTrainer(problem, c, dir).trainStep()
            return problem.criticNets.map(parameters)
        }
        let without = try criticsAfterOneStep(gamma: 0), with = try criticsAfterOneStep(gamma: 5)
        #expect(with[1] == without[1])
        #expect(with[0] != without[0])
    }

    /// The matching-aware term adds real examples with another example's label, scored as fakes: it changes a
    /// conditional critic's update and leaves an unconditional one's alone (it has no labels to mismatch).
    @Test(arguments: [false, true])
    func mismatchedLabelsTrainOnlyConditionalCritics(conditional: Bool) throws {
        func criticAfterOneStep(weight: Float) throws -> [Float] {
            let dir = temporaryRunDirectory("mismatch\(conditional)-\(weight)")
            defer { try? FileManager.default.removeItem(at: dir) }
            var options = ToyProblem.Options()
            options.conditional = conditional
            options.weightings = [CriticWeighting(mismatchedLabels: weight)]
            let problem = ToyProblem(options)
            try quietTrainer(problem, config(), dir).trainStep()
            return parameters(problem.criticNets[0])
        }
        let without = try criticAfterOneStep(weight: 0), with = try criticAfterOneStep(weight: 1)
        if conditional { #expect(with != without) } else { #expect(with == without) }
    }

    /// The auxiliary classifier: its critic-side weight changes a conditional critic's update (and nothing without
    /// labels); its generator-side weight changes only the generator's update, since the critic updates of a step
    /// come first.
    @Test(arguments: [false, true])
    func classifierTermsMoveWhatTheyWeigh(conditional: Bool) throws {
        func afterOneStep(_ weighting: CriticWeighting) throws -> (critic: [Float], generator: [Float]) {
            let dir = temporaryRunDirectory("classifier\(conditional)-\(weighting.classifier)-\(weighting.generatorClassifier)")
            defer { try? FileManager.default.removeItem(at: dir) }
            var options = ToyProblem.Options()
            options.conditional = conditional
            options.classifierHead = true
            options.weightings = [weighting]
            let problem = ToyProblem(options)
            try quietTrainer(problem, config(), dir).trainStep()
            return (parameters(problem.criticNets[0]), parameters(problem.net))
        }
        let none = try afterOneStep(CriticWeighting())
        let critic = try afterOneStep(CriticWeighting(classifier: 1))
        let generator = try afterOneStep(CriticWeighting(generatorClassifier: 1))
        #expect(generator.critic == none.critic)
        if conditional {
            #expect(critic.critic != none.critic)
            #expect(generator.generator != none.generator)
        } else {
            #expect(critic.critic == none.critic && critic.generator == none.generator)
            #expect(generator.generator == none.generator)
        }
    }

    /// Class logits of the wrong shape for the labels are the problem's fault, said as such.
    @Test func logitsOfTheWrongWidthAreRefused() throws {
        let dir = temporaryRunDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var options = ToyProblem.Options()
        options.conditional = true
        options.classifierHead = true
        options.logitWidth = 1
        options.weightings = [CriticWeighting(classifier: 1)]
        #expect(throws: TrainingError.self) { try quietTrainer(ToyProblem(options), config(), dir).trainStep() }
    }

    @Test func unusableWeightingsAreRefused() throws {
        for bad in [[CriticWeighting(generatorLoss: 0), CriticWeighting(generatorLoss: 0)],
                    [CriticWeighting(), CriticWeighting(learningRateScale: 0)],
                    [CriticWeighting(r1Scale: .nan), CriticWeighting()],
                    [CriticWeighting(mismatchedLabels: -1), CriticWeighting()],
                    [CriticWeighting(classifier: .infinity), CriticWeighting()],
                    [CriticWeighting(), CriticWeighting(generatorClassifier: -1)]] {
            let dir = temporaryRunDirectory()
            defer { try? FileManager.default.removeItem(at: dir) }
            #expect(throws: TrainingError.self) { try quietTrainer(twoCritics(bad), config(), dir) }
        }
    }
}
