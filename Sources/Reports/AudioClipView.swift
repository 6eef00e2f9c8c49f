import AudioIO
import DSP
import Foundation

/// How a report shows one audio clip: a log-mel spectrogram (WaveGAN's evaluation features, 128 bands × 128 frames
/// of the first 16 384 samples at 16 kHz, 80 dB range below the clip's peak) above an `<audio>` player.
struct AudioClipView {
    private let features: LogMelFeatures

    init() throws {
        features = try LogMelFeatures()
    }

    /// A clip at the features' rate (16 kHz mono, any length): spectrogram and player of the same samples.
    func figure(samples: [Float], caption: String) throws -> String {
        try figure(samples: samples, wav: WAVEncoder.encode(peakNormalised(samples), sampleRate: LogMelFeatures.sampleRate),
                   caption: caption)
    }

    /// A clip given as 16 kHz mono `samples` (for the spectrogram) and the bytes of a WAV file to play.
    func figure(samples: [Float], wav: [UInt8], caption: String) throws -> String {
        "<figure class=\"clip\">" + Embed.image(try spectrogram(samples), alt: "log-mel spectrogram of \(caption)",
                                                cssClass: "spec")
            + Embed.audio(wav: wav, title: caption) + "<figcaption>\(escapeHTML(caption))</figcaption></figure>"
    }

    /// A clip from an audio file: the file itself is played when it is a WAV of at most 512 KB, else its 16 kHz mono
    /// rendition; the spectrogram is always of the rendition.
    func figure(file: URL, caption: String) throws -> String {
        let samples = try Self.mono16k(file)
        let bytes = (try? Data(contentsOf: file)).map { [UInt8]($0) }
        if file.pathExtension.lowercased() == "wav", let bytes, bytes.count <= 512_000 {
            return try figure(samples: samples, wav: bytes, caption: caption)
        }
        return try figure(samples: samples, caption: caption)
    }

    /// The spectrogram image, low frequencies at the bottom.
    func spectrogram(_ samples: [Float]) throws -> PNGImage {
        let bands = LogMelFeatures.melCount, frames = LogMelFeatures.frames
        let logMel = try features(peakNormalised(samples), count: 1)  // [bands, frames], natural log of magnitudes
        let peak = Double(logMel.max() ?? 0)
        var values = [Double](repeating: 0, count: bands * frames)
        for b in 0..<bands {
            for f in 0..<frames { values[(bands - 1 - b) * frames + f] = Double(logMel[b * frames + f]) }
        }
        let range = 80 / 20 * log(10.0)  // 80 dB of magnitude in natural-log units
        return try Colormap.viridis.image(values, width: frames, height: bands, low: peak - range, high: peak)
    }

    /// The file's first channel mix at 16 kHz mono.
    static func mono16k(_ file: URL) throws -> [Float] {
        let buffer = try AudioFile.read(file, channels: .mono)
        guard buffer.sampleRate != LogMelFeatures.sampleRate else { return buffer.samples }
        let resampler = try Resampler(from: buffer.sampleRate, to: LogMelFeatures.sampleRate)
        var out = [Float](repeating: 0, count: resampler.outputLength(inputLength: buffer.samples.count))
        buffer.samples.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer { output in
                resampler.process(input.baseAddress!, count: input.count, output: output.baseAddress!)
            }
        }
        return out
    }
}

/// `samples` scaled so the largest absolute value is 1 (silence unchanged).
func peakNormalised(_ samples: [Float]) -> [Float] {
    let peak = samples.reduce(Float(0)) { max($0, abs($1)) }
    return peak > 0 ? samples.map { $0 / peak } : samples
}
