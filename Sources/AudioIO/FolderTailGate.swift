import DSP
import Foundation

/// SwiftGAN's export tail gate (`TailGate`) applied to a folder of clips made elsewhere (another model's, say),
/// calibrated the same way: the threshold at which these clips fall silent, on average, where the real clips do. It
/// lets a post-processed comparison treat both sides alike.
public enum FolderTailGate {
    /// What `apply` did.
    public struct Result: Sendable, Equatable {
        /// The threshold in dB re each clip's peak; nil when the real clips rarely end in silence (nothing gated).
        public var threshold: Float?
        /// Clips written.
        public var count: Int
    }

    /// Reads every clip under `clips` and `real` as `options` says (mixed down to mono), gates the former at the calibrated threshold and
    /// writes them to `output` (an existing, empty folder) as 16-bit WAV files numbered in reading order, inside
    /// their label's subfolder when `options.labels` is set.
    public static func apply(real: URL, clips: URL, to output: URL, options: ClipOptions) throws -> Result {
        var options = options
        options.channels = .mono
        var realOptions = options
        realOptions.labels = false  // only where the real clips fall silent matters
        let realSet = try ClipDataset(directory: real, options: realOptions)
        let generated = try ClipDataset(directory: clips, options: options)
        let length = options.sliceLength
        let realOnsets = realSet.clips.withUnsafeBufferPointer { p in
            stride(from: 0, to: p.count, by: length).map { TailGate.silenceOnset(UnsafeBufferPointer(rebasing: p[$0..<($0 + length)])) }
        }
        var samples = generated.clips
        let count = samples.count / length
        let threshold = samples.withUnsafeBufferPointer { p in
            TailGate.threshold(realOnsets: realOnsets,
                               generatedLevels: (0..<count).map { TailGate.levels(UnsafeBufferPointer(rebasing: p[($0 * length)..<(($0 + 1) * length)])) },
                               length: length)
        }
        for i in 0..<count {
            let range = (i * length)..<((i + 1) * length)
            if let threshold {
                samples.withUnsafeMutableBufferPointer { p in
                    TailGate.apply(UnsafeMutableBufferPointer(rebasing: p[range]), threshold: threshold)
                }
            }
            var folder = output
            if options.labels, generated.labelNames.indices.contains(Int(generated.labels[i])) {
                folder = output.appendingPathComponent(generated.labelNames[Int(generated.labels[i])])
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            }
            let buffer = try AudioBuffer(samples: Array(samples[range]), channels: 1, sampleRate: options.sampleRate)
            try AudioFile.write(buffer, to: folder.appendingPathComponent(String(format: "%06d.wav", i)), durable: false)
        }
        return Result(threshold: threshold, count: count)
    }
}
