import Foundation
import SwiftGAN
import Testing
import _TestSupport

/// Model files edited the way the untrusted-input audit crafted them: each loads with a one-line error, before any
/// network is built, or samples correctly.
@Suite struct CraftedModelFileTests {
    /// Tiny trained models, one per domain, shared by the tests below.
    static let folder: URL = {
        let url = temporaryURL("crafted-models")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()
    static let tableModel: URL = {
        let run = folder.appendingPathComponent("table")
        _ = try! TableSynthesizer.fit(try! TableSynthesizerTests.toyTable(),
                                      options: TableSynthesizerTests.tinyOptions(epochs: 1), runDirectory: run, progress: nil)
        return run.appendingPathComponent("model.safetensors")
    }()
    static let seriesModel: URL = {
        let run = folder.appendingPathComponent("series")
        _ = try! SeriesSynthesizer.fit(try! trainingData(labelled: true), options: tinyOptions(steps: 2), runDirectory: run,
                                       progress: nil)
        return run.appendingPathComponent("model.safetensors")
    }()
    static let audioModel: URL = {
        let run = folder.appendingPathComponent("audio")
        _ = try! AudioSynthesizer.fit(.clips(AudioSynthesizerTests.sines(count: 4)),
                                      options: AudioSynthesizerTests.tinyOptions(steps: 1), runDirectory: run,
                                        progress: nil)
        return run.appendingPathComponent("model.safetensors")
    }()

    /// A copy of `model` whose JSON metadata entry `key` is changed by `edit`.
    static func edited(_ model: URL, _ key: String, _ edit: (inout [String: Any]) -> Void) throws -> URL {
        let contents = try Safetensors.read(model)
        var object = try JSONSerialization.jsonObject(with: Data(contents.metadata[key]!.utf8)) as! [String: Any]
        edit(&object)
        var metadata = contents.metadata
        metadata[key] = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        let url = folder.appendingPathComponent("edited-\(UUID().uuidString).safetensors")
        try Safetensors.write(contents.order.map { ($0, contents.tensors[$0]!) }, metadata: metadata, to: url)
        return url
    }

    /// The one-line message `body` throws (or "no error").
    static func message(_ body: () throws -> Void) -> String {
        do { try body(); return "no error" } catch { return "\(error)" }
    }

    static func expectRefused(_ url: URL, _ load: (URL) throws -> Void, mentioning expected: String,
                              sourceLocation: SourceLocation = #_sourceLocation) {
        let text = message { try load(url) }
        #expect(text != "no error" && text.contains(expected) && !text.contains("\n"), "\(text)",
                sourceLocation: sourceLocation)
    }

    // MARK: Tables

    static func editDiscreteColumn(_ key: String, _ value: Any) -> (inout [String: Any]) -> Void {
        { transformer in
            var columns = transformer["discreteColumns"] as! [[String: Any]]
            columns[0][key] = value
            transformer["discreteColumns"] = columns
        }
    }

    @Test(arguments: [1 << 40, 2])
    func tableOutputOffsetsOutsideTheRowAreRefused(_ offset: Int) throws {
        let url = try Self.edited(Self.tableModel, "transformer", Self.editDiscreteColumn("outputOffset", offset))
        Self.expectRefused(url, { _ = try TableSynthesizer.load(from: $0) }, mentioning: "row layout")
    }

    @Test func tableSpanOffsetsThatDisagreeWithTheColumnsAreRefused() throws {
        let url = try Self.edited(Self.tableModel, "transformer") { $0["spanOffsets"] = [1000] }
        Self.expectRefused(url, { _ = try TableSynthesizer.load(from: $0) }, mentioning: "row layout")
    }

    @Test func tableConditionWeightsBeyondTheDiscreteColumnsAreRefused() throws {
        let url = try Self.edited(Self.tableModel, "config") { config in
            config["conditionColumnWeights"] = (config["conditionColumnWeights"] as! [Double]) + [0.5, 0.5]
        }
        Self.expectRefused(url, { _ = try TableSynthesizer.load(from: $0) }, mentioning: "condition column weights")
    }

    @Test(arguments: [(1 << 20, "weights"), (64, "the file holds only")])
    func tableLayersLargerThanTheFileAreRefusedBeforeBuilding(_ width: Int, _ expected: String) throws {
        let url = try Self.edited(Self.tableModel, "config") { config in
            var gan = config["gan"] as! [String: Any]
            gan["generatorLayers"] = [width, width]
            config["gan"] = gan
        }
        Self.expectRefused(url, { _ = try TableSynthesizer.load(from: $0) }, mentioning: expected)
    }

    // MARK: Series

    static func editSeries(_ edit: @escaping (inout [String: Any]) -> Void) throws -> URL {
        try edited(seriesModel, "swiftgan.series", edit)
    }

    static func editSeriesModel(_ key: String, _ value: Any) throws -> URL {
        try editSeries { d in
            var model = d["model"] as! [String: Any]
            model[key] = value
            d["model"] = model
        }
    }

