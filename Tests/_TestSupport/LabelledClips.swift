import Foundation
import TensorCore

/// Three kinds of short 16 kHz clips that a classifier of log-mel summaries should tell apart, for the label-aware
/// audio metrics: a low tone, a high tone, and a decaying noise burst. Each clip varies (pitch ±5 %, phase, decay,
/// a little noise) with its seed and index.
public enum ClipKind: String, CaseIterable, Sendable {
    case low, high, burst

    /// Clip `index` of this kind for `seed`: `length` samples at 16 kHz, peak at most 0.9.
    public func clip(index: Int, seed: UInt64, length: Int = 6000) -> [Float] {
        let kindIndex = ClipKind.allCases.firstIndex(of: self)!
        var g = SeededGenerator(seed: seed, stream: [kindIndex, index])
        let rate = 16000.0
        let pitch = (self == .low ? 300.0 : 2000.0) * g.uniform(0.95, 1.05)
        let phase = g.uniform(0, 2 * Double.pi), decay = g.uniform(0.04, 0.12)
        return (0..<length).map { n in
            let t = Double(n) / rate
            let noise = 0.02 * g.normal()
            switch self {
            case .low, .high: return Float(0.8 * sin(2 * Double.pi * pitch * t + phase) + noise)
            case .burst: return Float(max(-0.9, min(0.9, 0.5 * g.normal() * exp(-t / decay))) + noise)
            }
        }
    }

    /// `count` clips of each kind in `kinds`, back to back, with their kind indices into `kinds`.
    public static func set(_ kinds: [ClipKind], count: Int, seed: UInt64, length: Int = 6000)
        -> (clips: [Float], labels: [Int]) {
        var clips: [Float] = [], labels: [Int] = []
        for (k, kind) in kinds.enumerated() {
            for i in 0..<count { clips += kind.clip(index: i, seed: seed, length: length) }
            labels += [Int](repeating: k, count: count)
        }
        return (clips, labels)
    }
}
