import Foundation
import Testing
import SwiftGAN
import _TestSupport

/// A fresh folder path in the temporary directory (not created).
func temporaryURL(_ name: String) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("swiftgan-\(name)-\(UUID().uuidString)")
}

/// Options for a tiny model trained for a few steps.
func tinyOptions(steps: Int = 6, ema: Float = 0.9) -> SeriesSynthesizerOptions {
    var o = SeriesSynthesizerOptions()
    o.model.latentDimension = 4
    o.model.noiseChannels = 1
    o.model.width = 6
    o.model.layers = 1
    o.model.kernelSize = 3
    o.training.batchSize = 8
    o.training.criticSteps = 2
    o.training.maxSteps = steps
    o.training.checkpointEverySteps = 3
    o.training.logEvery = 3
    o.training.emaDecay = ema
    o.training.seed = 11
    return o
}

/// Sines in a range other than [0, 1], so scaling is exercised; optional labels by series parity.
func trainingData(count: Int = 24, labelled: Bool = false) throws -> SeriesArray {
    var data = try Sines.generate(count: count, length: 6, features: 2, seed: 3)
    data.values = data.values.map { $0 * 40 - 7 }
    if labelled {
        data.labels = (0..<count).map { $0 % 2 == 0 ? "even" : "odd" }
        data.labelName = "parity"
    }
    return data
}

@Suite struct SeriesSynthesizerTests {
    @Test func fitWritesARunAndSamplesAreSeededPerWindow() throws {
        let run = temporaryURL("series-run")
        defer { try? FileManager.default.removeItem(at: run) }
        let data = try trainingData()
        let synthesizer = try SeriesSynthesizer.fit(data, options: tinyOptions(), runDirectory: run, progress: nil)
        let outcome = try #require(synthesizer.trainingOutcome)
        #expect(outcome.step == 6 && outcome.status == .reachedStepBudget)
        for file in ["config.json", "metrics.jsonl", "model.safetensors"] {
            #expect(FileManager.default.fileExists(atPath: run.appendingPathComponent(file).path))
        }
        let metrics = try String(contentsOf: run.appendingPathComponent("metrics.jsonl"), encoding: .utf8)
        #expect(metrics.contains("\"acf_distance\"") && metrics.contains("\"marginal_ks\""))

        let ten = try synthesizer.sample(count: 10, seed: 4)
        #expect(ten.count == 10 && ten.length == 6 && ten.features == 2 && ten.featureNames == data.featureNames)
        #expect(Array(try synthesizer.sample(count: 3, seed: 4).values) == Array(ten.values.prefix(3 * 12)))
        #expect(try synthesizer.sample(count: 10, seed: 5).values != ten.values)
        // Min-max scaling with a sigmoid output keeps samples inside the training range.
        let (lo, hi) = (data.values.min()!, data.values.max()!)
        #expect(ten.values.allSatisfy { $0 >= lo - 1e-3 && $0 <= hi + 1e-3 })
        #expect(try synthesizer.sample(count: 0).count == 0)
    }

    @Test func modelFilesRunDirectoriesAndCheckpointsGiveTheSameSamples() throws {
        let run = temporaryURL("series-run"), file = temporaryURL("series-model").appendingPathExtension("safetensors")
        defer { for u in [run, file] { try? FileManager.default.removeItem(at: u) } }
        let synthesizer = try SeriesSynthesizer.fit(try trainingData(), options: tinyOptions(), runDirectory: run,
                                                    progress: nil)
        let expected = try synthesizer.sample(count: 7, seed: 1)
        try synthesizer.save(to: file)
        #expect(try SeriesSynthesizer.load(from: file).sample(count: 7, seed: 1) == expected)
        #expect(try SeriesSynthesizer.load(from: run).sample(count: 7, seed: 1) == expected)
        // A checkpoint file holds the moving-average weights the model file was made from.
        let checkpoints = run.appendingPathComponent("checkpoints")
        let newest = try FileManager.default.contentsOfDirectory(atPath: checkpoints.path).filter { $0.hasPrefix("step-") }.max()!
        #expect(try SeriesSynthesizer.load(from: checkpoints.appendingPathComponent(newest)).sample(count: 7, seed: 1) == expected)
        // Without model.safetensors the newest checkpoint is used.
        try FileManager.default.removeItem(at: run.appendingPathComponent(SeriesSynthesizer.modelFileName))
        #expect(try SeriesSynthesizer.load(from: run).sample(count: 7, seed: 1).values == expected.values)
    }

    @Test func resumingEqualsTrainingStraightThrough() throws {
        let straight = temporaryURL("series-straight"), split = temporaryURL("series-split")
        defer { for u in [straight, split] { try? FileManager.default.removeItem(at: u) } }
        let data = try trainingData(labelled: true)
        let full = try SeriesSynthesizer.fit(data, options: tinyOptions(steps: 6), runDirectory: straight, progress: nil)
        _ = try SeriesSynthesizer.fit(data, options: tinyOptions(steps: 3), runDirectory: split, progress: nil)
        let resumed = try SeriesSynthesizer.resume(runDirectory: split, data: data, budget: .steps(6), progress: nil)
        #expect(resumed.trainingOutcome?.step == 6)
        #expect(try resumed.sample(count: 5, seed: 2) == full.sample(count: 5, seed: 2))
        // Other data cannot continue the run.
        #expect(throws: SeriesSynthesisError.self) {
            try SeriesSynthesizer.resume(runDirectory: split, data: try trainingData(count: 30, labelled: true),
                                         budget: .steps(8), progress: nil)
        }
    }

    @Test func conditionalModelsSampleTheirLabels() throws {
        let run = temporaryURL("series-run")
        defer { try? FileManager.default.removeItem(at: run) }
        let synthesizer = try SeriesSynthesizer.fit(try trainingData(labelled: true), options: tinyOptions(),
                                                    runDirectory: run, progress: nil)
        #expect(synthesizer.labels == ["even", "odd"])
        let odd = try synthesizer.sample(count: 4, label: "odd")
        #expect(odd.labels == Array(repeating: "odd", count: 4) && odd.labelName == "parity")
        let mixed = try synthesizer.sample(count: 200)
        let evens = mixed.labels!.filter { $0 == "even" }.count
        #expect(evens > 70 && evens < 130)  // training proportions are 1:1
        #expect(throws: SeriesSynthesisError.unknownLabel("blue", known: ["even", "odd"])) {
            try synthesizer.sample(count: 1, label: "blue")
        }
    }

    @Test func badTrainingDataIsReported() throws {
        let run = temporaryURL("series-run")
        defer { try? FileManager.default.removeItem(at: run) }
        func fit(_ data: SeriesArray) throws {
            _ = try SeriesSynthesizer.fit(data, options: tinyOptions(), runDirectory: run, progress: nil)
        }
        var nan = try trainingData()
        nan[2, 3, 1] = .nan
        #expect(throws: SeriesError.notFinite(series: "2", step: 3, feature: "sine1")) {
            try fit(nan)
        }
        #expect(throws: SeriesSynthesisError.tooFewWindows(count: 1)) {
            try fit(try trainingData().selecting([0]))
        }
        var lonely = try trainingData(labelled: true)
        lonely.labels![5] = "solo"
        #expect(throws: SeriesError.labelTooSmall(label: "solo", members: 1, needed: 2, operation: "conditional training")) {
            try fit(lonely)
        }
        #expect(throws: SeriesSynthesisError.self) { try SeriesSynthesizer.load(from: run) }
        #expect(!FileManager.default.fileExists(atPath: run.appendingPathComponent("model.safetensors").path))
    }
}
