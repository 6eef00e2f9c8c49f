import Foundation
import SwiftGAN
import Testing

/// The shape the three synthesizers share (`Synthesizer`): fit with a budget, save, load, sample, resume. One generic
/// check run on a tiny model of each.
@Suite struct SynthesizerShapeTests {
    /// Fits two steps, saves, loads and samples `[3, …]`, then resumes to step 4 and refuses an empty budget with the
    /// domain's error. `shape` gives a sample set's dimensions, `same` compares two sets.
    func checkShape<S: Synthesizer, E: Error>(
        _ type: S.Type, data: S.TrainingData, options: S.Options, shape: (S.Samples) -> [Int],
        same: (S.Samples, S.Samples) -> Bool, expected: [Int], error: E.Type
    ) throws {
        let run = temporaryURL("shape-run"), file = temporaryURL("shape-model").appendingPathExtension("safetensors")
        defer { for u in [run, file] { try? FileManager.default.removeItem(at: u) } }
        let synth = try S.fit(data, options: options, runDirectory: run, budget: .steps(2), progress: nil, onLog: nil)
        #expect(synth.trainingOutcome?.step == 2 && synth.trainingOutcome?.status == .reachedStepBudget)
        #expect(FileManager.default.fileExists(atPath: run.appendingPathComponent("model.safetensors").path))
        try synth.save(to: file)
        let loaded = try S.load(from: file), fromRun = try S.load(from: run)
        #expect(loaded.trainingOutcome == nil)
        let samples = try synth.sample(count: 3, seed: 1)
        #expect(shape(samples) == expected)
        #expect(same(samples, try loaded.sample(count: 3, seed: 1)), "the saved model samples differently")
        #expect(same(samples, try fromRun.sample(count: 3, seed: 1)), "the run's model samples differently")
        #expect(!same(samples, try loaded.sample(count: 3, seed: 2)), "the seed was ignored")

        var logged: [Int] = []
        let resumed = try S.resume(runDirectory: run, data: data, budget: .steps(4), progress: nil,
                                   onLog: { logged.append($0.step) })
        #expect(resumed.trainingOutcome?.step == 4)
        #expect(logged.allSatisfy { $0 > 2 && $0 <= 4 } && !logged.isEmpty, "logged steps \(logged)")
        #expect(shape(try resumed.sample(count: 3, seed: 1)) == expected)
        #expect(throws: E.self) {
            _ = try S.fit(data, options: options, runDirectory: nil, budget: TrainingBudget(), progress: nil, onLog: nil)
        }
        #expect(throws: E.self) { _ = try S.load(from: run.appendingPathComponent("nothing-here")) }
    }

    @Test func audio() throws {
        var options = AudioSynthesizerTests.tinyOptions(steps: 100)
        options.evaluateEvery = 0
        try checkShape(AudioSynthesizer.self, data: .clips(AudioSynthesizerTests.sines(count: 4)), options: options,
                       shape: \.shape, same: { $0.scalars == $1.scalars }, expected: [3, 1, 4096],
                       error: AudioSynthesisError.self)
    }

    @Test func table() throws {
        var options = TableSynthesizerTests.tinyOptions(epochs: 100)
        options.training.logEvery = 1
        try checkShape(TableSynthesizer.self, data: try TableSynthesizerTests.toyTable(), options: options,
                       shape: { [$0.rowCount, $0.columnNames.count] },
                       same: { a, b in a.columns.indices.allSatisfy { c in
                           (0..<a.rowCount).allSatisfy { a.columns[c].text($0) == b.columns[c].text($0) } } },
                       expected: [3, 4], error: TableSynthesisError.self)
    }

    @Test func series() throws {
        var options = tinyOptions(steps: 100)
        options.training.logEvery = 1
        try checkShape(SeriesSynthesizer.self, data: try trainingData(labelled: true), options: options,
                       shape: { [$0.count, $0.length, $0.features] }, same: { $0.values == $1.values },
                       expected: [3, 6, 2], error: SeriesSynthesisError.self)
    }

    @Test func budgets() {
        #expect(TrainingBudget.minutes(2) == TrainingBudget(seconds: 120))
        #expect(TrainingBudget.steps(5).seconds == nil && TrainingBudget.seconds(3).steps == nil)
        #expect(TrainingBudget().problem != nil && TrainingBudget.steps(-1).problem != nil)
        #expect(TrainingBudget.seconds(.infinity).problem != nil && TrainingBudget.seconds(0).problem != nil)
        #expect(TrainingBudget(steps: 10, seconds: 60).problem == nil)
        var config = GANTrainingConfig()
        config.maxSteps = 7
        config.maxMinutes = 1.5
        #expect(TrainingBudget(config) == TrainingBudget(steps: 7, seconds: 90))
    }
}
