import CSndFile
import Foundation
import TensorCore

/// What a file's header says.
public struct AudioFileInfo: Sendable, Equatable {
    public var path: String
    /// Container, e.g. "WAV (Microsoft)".
    public var format: String
    /// Sample encoding, e.g. "Signed 16 bit PCM".
    public var encoding: String
    public var sampleRate: Int
    public var channels: Int
    public var frames: Int
    /// Seconds.
    public var duration: Double { sampleRate > 0 ? Double(frames) / Double(sampleRate) : 0 }
}

/// Audio files in and out through libsndfile (the only place SwiftGAN uses it).
///
/// Reads every format libsndfile reads (WAV/WAVEX/RF64/W64, FLAC, OGG/Vorbis/Opus, AIFF/AIFC, CAF, AU, MP3, …),
/// 8/16/24/32-bit integer or float, into Float32 in [-1, 1] (integer formats) as `[channels, frames]`.
/// Writes WAV (16-bit, 24-bit, 32-bit float), FLAC (16/24-bit), AIFF and Ogg Vorbis atomically: to a temporary file
/// next to the destination, renamed into place when complete, so a failed write leaves nothing behind.
public enum AudioFile {
    /// Lower-case file extensions treated as audio when scanning folders.
    public static let audioExtensions: Set<String> = {
        var set: Set<String> = ["wav", "wave", "flac", "ogg", "oga", "opus", "aif", "aiff", "aifc", "mp3", "caf",
                                "au", "snd", "w64", "rf64"]
        var count: Int32 = 0
        sf_command(nil, Int32(SFC_GET_FORMAT_MAJOR_COUNT), &count, Int32(MemoryLayout<Int32>.size))
        for i in 0..<count {
            var info = SF_FORMAT_INFO()
            info.format = i
            sf_command(nil, Int32(SFC_GET_FORMAT_MAJOR), &info, Int32(MemoryLayout<SF_FORMAT_INFO>.size))
            if let ext = info.extension { set.insert(String(cString: ext).lowercased()) }
        }
        return set.subtracting(["raw", "mat"])  // header-less or not audio in practice
    }()

    /// The header of `url` (no samples are decoded).
    public static func info(_ url: URL) throws -> AudioFileInfo {
        let (file, info) = try open(url)
        defer { sf_close(file) }
        return describe(url, info)
    }

    /// Decodes `url` to Float32 `[channels, frames]`, then applies `channels`.
    public static func read(_ url: URL, channels policy: ChannelPolicy = .keep) throws -> AudioBuffer {
        let path = url.path
        let (file, info) = try open(url)
        defer { sf_close(file) }
        if let detail = truncation(file) { throw AudioIOError.truncated(path: path, detail: detail) }
        let channels = Int(info.channels), expected = Int(info.frames)
        if case .channel(let k) = policy, k < 0 || k >= channels {
            throw AudioIOError.noSuchChannel(path: path, channel: k, channels: channels)
        }
        // Grow chunk by chunk rather than trusting the header's frame count (or channel count, up to libsndfile's
        // 1024) with one allocation: at most 2^22 samples are reserved and a chunk holds at most 2^16.
        let chunkFrames = max(1, 65536 / max(channels, 1))
        var interleaved: [Float] = []
        interleaved.reserveCapacity(min(expected, (1 << 22) / max(channels, 1)) * channels)
        var chunk = [Float](repeating: 0, count: chunkFrames * channels)
        var done = 0
        while done < expected {
            let want = min(chunkFrames, expected - done)
            let got = chunk.withUnsafeMutableBufferPointer {
                Int(sf_readf_float(file, $0.baseAddress!, sf_count_t(want)))
            }
            if got <= 0 { break }
            interleaved += chunk[..<(got * channels)]
            done += got
        }
        let error = sf_error(file)
        if error != 0 || (done < expected && !isLossy(info)) {
            let reason = error != 0 ? ": " + String(cString: sf_strerror(file)) : ""
            throw AudioIOError.truncated(path: path, detail: "decoded \(done) of \(expected) frames\(reason)")
        }
        if done == 0 { throw AudioIOError.empty(path: path) }
        var planar = [Float](repeating: 0, count: done * channels)
        for c in 0..<channels { for i in 0..<done { planar[c * done + i] = interleaved[i * channels + c] } }
        return try AudioBuffer(samples: planar, channels: channels, sampleRate: Int(info.samplerate))
            .applying(policy, path: path)
    }

