import TensorCore

/// One batch of clips.
public struct ClipBatch: Sendable, Equatable {
    /// `[batch, channels, length]`.
    public var samples: [Float]
    /// `[batch]` label indices (0 when unlabelled).
    public var labels: [Int32]
    /// `[batch, channels, length]`.
    public var shape: [Int]
}

/// An endless, reproducible stream of shuffled batches from a `ClipDataset`.
///
/// Memory mode: epoch `e` visits every clip once in the order of a permutation drawn from `(seed, e)`; a batch that
/// crosses the end of an epoch continues with the next one. Streaming mode: each epoch visits the files in a
/// seeded random order, their clips go into a shuffle buffer, and each batch slot takes a random clip from it (as
/// `tf.data`'s shuffle). The two modes give different (each reproducible) sequences.
public final class ClipBatches {
    public let batchSize: Int
    public let channels: Int
    public let sliceLength: Int
    /// Completed passes over the data.
    public private(set) var epoch = 0
    /// Files that failed to decode while streaming (each reported once).
    public private(set) var warnings: [SkippedFile] = []

    private let dataset: ClipDataset
    private let seed: UInt64
    private var order: [Int] = []
    private var position = 0
    // Streaming state.
    private let bufferCapacity: Int
    private var buffer: [(samples: [Float], label: Int32)] = []
    private var picker: SeededGenerator
    private var clipsThisEpoch = 0
    private var failed: Set<Int> = []

    init(dataset: ClipDataset, batchSize: Int, seed: UInt64, shuffleBuffer: Int) {
        self.dataset = dataset
        self.batchSize = batchSize
        self.channels = dataset.channels
        self.sliceLength = dataset.sliceLength
        self.seed = seed
        self.bufferCapacity = shuffleBuffer
        self.picker = SeededGenerator(seed: seed, stream: [-1])
        let count = dataset.clipCount ?? dataset.plan.files.count
        order = ClipBatches.permutation(count, seed: seed, epoch: 0)
    }

    /// Values in one batch: `batchSize · channels · sliceLength`.
    public var batchValues: Int { batchSize * channels * sliceLength }

    /// Fills `samples` (`[batchSize, channels, sliceLength]`) and `labels` (`[batchSize]`) with the next batch.
    public func next(into samples: UnsafeMutablePointer<Float>, labels: UnsafeMutablePointer<Int32>) throws {
        let clipValues = channels * sliceLength
        for slot in 0..<batchSize {
            let target = samples + slot * clipValues
            if dataset.storage == .memory {
                let index = nextIndex()
                dataset.clips.withUnsafeBufferPointer { target.update(from: $0.baseAddress! + index * clipValues,
                                                                      count: clipValues) }
                labels[slot] = dataset.labels[index]
            } else {
                let clip = try nextStreamedClip()
                clip.samples.withUnsafeBufferPointer { target.update(from: $0.baseAddress!, count: clipValues) }
                labels[slot] = clip.label
            }
        }
    }

    /// The next batch as arrays.
    public func next() throws -> ClipBatch {
        var samples = [Float](repeating: 0, count: batchValues)
        var labels = [Int32](repeating: 0, count: batchSize)
        try samples.withUnsafeMutableBufferPointer { s in
            try labels.withUnsafeMutableBufferPointer { l in try next(into: s.baseAddress!, labels: l.baseAddress!) }
        }
        return ClipBatch(samples: samples, labels: labels, shape: [batchSize, channels, sliceLength])
    }

    /// The next index of `order`, starting a new epoch (and permutation) when it runs out.
    private func nextIndex() -> Int {
        if position == order.count {
            epoch += 1
            order = ClipBatches.permutation(order.count, seed: seed, epoch: epoch)
            position = 0
        }
        position += 1
        return order[position - 1]
    }

    private static func permutation(_ count: Int, seed: UInt64, epoch: Int) -> [Int] {
        var g = SeededGenerator(seed: seed, stream: [epoch])
        var order = Array(0..<count)
        g.shuffle(&order)
        return order
    }

    /// A random clip from the shuffle buffer, refilled file by file; at the end of an epoch the buffer is served
    /// out before the next epoch's files are read.
    private func nextStreamedClip() throws -> (samples: [Float], label: Int32) {
        while buffer.count < bufferCapacity {
            if position == order.count {
                if !buffer.isEmpty { break }
                if clipsThisEpoch == 0 {
                    throw AudioIOError.noClips(path: dataset.plan.corpus.root.path,
                                               reasons: warnings.map(\.description))
                }
                clipsThisEpoch = 0
            }
            let file = nextIndex()
            if failed.contains(file) { continue }
            do {
                let fc = try dataset.maker.clips(of: dataset.plan.files[file])
                let n = dataset.channels * dataset.sliceLength
                for c in 0..<fc.count { buffer.append((Array(fc.samples[(c * n)..<((c + 1) * n)]), Int32(fc.label))) }
                clipsThisEpoch += fc.count
            } catch {
                failed.insert(file)
                let reason = (error as? AudioIOError)?.problem ?? "\(error)"
                warnings.append(SkippedFile(path: dataset.plan.files[file].relativePath, reason: reason))
            }
        }
        let pick = picker.int(below: buffer.count)
        buffer.swapAt(pick, buffer.count - 1)
        return buffer.removeLast()
    }
}
