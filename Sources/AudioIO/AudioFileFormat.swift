import CSndFile

/// File formats SwiftGAN writes.
public enum AudioFileFormat: String, Sendable, Hashable, Codable, CaseIterable {
    /// WAV, 16-bit signed PCM (values beyond ±1 are clipped).
    case wav16
    /// WAV, 24-bit signed PCM (values beyond ±1 are clipped).
    case wav24
    /// WAV, 32-bit IEEE float (values kept as they are).
    case wavFloat = "wav-float"
    /// FLAC, 16-bit (lossless; clipped beyond ±1).
    case flac16
    /// FLAC, 24-bit (lossless; clipped beyond ±1).
    case flac24
    /// AIFF, 16-bit big-endian PCM (clipped beyond ±1).
    case aiff16
    /// Ogg Vorbis (lossy, libsndfile's default quality).
    case oggVorbis = "ogg"

    /// The usual file extension.
    public var fileExtension: String {
        switch self {
        case .wav16, .wav24, .wavFloat: return "wav"
        case .flac16, .flac24: return "flac"
        case .aiff16: return "aiff"
        case .oggVorbis: return "ogg"
        }
    }

    /// Whether samples are stored as integers (and so clipped to ±1).
    var isInteger: Bool { self != .wavFloat && self != .oggVorbis }

    /// libsndfile's format code.
    var code: Int32 {
        switch self {
        case .wav16: return Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_16)
        case .wav24: return Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_24)
        case .wavFloat: return Int32(SF_FORMAT_WAV | SF_FORMAT_FLOAT)
        case .flac16: return Int32(SF_FORMAT_FLAC | SF_FORMAT_PCM_16)
        case .flac24: return Int32(SF_FORMAT_FLAC | SF_FORMAT_PCM_24)
        case .aiff16: return Int32(SF_FORMAT_AIFF | SF_FORMAT_PCM_16)
        case .oggVorbis: return Int32(SF_FORMAT_OGG | SF_FORMAT_VORBIS)
        }
    }
}
