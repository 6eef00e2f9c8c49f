import Foundation
import TensorCore

/// What `ClipExport.prepare` did.
public struct PrepareSummary: Sendable {
    /// Audio files that gave clips.
    public var filesRead: Int
    /// Files left out, with reasons.
    public var skipped: [SkippedFile]
    public var clipsWritten: Int
    /// Clips dropped as silent.
    public var silentClips: Int
    /// Channels of every clip.
    public var channels: Int
    /// Duration of the written clips, in seconds.
    public var clipSeconds: Double
    /// Duration of the files that gave clips, in seconds.
    public var sourceSeconds: Double
}

/// Writes a folder's training clips as audio files, so users can listen to what a GAN will learn from.
public enum ClipExport {
    /// Makes the clips of every file under `input` (see `ClipOptions`) and writes clip `i` of `dir/name.ext` to
    /// `output/dir/name_i.wav` (4-digit index). A file that gives no clip is skipped with its reason; the run goes on.
    /// `output` must be new or empty. Files are processed in parallel; each clip file appears only once complete.
    public static func prepare(from input: URL, to output: URL, options: ClipOptions,
                               format: AudioFileFormat = .wav16) throws -> PrepareSummary {
        var options = options
        options.labels = false  // the folder layout is mirrored instead
        let plan = try ClipPlan(directory: input, options: options)
        let folder = try OutputFolder(output, input: input, files: plan.files.map(\.relativePath))
        let maker = try ClipMaker(options: options, channels: plan.channels)
        var outcomes = [Result<FileClips, AudioIOError>?](repeating: nil, count: plan.files.count)
        var writeErrors = [AudioIOError?](repeating: nil, count: plan.files.count)
        outcomes.withUnsafeMutableBufferPointer { results in
            writeErrors.withUnsafeMutableBufferPointer { failures in
                parallelFor(plan.files.count) { i in
                    let entry = plan.files[i]
                    do {
                        let fc = try maker.clips(of: entry)
                        var counts = fc
                        counts.samples = []  // keep only the counts: clips leave memory once written
                        results[i] = .success(counts)
                        let n = plan.channels * options.sliceLength
                        for c in 0..<fc.count {
                            let clip = try AudioBuffer(samples: Array(fc.samples[(c * n)..<((c + 1) * n)]),
                                                       channels: plan.channels, sampleRate: options.sampleRate)
                            let url = try folder.url(for: entry.relativePath, suffix: String(format: "_%04d", c),
                                                     format: format)
                            try AudioFile.write(clip, to: url, format: format)
                        }
                    } catch let error as AudioIOError {
                        if case .writeFailed = error { failures[i] = error } else { results[i] = .failure(error) }
                    } catch {
                        results[i] = .failure(.unreadable(path: entry.relativePath, reason: "\(error)"))
                    }
                }
            }
        }
        if let failure = writeErrors.compactMap({ $0 }).first {
            folder.removeIfUnused()
            throw failure
        }
        var summary = PrepareSummary(filesRead: 0, skipped: plan.skipped, clipsWritten: 0, silentClips: 0,
                                     channels: plan.channels, clipSeconds: 0, sourceSeconds: 0)
        for (entry, outcome) in zip(plan.files, outcomes) {
            switch outcome! {
            case .success(let fc):
                summary.filesRead += 1
                summary.clipsWritten += fc.count
                summary.silentClips += fc.silentClips
                summary.sourceSeconds += fc.sourceSeconds
            case .failure(let error):
                summary.skipped.append(SkippedFile(path: entry.relativePath, reason: error.problem))
            }
        }
        summary.clipSeconds = Double(summary.clipsWritten * options.sliceLength) / Double(options.sampleRate)
        if summary.clipsWritten == 0 {
            folder.removeIfUnused()
            throw AudioIOError.noClips(path: plan.corpus.root.path, reasons: summary.skipped.map(\.description))
        }
        return summary
    }
}
