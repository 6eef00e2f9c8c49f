/// 16-bit PCM WAV bytes (RIFF, little-endian), the format every browser plays.
public enum WAVEncoder {
    /// `samples` (interleaved when `channels` > 1, in [−1, 1], clipped) as a WAV file.
    public static func encode(_ samples: [Float], sampleRate: Int, channels: Int = 1) -> [UInt8] {
        let dataSize = samples.count * 2
        var out: [UInt8] = []
        out.reserveCapacity(44 + dataSize)
        func le32(_ v: Int) { out += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24 & 0xFF)] }
        func le16(_ v: Int) { out += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        out += Array("RIFF".utf8); le32(36 + dataSize); out += Array("WAVE".utf8)
        out += Array("fmt ".utf8); le32(16); le16(1); le16(channels); le32(sampleRate)
        le32(sampleRate * channels * 2); le16(channels * 2); le16(16)
        out += Array("data".utf8); le32(dataSize)
        for s in samples {
            let v = Int16(max(-1, min(1, s.isFinite ? s : 0)) * 32767)
            le16(Int(UInt16(bitPattern: v)))
        }
        return out
    }
}
