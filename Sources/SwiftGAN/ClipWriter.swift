import AudioIO
import Dispatch
import Foundation
import TensorCore

/// Writes generated clips to files on a background queue, batch after batch in order, so that `writeClips` computes
/// the next group of clips while the files of the last one are written. The first failure stops the writing and is
/// thrown by `check()`.
final class ClipWriter {
    private let format: AudioFileFormat
    private let channels: Int
    private let sampleRate: Int
    private let queue = DispatchQueue(label: "SwiftGAN.ClipWriter")
    private let lock = NSLock()
    private var failure: Error?

    init(format: AudioFileFormat, channels: Int, sampleRate: Int) {
        self.format = format
        self.channels = channels
        self.sampleRate = sampleRate
    }

    /// Queues `clips` (`[urls.count, channels, samples]`) to be written, clip i to `urls[i]`, each atomically and
    /// without waiting for the disk (`AudioFile.write(durable: false)`).
    func write(_ clips: Tensor, to urls: [URL]) {
        queue.async { [self] in
            guard firstFailure == nil else { return }
            let clipSize = clips.count / Swift.max(urls.count, 1), base = clips.storage.pointer
            for (i, url) in urls.enumerated() {
                do {
                    let samples = Array(UnsafeBufferPointer(start: base + i * clipSize, count: clipSize))
                    try AudioFile.write(try AudioBuffer(samples: samples, channels: channels, sampleRate: sampleRate),
                                        to: url, format: format, durable: false)
                } catch {
                    lock.withLock { failure = error }
                    return
                }
            }
        }
    }

    /// Throws the first failure so far, if any.
    func check() throws {
        if let failure = firstFailure { throw failure }
    }

    /// Returns once every queued clip is written (or skipped after a failure).
    func wait() {
        queue.sync {}
    }

    private var firstFailure: Error? { lock.withLock { failure } }
}
