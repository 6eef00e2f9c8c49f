import DSP
import Foundation
import Synchronization

/// The clips of one file: `count` clips stored as `[count, channels, sliceLength]`.
public struct FileClips: Sendable {
    public var samples: [Float]
    public var count: Int
    public var label: Int
    /// Duration of the source file in seconds.
    public var sourceSeconds: Double
    /// Clips dropped as silent.
    public var silentClips: Int
}

/// Turns one file into clips: read (applying the channel policy), check the channel count, resample to the training
/// rate, peak-normalise, slice, drop silent clips. Thread-safe; resamplers are made once per input rate.
public final class ClipMaker: Sendable {
    public let options: ClipOptions
    /// Channels every clip has.
    public let channels: Int
    private let resamplers = Mutex<[Int: Resampler]>([:])

    public init(options: ClipOptions, channels: Int) throws {
        try options.validate()
        self.options = options
        self.channels = channels
    }

    /// Clips of `entry`; throws an `AudioIOError` naming the file when it gives none.
    public func clips(of entry: AudioCorpus.Entry) throws -> FileClips {
        let path = entry.relativePath
        var audio = try AudioFile.read(entry.url, channels: options.channels)
        if audio.channels != channels {
            throw AudioIOError.channelMismatch(path: path, found: audio.channels, expected: channels)
        }
        let sourceSeconds = audio.duration
        if audio.sampleRate != options.sampleRate {
            audio = try AudioBuffer(samples: resampler(from: audio.sampleRate).process(planar: audio.samples,
                                                                                       channels: channels),
                                    channels: channels, sampleRate: options.sampleRate)
        }
        let peak = Levels.peak(audio.samples)
        if peak == 0 && options.silenceThreshold != nil { throw AudioIOError.silent(path: path) }
        if options.normalize && peak > 0 {
            let scale = 1 / peak
            audio.samples = audio.samples.map { $0 * scale }
        }
        let frames = audio.frames, length = options.sliceLength
        let starts = clipStarts(frames: frames)
        if starts.isEmpty { throw AudioIOError.tooShort(path: path, samples: frames, sliceLength: length) }
        var out = [Float](repeating: 0, count: starts.count * channels * length)  // [clips, C, L]
        var kept = 0, silent = 0
        let threshold = options.silenceThreshold.map { Levels.amplitude(decibels: $0) }
        audio.samples.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for start in starts {
                    let clip = dst.baseAddress! + kept * channels * length
                    let n = min(length, frames - start)
                    var energy = 0.0
                    for c in 0..<channels {
                        let from = src.baseAddress! + c * frames + start, to = clip + c * length
                        to.update(from: from, count: n)
                        (to + n).update(repeating: 0, count: length - n)
                        for i in 0..<n { energy += Double(from[i]) * Double(from[i]) }
                    }
                    let rms = Float((energy / Double(channels * length)).squareRoot())
                    if let t = threshold, rms < t { silent += 1 } else { kept += 1 }
                }
            }
        }
        if kept == 0 { throw AudioIOError.silent(path: path) }
        out.removeLast((starts.count - kept) * channels * length)
        return FileClips(samples: out, count: kept, label: entry.label, sourceSeconds: sourceSeconds,
                         silentClips: silent)
    }

    /// Start offsets of the clips of a `frames`-sample signal.
    public func clipStarts(frames: Int) -> [Int] {
        (0..<ClipPlan.clipCount(frames: frames, options: options)).map { $0 * options.hop }
    }

    private func resampler(from rate: Int) throws -> Resampler {
        if let r = resamplers.withLock({ $0[rate] }) { return r }
        let r = try Resampler(from: rate, to: options.sampleRate)
        resamplers.withLock { $0[rate] = r }
        return r
    }
}
