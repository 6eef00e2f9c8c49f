import Foundation
import SwiftGAN

// A pipeline that trains one tiny model per domain, samples from each and checks the shapes. It imports SwiftGAN
// alone; every type it names comes from there. Runs in a few seconds in a release build.

let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("swiftgan-pipeline-\(UUID().uuidString)")

/// Fails the pipeline with one line on stderr.
func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    guard condition else {
        FileHandle.standardError.write(Data("pipeline check failed: \(message())\n".utf8))
        try? FileManager.default.removeItem(at: scratch)
        exit(1)
    }
}
let clock = Date()

do {
    try BLAS.load()

    // MARK: A table: a class and two numbers that depend on it.
    var g = SeededGenerator(seed: 1)
    var classes: [String?] = [], x: [Double] = [], y: [Double] = []
    for _ in 0..<60 {
        let positive = g.uniform() < 0.4
        classes.append(positive ? "yes" : "no")
        x.append(((positive ? 3 : -3) + g.normal() * 100).rounded() / 100)
        y.append(((positive ? 1 : 5) + g.normal() * 10).rounded() / 10)
    }
    let table = try Table(columns: [
        Column(name: "class", strings: classes),
        Column(name: "x", kind: .float, decimals: 2, values: x),
        Column(name: "y", kind: .float, decimals: 1, values: y),
    ])
    var tableOptions = TableTrainingOptions()
    tableOptions.model.latentDimension = 8
    tableOptions.model.generatorLayers = [16]
    tableOptions.model.criticLayers = [16]
    tableOptions.model.pac = 2
    tableOptions.batchSize = 20
    tableOptions.epochs = 3
    tableOptions.target = "class"
    tableOptions.training.checkpointEveryMinutes = nil
    let tables = try TableSynthesizer.fit(table, options: tableOptions, runDirectory: scratch.appendingPathComponent("table"),
                                          progress: nil)
    let rows = try tables.sample(count: 25, seed: 2)
    check(rows.rowCount == 25 && rows.columnNames == ["class", "x", "y"], "table sample: \(rows.rowCount) rows, "
          + "columns \(rows.columnNames)")
    print("table: 25 rows × \(rows.columnNames.count) columns sampled")

    // MARK: Series: sines, 16 windows of 8 steps × 2 features.
    let sines = try Sines.generate(count: 16, length: 8, features: 2, seed: 3)
    var seriesOptions = SeriesSynthesizerOptions()
    seriesOptions.model.latentDimension = 4
    seriesOptions.model.noiseChannels = 1
    seriesOptions.model.width = 6
    seriesOptions.model.layers = 1
    seriesOptions.model.kernelSize = 3
    seriesOptions.training.batchSize = 8
    let seriesRun = scratch.appendingPathComponent("series")
    let series = try SeriesSynthesizer.fit(sines, options: seriesOptions, runDirectory: seriesRun, budget: .steps(2),
                                           progress: nil)
    // Two more steps: the run continues from its checkpoint.
    let resumed = try SeriesSynthesizer.resume(runDirectory: seriesRun, data: sines, budget: .steps(4), progress: nil)
    check(series.trainingOutcome?.step == 2 && resumed.trainingOutcome?.step == 4,
          "series steps: \(String(describing: series.trainingOutcome?.step)), then "
          + "\(String(describing: resumed.trainingOutcome?.step))")
    let windows = try resumed.sample(count: 5, seed: 4)
    check(windows.count == 5 && windows.length == 8 && windows.features == 2,
          "series sample: \(windows.count) × \(windows.length) × \(windows.features)")
    print("series: 5 windows × 8 steps × 2 features sampled")

    // MARK: Audio: four sine clips of 4096 samples, a WaveGAN of model size 2.
    let clips = (0..<4).flatMap { c in (0..<4096).map { Float(0.5 * sin(Double($0) * 0.05 * Double(c + 1))) } }
    var audioOptions = AudioTrainingOptions()
    audioOptions.model.wavegan.sliceLength = 4096
    audioOptions.model.wavegan.modelSize = 2
    audioOptions.clips.sliceLength = 4096
    audioOptions.training.batchSize = 2
    audioOptions.training.checkpointEveryMinutes = nil
    let audio = try AudioSynthesizer.fit(.clips(clips), options: audioOptions,
                                         runDirectory: scratch.appendingPathComponent("audio"), budget: .steps(2),
                                         progress: nil)
    let generated = try audio.sample(count: 3, seed: 5)
    check(generated.shape == [3, 1, 4096], "audio clips: shape \(generated.shape)")
    let reloaded = try AudioSynthesizer.load(from: scratch.appendingPathComponent("audio"))
    check(try reloaded.sample(count: 3, seed: 5).scalars == generated.scalars, "the saved audio model differs")
    print("audio: 3 clips of 4096 samples generated")
} catch {
    check(false, "\(error)")
}
try? FileManager.default.removeItem(at: scratch)
print(String(format: "pipeline passed in %.1f s", Date().timeIntervalSince(clock)))
