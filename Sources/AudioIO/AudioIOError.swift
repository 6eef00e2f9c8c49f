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
    /// No file of a dataset gave a clip; `reasons` lists why, file by file.
    case noClips(path: String, reasons: [String])
    /// An option value out of its domain.
    case invalidOption(String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "\(path): cannot read audio (\(reason)); SwiftGAN reads what libsndfile reads "
                + "(WAV, FLAC, OGG/Vorbis, AIFF, CAF, MP3, …): convert the file or remove it"
        case .truncated(let path, let detail):
            return "\(path): file is truncated (\(detail)); re-export or re-download it"
        case .empty(let path):
            return "\(path): file holds no audio frames; remove it"
        case .writeFailed(let path, let reason):
            return "\(path): cannot write audio (\(reason)); check the folder exists and is writable"
        case .noSuchChannel(let path, let channel, let channels):
            return "\(path): channel \(channel) requested but the file has \(channels) (channels count from 0)"
        case .channelMismatch(let path, let found, let expected):
            return "\(path): has \(found) channel(s) but the dataset has \(expected); "
                + "mix down to mono (--mono) or separate the files"
        case .tooShort(let path, let samples, let sliceLength):
            return "\(path): \(samples) samples after resampling, shorter than one clip of \(sliceLength); "
                + "pad the end (--pad-end) or use a shorter slice"
        case .silent(let path):
            return "\(path): silent (below the silence threshold); lower the threshold or remove the file"
        case .notADirectory(let path):
            return "\(path): not a folder; pass a folder of audio files"
        case .emptyDirectory(let path):
            return "\(path): folder is empty; put audio files (WAV, FLAC, OGG, AIFF, …) in it"
        case .noAudioFiles(let path, let otherFiles):
            return "\(path): no audio files among its \(otherFiles) file(s); SwiftGAN looks for .wav, .flac, .ogg, "
                + ".aiff, … files in the folder and its subfolders"
        case .noClips(let path, let reasons):
            let shown = reasons.prefix(5).joined(separator: "; ")
            let more = reasons.count > 5 ? "; and \(reasons.count - 5) more" : ""
            return "\(path): no file gave a clip (\(shown)\(more))"
        case .invalidOption(let message):
            return "invalid option: \(message)"
        }
    }
}
