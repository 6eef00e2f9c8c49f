/// Errors raised by SwiftGAN's audio files and clip datasets. Each message names the file or folder and says what to
/// do about it.
public enum AudioIOError: Error, CustomStringConvertible, Equatable {
    /// libsndfile could not open or decode the file (not audio, unsupported encoding, corrupt header).
    case unreadable(path: String, reason: String)
    /// The file ends before the audio its header announces.
    case truncated(path: String, detail: String)
    /// The file holds no audio frames.
    case empty(path: String)
    /// Writing failed (nothing is left at the destination).
    case writeFailed(path: String, reason: String)
    /// A channel index beyond the file's channels.
    case noSuchChannel(path: String, channel: Int, channels: Int)
    /// A file whose channel count differs from the dataset's.
    case channelMismatch(path: String, found: Int, expected: Int)
    /// A file too short to give one clip.
    case tooShort(path: String, samples: Int, sliceLength: Int)
    /// A file (or every clip of it) below the silence threshold.
    case silent(path: String)
    /// A folder that does not exist or is not a folder.
    case notADirectory(path: String)
    /// A folder with no files at all.
    case emptyDirectory(path: String)
    /// A folder with files, none of them audio.
    case noAudioFiles(path: String, otherFiles: Int)
    /// No file of a folder gave clips (or could be augmented); `reasons` lists why, file by file.
    case noClips(path: String, reasons: [String])
    /// An option value out of its domain.
    case invalidOption(String)

    /// The file or folder concerned, when there is one.
    public var path: String? {
        switch self {
        case .unreadable(let path, _), .truncated(let path, _), .empty(let path), .writeFailed(let path, _),
             .noSuchChannel(let path, _, _), .channelMismatch(let path, _, _), .tooShort(let path, _, _),
             .silent(let path), .notADirectory(let path), .emptyDirectory(let path), .noAudioFiles(let path, _),
             .noClips(let path, _):
            return path
        case .invalidOption:
            return nil
        }
    }

    /// What is wrong and what to do, without the path.
    public var problem: String {
        switch self {
        case .unreadable(_, let reason):
            return "cannot read audio (\(reason)); SwiftGAN reads what libsndfile reads "
                + "(WAV, FLAC, OGG/Vorbis, AIFF, CAF, MP3, …): convert the file or remove it"
        case .truncated(_, let detail):
            return "file is truncated (\(detail)); re-export or re-download it"
        case .empty:
            return "file holds no audio frames; remove it"
        case .writeFailed(_, let reason):
            return "cannot write audio (\(reason)); check the folder exists and is writable"
        case .noSuchChannel(_, let channel, let channels):
            return "channel \(channel) requested but the file has \(channels) (channels count from 0)"
        case .channelMismatch(_, let found, let expected):
            return "has \(found) channel(s) but the dataset has \(expected); mix down to mono (`ClipOptions.channels = .mono`) or "
                + "separate the files"
        case .tooShort(_, let samples, let sliceLength):
            return "\(samples) samples after resampling, shorter than one clip of \(sliceLength); "
                + "pad the end (`ClipOptions.padEnd`) or use a shorter slice"
        case .silent:
            return "silent (below the silence threshold); lower the threshold or remove the file"
        case .notADirectory:
            return "not a folder; pass a folder of audio files"
        case .emptyDirectory:
            return "folder is empty; put audio files (WAV, FLAC, OGG, AIFF, …) in it"
        case .noAudioFiles(_, let otherFiles):
            return "no audio files among its \(otherFiles) file(s); SwiftGAN looks for .wav, .flac, .ogg, "
                + ".aiff, … files in the folder and its subfolders"
        case .noClips(_, let reasons):
            let shown = reasons.prefix(5).joined(separator: "; ")
            let more = reasons.count > 5 ? "; and \(reasons.count - 5) more" : ""
            return "no file gave usable audio (\(shown)\(more))"
        case .invalidOption(let message):
            return "invalid option: \(message)"
        }
    }

    public var description: String { path.map { "\($0): \(problem)" } ?? problem }
}
