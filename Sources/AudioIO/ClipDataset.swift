import Foundation
import TensorCore

/// Training clips made from a folder of recordings (see `ClipOptions` for the steps), held in memory when they fit
/// in `memoryBudget` bytes and decoded on the fly otherwise. Hand out shuffled batches with `batches(size:seed:)`.
public final class ClipDataset: Sendable {
    /// Where the clips live.
    public enum Storage: Sendable, Equatable {
        /// All clips decoded once and kept, `[clipCount, channels, sliceLength]`.
        case memory
        /// Files decoded as batches are drawn, through a shuffle buffer.
        case streaming
    }

    public let plan: ClipPlan
    public let storage: Storage
    /// Files left out, with reasons (in memory mode this includes files that failed to decode).
    public let skipped: [SkippedFile]
    /// In memory mode: every clip, `[clipCount, channels, sliceLength]`; empty when streaming.
    public let clips: [Float]
    /// In memory mode: the label of every clip (0 when unlabelled).
    public let labels: [Int32]
    let maker: ClipMaker

    /// A quarter of physical memory, at most 4 GiB.
    public static let defaultMemoryBudget = min(4 << 30, Int(ProcessInfo.processInfo.physicalMemory / 4))

    /// Plans the dataset under `directory` and, when its estimated size fits `memoryBudget` (0 forces streaming), loads every clip
    /// (files are decoded in parallel; the result does not depend on the thread count).
    public init(directory: URL, options: ClipOptions = ClipOptions(),
                memoryBudget: Int = ClipDataset.defaultMemoryBudget) throws {
        let plan = try ClipPlan(directory: directory, options: options)
        self.plan = plan
        maker = try ClipMaker(options: options, channels: plan.channels)
        guard memoryBudget > 0 && plan.estimatedBytes <= memoryBudget else {
            storage = .streaming
            skipped = plan.skipped
            clips = []
            labels = []
            return
        }
        storage = .memory
        let files = plan.files
        var results = [Result<FileClips, AudioIOError>?](repeating: nil, count: files.count)
        let maker = self.maker
        results.withUnsafeMutableBufferPointer { slots in
            parallelFor(files.count) { i in
                slots[i] = Result { () throws(AudioIOError) in
                    do { return try maker.clips(of: files[i]) } catch let e as AudioIOError { throw e } catch {
                        throw AudioIOError.unreadable(path: files[i].relativePath, reason: "\(error)")
                    }
                }
            }
        }
        var all: [Float] = [], labels: [Int32] = [], skipped = plan.skipped
        for (entry, result) in zip(files, results) {
            switch result! {
            case .success(let fc):
                all += fc.samples
                labels += [Int32](repeating: Int32(fc.label), count: fc.count)
            case .failure(let error):
                skipped.append(SkippedFile(path: entry.relativePath, reason: error.problem))
            }
        }
        if labels.isEmpty {
            throw AudioIOError.noClips(path: plan.corpus.root.path, reasons: skipped.map(\.description))
        }
        self.clips = all
        self.labels = labels
        self.skipped = skipped
    }

    public var options: ClipOptions { plan.options }
    public var channels: Int { plan.channels }
    public var sliceLength: Int { plan.options.sliceLength }
    /// Label names by index (empty when unlabelled).
    public var labelNames: [String] { plan.corpus.labelNames }
    /// Number of clips in memory mode; nil when streaming (not known before a full pass).
    public var clipCount: Int? { storage == .memory ? labels.count : nil }

    /// An endless stream of shuffled batches `[size, channels, sliceLength]`, the same for the same seed.
    /// `shuffleBuffer` is the number of clips the streaming mode mixes at a time (ignored in memory mode).
    public func batches(size: Int, seed: UInt64, shuffleBuffer: Int = 4096) throws -> ClipBatches {
        guard size >= 1 else { throw AudioIOError.invalidOption("batch size must be at least 1, got \(size)") }
        guard shuffleBuffer >= 1 else {
            throw AudioIOError.invalidOption("shuffle buffer must hold at least 1 clip, got \(shuffleBuffer)")
        }
        return ClipBatches(dataset: self, batchSize: size, seed: seed, shuffleBuffer: shuffleBuffer)
    }
}
