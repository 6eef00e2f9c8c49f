/// How recordings become training clips.
///
/// Defaults follow WaveGAN: 16 kHz, 16384-sample slices (about one second), no overlap, peak normalisation per file.
public struct ClipOptions: Sendable, Equatable, Codable {
    /// Training sample rate (Hz); files at other rates are resampled (see `DSP.Resampler`).
    public var sampleRate: Int
    /// Samples per clip.
    public var sliceLength: Int
    /// Fraction of a clip shared with the next one, in [0, 1): 0.5 starts a clip every half slice.
    public var overlap: Double
    /// Take only the first slice of each file.
    public var firstSliceOnly: Bool
    /// Zero-pad the end so that the tail of a file (or a file shorter than one slice) still gives a clip.
    public var padEnd: Bool
    /// Scale each file so its largest absolute sample is 1.
    public var normalize: Bool
    /// Clips whose RMS (all channels) lies below this many dBFS are dropped; nil keeps every clip.
    public var silenceThreshold: Double?
    /// Channel handling; with `.keep` every file must have the dataset's channel count.
    public var channels: ChannelPolicy
    /// Label clips by the first-level subfolder they come from.
    public var labels: Bool

    public init(sampleRate: Int = 16000, sliceLength: Int = 16384, overlap: Double = 0, firstSliceOnly: Bool = false,
                padEnd: Bool = false, normalize: Bool = true, silenceThreshold: Double? = -60,
                channels: ChannelPolicy = .keep, labels: Bool = false) {
        self.sampleRate = sampleRate
        self.sliceLength = sliceLength
        self.overlap = overlap
        self.firstSliceOnly = firstSliceOnly
        self.padEnd = padEnd
        self.normalize = normalize
        self.silenceThreshold = silenceThreshold
        self.channels = channels
        self.labels = labels
    }

    /// Samples between the starts of consecutive clips: `round(sliceLength · (1 − overlap))`, at least 1.
    public var hop: Int { max(1, Int((Double(sliceLength) * (1 - overlap)).rounded())) }

    /// Throws when an option is out of its domain.
    public func validate() throws {
        if !(1...768_000).contains(sampleRate) {
            throw AudioIOError.invalidOption("sample rate must be in 1...768000 Hz, got \(sampleRate)")
        }
        if !(1...(1 << 26)).contains(sliceLength) {
            throw AudioIOError.invalidOption("slice length must be in 1...\(1 << 26) samples, got \(sliceLength)")
        }
        if !(0..<1).contains(overlap) { throw AudioIOError.invalidOption("overlap must be in [0, 1), got \(overlap)") }
        if let t = silenceThreshold, !t.isFinite || t > 0 {
            throw AudioIOError.invalidOption("silence threshold is in dBFS and must be ≤ 0, got \(t)")
        }
        if case .channel(let k) = channels, k < 0 {
            throw AudioIOError.invalidOption("channel index must be ≥ 0, got \(k)")
        }
    }
}
