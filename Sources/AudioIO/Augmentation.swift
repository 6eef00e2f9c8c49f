import DSP
import Foundation
import TensorCore

/// One classic audio augmentation (after audiomentations) with the range its parameter is drawn from, uniformly.
///
/// | kind | parameter (default range) | effect on `x` |
/// |---|---|---|
/// | `gain` | g dB (−12…12) | `x · 10^(g/20)` |
/// | `noise` | SNR dB (5…40) | `x + n`, n Gaussian with `rms(n) = rms(x) / 10^(SNR/20)` |
/// | `shift` | fraction f of the length (−0.5…0.5) | rolled by `round(f · frames)` samples (wrapping round) |
/// | `pitch` | semitones (−4…4) | phase-vocoder pitch shift, length unchanged |
/// | `stretch` | rate (0.8…1.25) | phase-vocoder time stretch, then cut or zero-padded to the old length |
/// | `lowpass` | cut-off Hz (150…7500) | 2nd-order Butterworth low-pass (12 dB/octave) |
/// | `highpass` | cut-off Hz (20…2400) | 2nd-order Butterworth high-pass |
/// | `polarity` | — | `−x` |
/// | `mix` | SNR dB (3…30) | `x + s · y`, y another clip, s so that `rms(x) / rms(s·y) = 10^(SNR/20)` |
///
/// Cut-offs are kept below 0.49 × the sample rate. Each step applies with `probability`.
public struct AudioAugmentation: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case gain, noise, shift, pitch, stretch, lowpass, highpass, polarity, mix

        /// audiomentations' default range for the parameter.
        public var defaultRange: ClosedRange<Double> {
            switch self {
            case .gain: return -12...12
            case .noise: return 5...40
            case .shift: return -0.5...0.5
            case .pitch: return -4...4
            case .stretch: return 0.8...1.25
            case .lowpass: return 150...7500
            case .highpass: return 20...2400
            case .polarity: return 0...0
            case .mix: return 3...30
            }
        }
    }

    public var kind: Kind
    public var range: ClosedRange<Double>
    public var probability: Double

    public init(_ kind: Kind, range: ClosedRange<Double>? = nil, probability: Double = 1) {
        self.kind = kind
        self.range = range ?? kind.defaultRange
        self.probability = probability
    }

    /// Parses `name` or `name=low:high` (or `name=value`), e.g. `gain=-6:6`, `pitch=12`.
    public static func parse(_ text: String, probability: Double = 1) throws -> AudioAugmentation {
        let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let names = Kind.allCases.map(\.rawValue).joined(separator: ", ")
        guard let name = parts.first, let kind = Kind(rawValue: name.lowercased()) else {
            throw AudioIOError.invalidOption("unknown augmentation '\(text)'; choose from \(names)")
        }
        guard (0...1).contains(probability) else {
            throw AudioIOError.invalidOption("augmentation probability must be in [0, 1], got \(probability)")
        }
        guard parts.count == 2 else { return AudioAugmentation(kind, probability: probability) }
        // Split on the ':' that separates the bounds (a bound may itself be negative).
        let bounds = parts[1].split(separator: ":").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard (1...2).contains(bounds.count), let low = bounds.first!, let high = bounds.last!, low <= high,
              low.isFinite, high.isFinite
        else {
            throw AudioIOError.invalidOption("'\(text)': write \(kind.rawValue)=low:high with low ≤ high, e.g. "
                + "\(kind.rawValue)=\(kind.defaultRange.lowerBound):\(kind.defaultRange.upperBound)")
        }
        let valid: ClosedRange<Double>? = switch kind {
        case .shift: -1...1
        case .stretch: 0.05...20
        case .lowpass, .highpass: 1...Double.greatestFiniteMagnitude
        case .pitch: -48...48
        default: nil
        }
        if let v = valid, !(v.contains(low) && v.contains(high)) {
            throw AudioIOError.invalidOption("'\(text)': \(kind.rawValue) must lie in \(v.lowerBound)...\(v.upperBound)")
        }
        return AudioAugmentation(kind, range: low...high, probability: probability)
    }
}

/// Augmentations applied in order, each drawing its parameter from a seeded generator: the same generator state
/// gives the same result.
public struct AudioAugmentationPipeline: Sendable {
    public var steps: [AudioAugmentation]

    public init(_ steps: [AudioAugmentation]) { self.steps = steps }

    /// Whether a step needs a second clip (`mix`).
    public var needsPartner: Bool { steps.contains { $0.kind == .mix } }

