import Foundation
import Models
import NN
import TensorCore

/// Model files of `SeriesSynthesizer`: safetensors with the generator's weights (PyTorch names) and, in
/// `__metadata__`, `format` = `swiftgan.series.gan` and `swiftgan.series` = the JSON description (model
/// configuration, scaler, feature names, labels and their training counts). Files of SwiftGAN 0.1 name their format
/// with `swiftgan.kind` = `series` instead; both are read.
extension SeriesSynthesizer {
    /// Model-file `__metadata__` value of `format`.
    public static let formatName = "swiftgan.series.gan"
    static let kindKey = "swiftgan.kind", descriptionKey = "swiftgan.series"

    /// Writes the generator and its description to `url` atomically.
    public func save(to url: URL) throws {
        try ModelFile.write(generator, format: SeriesSynthesizer.formatName, metadata: [
            SeriesSynthesizer.kindKey: "series",
            SeriesSynthesizer.descriptionKey: String(decoding: try trained.json(), as: UTF8.self),
        ], to: url)
    }

    /// A synthesizer from a model file, a training checkpoint, or a run directory (its `model.safetensors`, else its
    /// newest checkpoint). Checkpoints give the moving-average weights when the run kept them.
    public static func load(from url: URL) throws -> SeriesSynthesizer {
        if let file = try ModelFile.resolve(url, notAModel: SeriesSynthesisError.notAModel) { return try load(file: file) }
        let folder = url.appendingPathComponent("checkpoints")
        let newest = (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?
            .filter { $0.hasPrefix("step-") && $0.hasSuffix(".safetensors") }.max()
        guard let newest else {
            throw SeriesSynthesisError.unusable(
                path: url.path, reason: "the folder has neither \(modelFileName) nor checkpoints/step-*.safetensors")
        }
        let checkpoint = folder.appendingPathComponent(newest)
        return try load(checkpoint: checkpoint, contents: Safetensors.read(checkpoint))
    }

    private static func load(file url: URL) throws -> SeriesSynthesizer {
        let contents = try Safetensors.read(url)
        let format = contents.metadata[ModelFile.formatKey], kind = contents.metadata[kindKey]
        if kind == nil, format != formatName, contents.metadata["domain_config"] != nil {
            return try load(checkpoint: url, contents: contents)
        }
        guard format == formatName || (format == nil && kind == "series"),
              let text = contents.metadata[descriptionKey]
        else {
            let found = (format ?? kind).map { "a '\($0)' model" } ?? "no SwiftGAN series metadata"
            throw SeriesSynthesisError.unusable(path: url.path, reason: "it holds \(found)")
        }
        return try make(SeriesModelDescription.decode(text, path: url.path), tensors: contents.tensors, path: url.path)
    }

    private static func load(checkpoint url: URL, contents: Safetensors.Contents) throws -> SeriesSynthesizer {
        guard let text = contents.metadata["domain_config"] else {
            throw SeriesSynthesisError.unusable(path: url.path, reason: "the checkpoint has no domain configuration")
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
        let generator = try ModelFile.restore(
            { () throws -> SeriesGenerator in
                var g = SeededGenerator(seed: 0)
                return try SeriesGenerator(description.model, using: &g)
            },
            expectedWeights: description.model.generatorWeights, tensors: tensors, path: path,
            notAModel: SeriesSynthesisError.notAModel)
        return SeriesSynthesizer(options: SeriesSynthesizerOptions(), description: description, generator: generator)
    }
}