    /// Writes `buffer` to `url` in `format`, replacing any file there only once the new one is complete
    /// (`AtomicFile`: temporary file, flushed, renamed). With `durable` false it is not flushed (see `AtomicFile`).
    public static func write(_ buffer: AudioBuffer, to url: URL, format: AudioFileFormat = .wav16,
                             durable: Bool = true) throws {
        let path = url.path
        if let bad = buffer.samples.firstIndex(where: { !$0.isFinite }) {
            throw AudioIOError.writeFailed(
                path: path, reason: "sample \(bad) is \(buffer.samples[bad]); audio must be finite")
        }
        guard buffer.sampleRate <= Int(Int32.max), buffer.channels <= Int(Int32.max) else {
            throw AudioIOError.writeFailed(path: path, reason: "sample rate \(buffer.sampleRate) Hz is out of range")
        }
        var info = SF_INFO()
        info.samplerate = Int32(buffer.sampleRate)
        info.channels = Int32(buffer.channels)
        info.format = format.code
        guard sf_format_check(&info) != 0 else {
            throw AudioIOError.writeFailed(
                path: path, reason: "\(format.rawValue) cannot hold \(buffer.channels) channel(s) at \(buffer.sampleRate) Hz")
        }
        do {
            try AtomicFile.write(to: url, durable: durable) { temporary in try encode(buffer, info: info, format: format, to: temporary, path: path) }
        } catch let error as AudioIOError {
            throw error
        } catch {
            throw AudioIOError.writeFailed(path: path, reason: error.localizedDescription)
        }
    }

    /// Encodes `buffer` into the file at `temporary`; errors name `path`, the destination.
    private static func encode(_ buffer: AudioBuffer, info: SF_INFO, format: AudioFileFormat, to temporary: URL,
                               path: String) throws {
        var info = info
        guard let file = sf_open(temporary.path, Int32(SFM_WRITE), &info) else {
            throw AudioIOError.writeFailed(path: path, reason: String(cString: sf_strerror(nil)))
        }
        if format.isInteger { sf_command(file, Int32(SFC_SET_CLIPPING), nil, Int32(SF_TRUE)) }
        let frames = buffer.frames, channels = buffer.channels
        var interleaved = [Float](repeating: 0, count: buffer.samples.count)
        for c in 0..<channels { for i in 0..<frames { interleaved[i * channels + c] = buffer.samples[c * frames + i] } }
        let written = interleaved.withUnsafeBufferPointer { Int(sf_writef_float(file, $0.baseAddress!, sf_count_t(frames))) }
        let writeError = written == frames ? nil : String(cString: sf_strerror(file))
        let closeStatus = sf_close(file)
        if let reason = writeError ?? (closeStatus != 0 ? "closing failed (code \(closeStatus))" : nil) {
            throw AudioIOError.writeFailed(path: path, reason: reason)
        }
    }

    // MARK: libsndfile details

    private static func open(_ url: URL) throws -> (OpaquePointer, SF_INFO) {
        let path = url.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw AudioIOError.unreadable(path: path, reason: "no such file")
        }
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size == 0 {
            throw AudioIOError.empty(path: path)
        }
        var info = SF_INFO()
        guard let file = sf_open(path, Int32(SFM_READ), &info) else {
            throw AudioIOError.unreadable(path: path, reason: String(cString: sf_strerror(nil)))
        }
        if info.frames <= 0 || info.channels <= 0 {
            sf_close(file)
            throw AudioIOError.empty(path: path)
        }
        return (file, info)
    }

    private static func describe(_ url: URL, _ info: SF_INFO) -> AudioFileInfo {
        func name(_ code: Int32) -> String {
            var f = SF_FORMAT_INFO()
            f.format = code
            guard sf_command(nil, Int32(SFC_GET_FORMAT_INFO), &f, Int32(MemoryLayout<SF_FORMAT_INFO>.size)) == 0,
                  let n = f.name else { return String(format: "0x%x", code) }
            return String(cString: n)
        }
        return AudioFileInfo(path: url.path, format: name(info.format & Int32(SF_FORMAT_TYPEMASK)),
                             encoding: name(info.format & Int32(SF_FORMAT_SUBMASK)),
                             sampleRate: Int(info.samplerate), channels: Int(info.channels), frames: Int(info.frames))
    }

    /// Compressed formats whose frame count in the header is an estimate.
    private static func isLossy(_ info: SF_INFO) -> Bool {
        let major = Int(info.format) & Int(SF_FORMAT_TYPEMASK)
        return major == Int(SF_FORMAT_OGG) || major == Int(SF_FORMAT_MPEG)
    }

    /// libsndfile shortens the audio of a file whose data chunk runs past its end, noting "data : N (should be M)"
    /// in its log. Placeholder sizes (0 or ≈ 4 GiB, written by recorders that never finalised the header) are not
    /// truncation.
    private static func truncation(_ file: OpaquePointer) -> String? {
        var log = [CChar](repeating: 0, count: 4096)
        sf_command(file, Int32(SFC_GET_LOG_INFO), &log, Int32(log.count))
        let text = String(decoding: log.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        for line in text.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("data") || trimmed.hasPrefix("SSND"), let range = trimmed.range(of: "(should be ")
            else { continue }
            let declared = Int(trimmed[..<range.lowerBound].split(separator: ":").last?
                .trimmingCharacters(in: .whitespaces) ?? "") ?? 0
            let actual = Int(trimmed[range.upperBound...].prefix { $0.isNumber }) ?? 0
            if declared > actual && declared != 0 && declared < 0xFFFF_FF00 {
                return "header announces \(declared) data bytes, the file holds \(actual)"
            }
        }
        return nil
    }
}
