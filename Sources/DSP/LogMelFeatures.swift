import Foundation

/// The log-mel features of WaveGAN's nearest-neighbour evaluation, which SwiftGAN's audio metrics use.
///
/// For each clip: its first `clipLength` (16384) samples at 16 kHz, zero-padded when shorter; a non-centred STFT with
/// a periodic Hann window, `fftSize` 2048 (128 ms) and hop 128 (8 ms), the end zero-padded so that there are
/// `⌈16384 / 128⌉ = 128` frames (TensorFlow's `pad_end=True`); magnitudes `|X|`; 128 mel bands from 40 to 7800 Hz
/// (HTK scale, triangles peaking at 1, as in `tf.signal.linear_to_mel_weight_matrix`); then `log(mel + 1e-6)`.
/// The result is `[128 bands, 128 frames]` per clip, to be flattened for distances.
///
/// One documented difference from the TensorFlow reference: triangles are linear in Hz (librosa's construction),
/// where TensorFlow's are linear in mel. At 15.6 Hz per bin the two differ by a few percent on the slopes of the
/// lowest bands only.
public struct LogMelFeatures: Sendable {
    public static let sampleRate = 16000
    public static let clipLength = 16384
    public static let fftSize = 2048
    public static let hopLength = 128
    public static let melCount = 128
    public static let minFrequency = 40.0
    public static let maxFrequency = 7800.0
    public static let epsilon: Float = 1e-6
    /// Frames per clip: `⌈clipLength / hopLength⌉`.
    public static let frames = (clipLength + hopLength - 1) / hopLength

    private let stft: STFT
    public let filterbank: MelFilterbank

    public init() throws {
        stft = try STFT(fftSize: Self.fftSize, hopLength: Self.hopLength, window: .hann, center: false)
        filterbank = try MelFilterbank(sampleRate: Self.sampleRate, fftSize: Self.fftSize, melCount: Self.melCount,
                                       minFrequency: Self.minFrequency, maxFrequency: Self.maxFrequency,
                                       scale: .htk, normalization: .none)
    }

    /// Values per clip's features: `melCount · frames`.
    public static var featureCount: Int { melCount * frames }

    /// Features of `count` clips stored back to back in `clips` (`[count, length]`, any length); returns
    /// `[count, melCount, frames]`.
    public func callAsFunction(_ clips: [Float], count: Int) throws -> [Float] {
        guard count > 0, clips.count % count == 0 else {
            throw DSPError.shapeMismatch("\(clips.count) samples do not split into \(count) clips")
        }
        let length = clips.count / count
        let padded = (Self.frames - 1) * Self.hopLength + Self.fftSize
        var framed = [Float](repeating: 0, count: count * padded)  // [count, padded]
        for c in 0..<count {
            let n = min(length, Self.clipLength)
            framed.replaceSubrange((c * padded)..<(c * padded + n), with: clips[(c * length)..<(c * length + n)])
        }
        let magnitude = try stft.forward(framed, batch: count).magnitude()
        return try filterbank.apply(magnitude, batch: count).map { log($0 + Self.epsilon) }
    }
}
