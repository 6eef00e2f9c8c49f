import Foundation

/// What a clip dataset will use, decided from file headers only (no audio is decoded): the files, their common
/// channel count, what is skipped and why, and how much memory the clips would take.
public struct ClipPlan: Sendable {
    public let corpus: AudioCorpus
    public let options: ClipOptions
    /// Files whose headers are readable and fit the channel policy, in corpus order.
    public let files: [AudioCorpus.Entry]
    /// Channels of every clip: 1 for `.mono` and `.channel(k)`; for `.keep`, the most common channel count (the
    /// smaller on a tie) — files with another count are skipped with a message.
    public let channels: Int
    /// Files left out so far, with reasons.
    public let skipped: [SkippedFile]
    /// Bytes the clips would occupy in memory (an upper bound: silent clips are not yet known).
    public let estimatedBytes: Int
    /// Total duration of the used files, in seconds.
    public let sourceSeconds: Double
    /// Duration of each used file, in seconds, in `files` order.
    public let fileSeconds: [Double]

    /// Scans `directory` and reads every file's header.
    public init(directory: URL, options: ClipOptions) throws {
        try options.validate()
        let corpus = try AudioCorpus.scan(directory, labels: options.labels)
        var skipped = corpus.skipped
        var headers: [(AudioCorpus.Entry, AudioFileInfo)] = []
        for entry in corpus.files {
            do {
                headers.append((entry, try AudioFile.info(entry.url)))
            } catch let error as AudioIOError {
                skipped.append(SkippedFile(path: entry.relativePath, reason: error.problem))
            }
        }
        let channels: Int
        switch options.channels {
        case .mono, .channel: channels = 1
        case .keep:
            let counts = Dictionary(grouping: headers, by: { $0.1.channels }).mapValues(\.count)
            channels = counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key ?? 1
        }
        var files: [AudioCorpus.Entry] = [], bytes = 0, seconds = 0.0, fileSeconds: [Double] = []
        for (entry, info) in headers {
            let mismatch: AudioIOError? = switch options.channels {
            case .keep where info.channels != channels:
                .channelMismatch(path: entry.relativePath, found: info.channels, expected: channels)
            case .channel(let k) where k >= info.channels:
                .noSuchChannel(path: entry.relativePath, channel: k, channels: info.channels)
            default: nil
            }
            if let m = mismatch {
                skipped.append(SkippedFile(path: entry.relativePath, reason: m.problem))
                continue
            }
            files.append(entry)
            fileSeconds.append(info.duration)
            seconds += info.duration
            let frames = Int(info.duration * Double(options.sampleRate))
            bytes += ClipPlan.clipCount(frames: frames, options: options) * channels * options.sliceLength * 4
        }
        if files.isEmpty {
            throw AudioIOError.noClips(path: corpus.root.path, reasons: skipped.map(\.description))
        }
        self.corpus = corpus
        self.options = options
        self.files = files
        self.channels = channels
        self.skipped = skipped
        self.estimatedBytes = bytes
        self.sourceSeconds = seconds
        self.fileSeconds = fileSeconds
    }

    /// Whether the files are one-shot sounds: at least 80 % of them last at most two slices. Their later slices
    /// would be decaying tails, so only each file's first slice makes a good training clip (WaveGAN's
    /// `--data_first_slice`, used for its drum and piano sets).
    public var looksLikeOneShots: Bool {
        let slice = Double(options.sliceLength) / Double(options.sampleRate)
        return Double(fileSeconds.filter { $0 <= 2 * slice }.count) >= 0.8 * Double(fileSeconds.count)
    }

    /// Clips a file of `frames` samples (at the training rate) gives, silence aside.
    static func clipCount(frames: Int, options: ClipOptions) -> Int {
        let length = options.sliceLength
        if options.firstSliceOnly { return frames >= length || options.padEnd ? 1 : 0 }
        if options.padEnd { return (frames + options.hop - 1) / options.hop }
        return frames < length ? 0 : (frames - length) / options.hop + 1
    }
}