    /// `audio` augmented. `partner` supplies the clip for `mix` steps (any rate or channel count: it is resampled,
    /// matched in channels, and looped or cut to length).
    public func apply(_ audio: AudioBuffer, generator: inout SeededGenerator,
                      partner: (inout SeededGenerator) throws -> AudioBuffer? = { _ in nil }) throws -> AudioBuffer {
        var x = audio
        for step in steps {
            guard generator.uniform() < step.probability else { continue }
            let value = generator.uniform(step.range.lowerBound, step.range.upperBound)
            switch step.kind {
            case .gain:
                let g = Levels.amplitude(decibels: value)
                x.samples = x.samples.map { $0 * g }
            case .polarity:
                x.samples = x.samples.map { -$0 }
            case .noise:
                let sigma = Double(Levels.rms(x.samples)) / pow(10, value / 20)
                for i in x.samples.indices { x.samples[i] += Float(sigma * generator.normal()) }
            case .shift:
                x = rolled(x, by: Int((value * Double(x.frames)).rounded()))
            case .pitch:
                let vocoder = try PhaseVocoder(fftSize: vocoderSize(x.frames))
                x = try perChannel(x) { try vocoder.pitchShift(Array($0), semitones: value) }
            case .stretch:
                let vocoder = try PhaseVocoder(fftSize: vocoderSize(x.frames))
                x = try perChannel(x) { fitted(try vocoder.timeStretch(Array($0), rate: value), to: $0.count) }
            case .lowpass, .highpass:
                let rate = Double(x.sampleRate), cutoff = min(value, 0.49 * rate)
                let filter = step.kind == .lowpass
                    ? try Butterworth.lowPass(cutoff: cutoff, sampleRate: rate)
                    : try Butterworth.highPass(cutoff: cutoff, sampleRate: rate)
                x.samples = filter.process(planar: x.samples, channels: x.channels)
            case .mix:
                guard let other = try partner(&generator) else {
                    throw AudioIOError.invalidOption("the mix augmentation needs a second file; add more audio files")
                }
                let y = try matched(other, to: x)
                let ry = Double(Levels.rms(y.samples))
                guard ry > 0 else { continue }
                let scale = Float(Double(Levels.rms(x.samples)) / pow(10, value / 20) / ry)
                for i in x.samples.indices { x.samples[i] += scale * y.samples[i] }
            }
        }
        return x
    }

    /// The vocoder's FFT size: 2048 (128 ms at 16 kHz), smaller for clips under 4096 samples.
    private func vocoderSize(_ frames: Int) throws -> Int {
        guard frames >= 128 else {
            throw AudioIOError.invalidOption("pitch shift and time stretch need at least 128 samples, got \(frames)")
        }
        var n = 2048
        while n * 2 > frames { n /= 2 }
        return n
    }

    private func perChannel(_ x: AudioBuffer, _ body: (ArraySlice<Float>) throws -> [Float]) throws -> AudioBuffer {
        var out: [Float] = []
        for c in 0..<x.channels { out += try body(x.channel(c)) }
        return try AudioBuffer(samples: out, channels: x.channels, sampleRate: x.sampleRate)
    }

    private func rolled(_ x: AudioBuffer, by shift: Int) -> AudioBuffer {
        var y = x
        let f = x.frames
        guard f > 0 else { return y }
        let s = ((shift % f) + f) % f
        for c in 0..<x.channels { for i in 0..<f { y.samples[c * f + (i + s) % f] = x.samples[c * f + i] } }
        return y
    }

    /// `other` at `x`'s rate and channel count, looped or cut to `x`'s length.
    private func matched(_ other: AudioBuffer, to x: AudioBuffer) throws -> AudioBuffer {
        var y = other
        if y.sampleRate != x.sampleRate {
            y = try AudioBuffer(samples: Resampler(from: y.sampleRate, to: x.sampleRate)
                                    .process(planar: y.samples, channels: y.channels),
                                channels: y.channels, sampleRate: x.sampleRate)
        }
        if y.channels != x.channels { y = try y.applying(.mono) }
        var out: [Float] = []
        for c in 0..<x.channels {
            let source = y.channel(y.channels == 1 ? 0 : c)
            out += (0..<x.frames).map { source[source.startIndex + $0 % source.count] }
        }
        return try AudioBuffer(samples: out, channels: x.channels, sampleRate: x.sampleRate)
    }
}

/// `x` cut or zero-padded to `count` samples.
func fitted(_ x: [Float], to count: Int) -> [Float] {
    x.count >= count ? Array(x[..<count]) : x + [Float](repeating: 0, count: count - x.count)
}
