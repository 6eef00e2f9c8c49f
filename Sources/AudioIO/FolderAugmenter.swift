import Foundation
import TensorCore

/// What `FolderAugmenter.run` did.
public struct AugmentSummary: Sendable {
    /// Audio files read and augmented.
    public var filesRead: Int
    /// Files left out, with reasons.
    public var skipped: [SkippedFile]
    public var filesWritten: Int
    /// Duration of the written files, in seconds.
    public var secondsWritten: Double
}

/// Augmented copies of every audio file in a folder.
public enum FolderAugmenter {
    /// Writes `copies` augmented versions of each file under `input` to `output/dir/name_augK.<ext>` (same rate and
    /// channels as the source). Copy `k` of the `i`-th file (in sorted order) uses the generator stream `[i, k]` of
    /// `seed`, so results do not depend on thread count. `mix` partners are drawn from the
    /// other files of the folder. Unreadable files are skipped with their reason; `output` must be new or empty.
    public static func run(from input: URL, to output: URL, pipeline: AudioAugmentationPipeline, copies: Int,
                           seed: UInt64, format: AudioFileFormat = .wavFloat) throws -> AugmentSummary {
        guard (1...10_000).contains(copies) else {
            throw AudioIOError.invalidOption("copies must lie in 1…10000, got \(copies)")
        }
        guard !pipeline.steps.isEmpty else {
            throw AudioIOError.invalidOption("no augmentation chosen; give at least one method, e.g. gain,noise,pitch")
        }
        let corpus = try AudioCorpus.scan(input)
        let files = corpus.files
        let folder = try OutputFolder(output, input: input, files: files.map(\.relativePath))
        var outcomes = [Result<Double, AudioIOError>?](repeating: nil, count: files.count)
        outcomes.withUnsafeMutableBufferPointer { results in
            parallelFor(files.count) { i in
                do {
                    let audio = try AudioFile.read(files[i].url)
                    for k in 0..<copies {
                        var generator = SeededGenerator(seed: seed, stream: [i, k])
                        let augmented = try pipeline.apply(audio, generator: &generator) { g in
                            try partner(of: i, in: files, generator: &g)
                        }
                        let url = try folder.url(for: files[i].relativePath, suffix: "_aug\(k)", format: format)
                        try AudioFile.write(augmented, to: url, format: format)
                    }
                    results[i] = .success(audio.duration * Double(copies))
                } catch let error as AudioIOError {
                    results[i] = .failure(error)
                } catch {
                    results[i] = .failure(.unreadable(path: files[i].relativePath, reason: "\(error)"))
                }
            }
        }
        var summary = AugmentSummary(filesRead: 0, skipped: corpus.skipped, filesWritten: 0, secondsWritten: 0)
        for (entry, outcome) in zip(files, outcomes) {
            switch outcome! {
            case .success(let seconds):
                summary.filesRead += 1
                summary.filesWritten += copies
                summary.secondsWritten += seconds
            case .failure(let error):
                if case .writeFailed = error {
                    folder.removeIfUnused()
                    throw error
                }
                summary.skipped.append(SkippedFile(path: entry.relativePath, reason: error.problem))
            }
        }
        if summary.filesRead == 0 {
            folder.removeIfUnused()
            throw AudioIOError.noClips(path: corpus.root.path, reasons: summary.skipped.map(\.description))
        }
        return summary
    }

    /// A random readable file other than `index` (others tried in random order), or nil when there is none.
    private static func partner(of index: Int, in files: [AudioCorpus.Entry], generator: inout SeededGenerator)
        throws -> AudioBuffer?
    {
        var order = Array(files.indices)
        generator.shuffle(&order)
        for j in order where j != index {
            if let audio = try? AudioFile.read(files[j].url) { return audio }
        }
        return nil
    }
}
