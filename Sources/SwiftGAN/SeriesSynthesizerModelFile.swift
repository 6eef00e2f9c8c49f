import Foundation
import Models
import NN
import TensorCore

/// Model files of `SeriesSynthesizer`: safetensors with the generator's weights (PyTorch names) and, in
/// `__metadata__`, `swiftgan.kind` = `series` and `swiftgan.series` = the JSON description (model configuration,
/// scaler, feature names, labels and their training counts).
extension SeriesSynthesizer {
    static let kindKey = "swiftgan.kind", descriptionKey = "swiftgan.series"

    /// Writes the trained generator and its description to `url` atomically.
    public func save(to url: URL) throws {
        guard let description = trained, let generator else { throw SeriesSynthesisError.notTrained }
        try generator.save(to: url, metadata: [
            SeriesSynthesizer.kindKey: "series",
            SeriesSynthesizer.descriptionKey: String(decoding: try description.json(), as: UTF8.self),
        ])
    }

    /// A synthesizer from a model file, a training checkpoint, or a run directory (its `model.safetensors`, else its
    /// newest checkpoint). Checkpoints give the moving-average weights when the run kept them.
    public static func load(from url: URL) throws -> SeriesSynthesizer {
        try BLAS.load()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw SeriesSynthesisError.incompatibleModel(path: url.path, reason: "no such file or directory")
        }
        if !isDirectory.boolValue { return try load(file: url) }
        let model = url.appendingPathComponent(modelFileName)
        if FileManager.default.fileExists(atPath: model.path) { return try load(file: model) }
        let folder = url.appendingPathComponent("checkpoints")
        let newest = (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?
            .filter { $0.hasPrefix("step-") && $0.hasSuffix(".safetensors") }.max()
        guard let newest else {
            throw SeriesSynthesisError.incompatibleModel(
                path: url.path, reason: "the folder has neither \(modelFileName) nor checkpoints/step-*.safetensors")
        }
        let checkpoint = folder.appendingPathComponent(newest)
        return try load(checkpoint: checkpoint, contents: Safetensors.read(checkpoint))
    }

    private static func load(file url: URL) throws -> SeriesSynthesizer {
        let contents = try Safetensors.read(url)
        if contents.metadata[kindKey] == nil, contents.metadata["domain_config"] != nil {
            return try load(checkpoint: url, contents: contents)
        }
        guard contents.metadata[kindKey] == "series", let text = contents.metadata[descriptionKey] else {
            let kind = contents.metadata[kindKey].map { "a '\($0)' model" } ?? "no SwiftGAN series metadata"
            throw SeriesSynthesisError.incompatibleModel(path: url.path, reason: "it holds \(kind)")
        }
        return try make(SeriesModelDescription.decode(text, path: url.path), tensors: contents.tensors, path: url.path)
    }

    private static func load(checkpoint url: URL, contents: Safetensors.Contents) throws -> SeriesSynthesizer {
        guard let text = contents.metadata["domain_config"] else {
            throw SeriesSynthesisError.incompatibleModel(path: url.path, reason: "the checkpoint has no domain configuration")
        }
        let description = try SeriesModelDescription.decode(text, path: url.path)
        let prefix = contents.tensors.keys.contains { $0.hasPrefix("ema.") } ? "ema." : "generator."
        var tensors: [String: Tensor] = [:]
        for (name, t) in contents.tensors where name.hasPrefix(prefix) { tensors[String(name.dropFirst(prefix.count))] = t }
        return try make(description, tensors: tensors, path: url.path)
    }

    private static func make(_ description: SeriesModelDescription, tensors: [String: Tensor], path: String) throws
        -> SeriesSynthesizer
    {
        try GeneratorSize.check(description.model.generatorWeights, fileValues: tensors.values.reduce(0) { $0 + $1.count },
                                path: path)
        var g = SeededGenerator(seed: 0)
        let generator = try SeriesGenerator(description.model, using: &g)
        do { try generator.loadStateDict(tensors) } catch {
            throw SeriesSynthesisError.incompatibleModel(path: path, reason: "\(error)")
        }
        generator.eval()
        var options = SeriesSynthesizerOptions()
        options.model = description.model
        options.scaling = description.scaler.kind
        options.conditional = !description.labels.isEmpty
        let synthesizer = SeriesSynthesizer(options: options)
        synthesizer.trained = description
        synthesizer.generator = generator
        return synthesizer
    }
}
