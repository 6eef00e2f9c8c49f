/// Audio in memory: Float32 samples, planar `[channels, frames]` (channels-first, like SwiftGAN's tensors).
public struct AudioBuffer: Sendable, Equatable {
    /// `[channels, frames]`, channel after channel.
    public var samples: [Float]
    public var channels: Int
    public var sampleRate: Int

    /// A buffer of `channels` planes stored back to back in `samples`.
    public init(samples: [Float], channels: Int, sampleRate: Int) throws {
        guard channels >= 1, samples.count % channels == 0 else {
            throw AudioIOError.invalidOption("\(samples.count) samples do not split into \(channels) channel(s)")
        }
        guard sampleRate > 0 else { throw AudioIOError.invalidOption("sample rate must be positive, got \(sampleRate)") }
        self.samples = samples
        self.channels = channels
        self.sampleRate = sampleRate
    }

    /// Samples per channel.
    public var frames: Int { samples.count / channels }

    /// Duration in seconds.
    public var duration: Double { Double(frames) / Double(sampleRate) }

    /// Samples of channel `c`.
    public func channel(_ c: Int) -> ArraySlice<Float> { samples[(c * frames)..<((c + 1) * frames)] }

    /// The buffer reduced to one channel by `policy` (`keep` returns it unchanged).
    public func applying(_ policy: ChannelPolicy, path: String = "buffer") throws -> AudioBuffer {
        switch policy {
        case .keep:
            return self
        case .mono:
            guard channels > 1 else { return self }
            let f = frames
            var mono = [Float](repeating: 0, count: f)
            samples.withUnsafeBufferPointer { s in
                for c in 0..<channels { for i in 0..<f { mono[i] += s[c * f + i] } }
            }
            let scale = 1 / Float(channels)
            return try AudioBuffer(samples: mono.map { $0 * scale }, channels: 1, sampleRate: sampleRate)
        case .channel(let k):
            guard k >= 0, k < channels else { throw AudioIOError.noSuchChannel(path: path, channel: k, channels: channels) }
            return try AudioBuffer(samples: Array(channel(k)), channels: 1, sampleRate: sampleRate)
        }
    }
}

/// What to do with a file's channels.
public enum ChannelPolicy: Sendable, Hashable, Codable {
    /// Keep every channel.
    case keep
    /// Average all channels into one.
    case mono
    /// Keep only channel `k` (counting from 0).
    case channel(Int)
}