    @Test func aSeriesScalerWithAZeroScaleIsRefused() throws {
        let url = try Self.editSeries { d in
            var scaler = d["scaler"] as! [String: Any]
            scaler["scale"] = (scaler["scale"] as! [Double]).map { _ in 0.0 }
            d["scaler"] = scaler
        }
        Self.expectRefused(url, { _ = try SeriesSynthesizer.load(from: $0) }, mentioning: "positive scale")
    }

    @Test func seriesLabelsThatDisagreeWithTheirCountsAreRefused() throws {
        let moreLabels = try Self.editSeries { $0["labels"] = ["even", "odd", "third"] }
        Self.expectRefused(moreLabels, { _ = try SeriesSynthesizer.load(from: $0) }, mentioning: "3 labels")
        let moreCounts = try Self.editSeries { $0["labelCounts"] = [12, 12, 12] }
        Self.expectRefused(moreCounts, { _ = try SeriesSynthesizer.load(from: $0) }, mentioning: "3 label counts")
        let zero = try Self.editSeries { $0["labelCounts"] = [0, 12] }
        Self.expectRefused(zero, { _ = try SeriesSynthesizer.load(from: $0) }, mentioning: "label counts")
        let fewerLabels = try Self.editSeries { $0["labels"] = ["even"] }
        Self.expectRefused(fewerLabels, { _ = try SeriesSynthesizer.load(from: $0) }, mentioning: "1 labels")
    }

    @Test func seriesSizesBeyondTheFileAreRefusedBeforeBuilding() throws {
        let huge = try Self.editSeries { d in
            var model = d["model"] as! [String: Any]
            model["width"] = 1 << 32
            model["length"] = 1 << 32
            d["model"] = model
        }
        Self.expectRefused(huge, { _ = try SeriesSynthesizer.load(from: $0) }, mentioning: "weights")
        let wide = try Self.editSeriesModel("width", 4096)
        Self.expectRefused(wide, { _ = try SeriesSynthesizer.load(from: $0) }, mentioning: "the file holds only")
    }

    // MARK: Audio

    static func editWaveGAN(_ key: String, _ value: Any) throws -> URL {
        try edited(audioModel, "config") { config in
            var wavegan = config["wavegan"] as! [String: Any]
            wavegan[key] = value
            config["wavegan"] = wavegan
        }
    }

    @Test func anAudioModelSizeBeyondTheFileIsRefusedBeforeBuilding() throws {
        let huge = try Self.editWaveGAN("modelSize", 1 << 40)
        Self.expectRefused(huge, { _ = try AudioSynthesizer.load(from: $0) }, mentioning: "weights")
        let larger = try Self.editWaveGAN("modelSize", 64)
        Self.expectRefused(larger, { _ = try AudioSynthesizer.load(from: $0) }, mentioning: "the file holds only")
    }

    @Test func audioLabelNamesBeyondTheGeneratorsLabelsAreRefused() throws {
        let url = try Self.edited(Self.audioModel, "config") { $0["labels"] = ["a", "b"] }
        Self.expectRefused(url, { _ = try AudioSynthesizer.load(from: $0) }, mentioning: "2 label names")
    }

    // MARK: User counts, through the command line

    /// Runs the binary and checks: exit status 1, one line on stderr that contains `expected`.
    static func expectOneLineFailure(_ arguments: [String], mentioning expected: String,
                                     sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try runSwiftGAN(arguments)
        let lines = result.stderr.split(separator: "\n")
        #expect(result.status == 1 && lines.count == 1 && result.stderr.contains(expected),
                "status \(result.status): \(result.stderr)", sourceLocation: sourceLocation)
    }

    @Test func hugeCountsOnTheCommandLineGiveOneLineErrors() throws {
        let out = Self.folder.appendingPathComponent("cli-\(UUID().uuidString)")
        let huge = String(Int.max)
        try Self.expectOneLineFailure(["series", "sines", "--count", huge, "--out", out.path + ".npy"],
                                      mentioning: "ask for fewer")
        try Self.expectOneLineFailure(["audio", "generate", "--model", Self.audioModel.path, "--count", "2",
                                       "--batch", huge, "--out", out.path], mentioning: "batch size")
        try Self.expectOneLineFailure(["audio", "generate", "--model", Self.audioModel.path, "--count", huge,
                                       "--out", out.path], mentioning: "clips")
        try Self.expectOneLineFailure(["table", "sample", "--model", Self.tableModel.path, "--rows", huge,
                                       "--out", out.path + ".csv"], mentioning: "rows")
        try Self.expectOneLineFailure(["series", "sample", "--model", Self.seriesModel.path, "--count", huge,
                                       "--out", out.path + ".csv"], mentioning: "windows")
        let data = Self.folder.appendingPathComponent("cli-\(UUID().uuidString).npy").path
        #expect(try runSwiftGAN(["series", "sines", "--count", "4", "--length", "8", "--features", "2", "--out", data])
            .status == 0)
        try Self.expectOneLineFailure(["series", "train", "--data", data, "--out", out.path, "--steps", "2",
                                       "--batch-size", huge], mentioning: "batchSize")
        try Self.expectOneLineFailure(["series", "augment", "--data", data, "--methods", "jitter", "--copies", huge,
                                       "--out", out.path + ".npy"], mentioning: "copies")
        #expect(!FileManager.default.fileExists(atPath: out.path + ".npy"))
    }
}
