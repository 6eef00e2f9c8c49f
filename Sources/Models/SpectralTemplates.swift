import DSP
import Foundation
import TensorCore

/// Per-label spectral templates for conditional models: the mean compressed mel spectrogram of each label's training
/// clips, and a generator term that moves the mean of each label's generated clips onto its template (feature
/// matching, Salimans et al. 2016, on fixed features and per label). Unlabelled clips can be given the kinds of sound
/// found in them as labels (`matchesNearest`): each generated clip then counts towards its nearest template.
///
/// A critic has to learn what tells the labels apart before it can teach the generator; the templates give that
/// from the first step. Clips start at their onset, so a spoken word's template holds its formants in time order.
///
/// The term's gradient for a generated clip of label `l` is that of `‖m_l − t_l‖²`, where `m_l`
/// is a running mean of label `l`'s generated features: the current batch's clips enter it with weight
/// `1 − momentum`. A running mean, not the batch's, because a batch holds one or two clips of each label: the
/// batch's mean would pull every clip onto the template and cost the generator its variety. Under data parallelism
/// the label sums are added over the processes (`BatchSplit`), so every process keeps the running means of the whole
/// batch and the summed gradients are one process's.
public final class SpectralTemplates {
    /// Settings, part of an audio model's configuration.
    public struct Config: Codable, Equatable, Sendable {
        /// Weight of the term in the generator's loss; 0 turns it off.
        public var weight: Float = 0
        public var fftSize = 512
        public var hopLength = 256
        public var melCount = 40
        /// α of the compression `(mel / peak + floor)^(α/2)` (power spectrogram, peak per clip).
        public var exponent: Float = 0.3
        public var floor: Float = 1e-9
        /// Share of a label's running mean kept at each update.
        public var momentum: Float = 0.9

        public init() {}

        /// Decodes a configuration, taking the default of every field the file does not name.
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            weight = try c.decode(.weight, default: weight)
            fftSize = try c.decode(.fftSize, default: fftSize)
            hopLength = try c.decode(.hopLength, default: hopLength)
            melCount = try c.decode(.melCount, default: melCount)
            exponent = try c.decode(.exponent, default: exponent)
            floor = try c.decode(.floor, default: floor)
            momentum = try c.decode(.momentum, default: momentum)
        }

        /// Throws `ModelError.invalidConfig` for settings out of their domain.
        public func validate() throws {
            guard weight >= 0, weight <= 1000 else {
                throw ModelError.invalidConfig("spectral templates: the weight must lie in [0, 1000] (got \(weight))")
            }
            guard (8...65536).contains(fftSize), (1...fftSize).contains(hopLength), (1...256).contains(melCount) else {
                throw ModelError.invalidConfig(
                    "spectral templates: 8 ≤ fftSize ≤ 65536, 1 ≤ hopLength ≤ fftSize and 1 ≤ melCount ≤ 256")
            }
            guard exponent > 0, exponent <= 2, floor > 0, floor < 1, momentum >= 0, momentum < 1 else {
                throw ModelError.invalidConfig(
                    "spectral templates: the exponent must lie in (0, 2], the floor in (0, 1) and the momentum in [0, 1)")
            }
        }
    }

    public let config: Config
    /// Values per channel's features: `melCount · frames`.
    public let featureCount: Int
    let labelCount: Int
    let channels: Int
    let sliceLength: Int
    private let stft: STFT
    /// `[melCount, bins]`.
    private let melWeights: Tensor
    /// `[labelCount, featureCount]`: the mean features of each label's training clips.
    let targets: [Float]
    /// `[labelCount, featureCount]`: running means of the generated clips' features; `started[l]` once label `l`
    /// has been seen.
    private(set) var running: [Float]
    private(set) var started: [Bool]
    /// `[labelCount, featureCount + 1]`: each label's feature sums and row count in `term`, kept between steps.
    private var sums: [Float]
    /// Whether `term`, given no labels, counts each generated clip towards the template nearest to its features:
    /// templates of kinds of sound found in unlabelled clips.
    public let matchesNearest: Bool

    /// Templates of `clips` (`[count, channels, sliceLength]`, row-major) at `sampleRate`; `labels` holds one label in
    /// `0..<labelCount` per clip. With `matchesNearest`, `term` may be given no labels (see there).
    public init(_ config: Config, clips: [Float], labels: [Int], labelCount: Int, channels: Int, sliceLength: Int,
                sampleRate: Int, matchesNearest: Bool = false) throws {
        try config.validate()
        guard config.fftSize <= sliceLength else {
            throw ModelError.invalidConfig("spectral templates: fftSize \(config.fftSize) exceeds the slice length \(sliceLength)")
        }
        let clipSize = channels * sliceLength
        guard clipSize > 0, !clips.isEmpty, clips.count % clipSize == 0 else {
            throw ModelError.invalidConfig("spectral templates need clips of \(channels) × \(sliceLength) samples")
        }
        let count = clips.count / clipSize
        guard labels.count == count, labels.allSatisfy({ (0..<labelCount).contains($0) }) else {
            throw ModelError.invalidConfig("spectral templates: give one label in 0..<\(labelCount) per clip")
        }
        self.config = config
        self.matchesNearest = matchesNearest
        self.channels = channels
        self.sliceLength = sliceLength
        self.labelCount = labelCount
        let stft = try STFT(fftSize: config.fftSize, hopLength: config.hopLength)
        self.stft = stft
        let bank = try MelFilterbank(sampleRate: sampleRate, fftSize: config.fftSize, melCount: config.melCount,
                                     scale: .htk, normalization: .none)
        let melWeights = try Tensor(shape: [config.melCount, bank.bins], values: bank.weights)
        self.melWeights = melWeights
        let d = config.melCount * stft.frameCount(signalLength: sliceLength)
        featureCount = d

        var sums = [Double](repeating: 0, count: labelCount * d)
        var counts = [Int](repeating: 0, count: labelCount)
        let chunk = 32
        for start in stride(from: 0, to: count, by: chunk) {
            let n = min(chunk, count - start)
            let x = try Tensor(shape: [n, channels, sliceLength],
                               values: Array(clips[(start * clipSize)..<((start + n) * clipSize)]))
            let f = try Self.features(x, stft: stft, melWeights: melWeights, config: config)  // [n · channels, d]
            for row in 0..<(n * channels) {
                let label = labels[start + row / channels]
                counts[label] += 1
                for j in 0..<d { sums[label * d + j] += Double(f.storage.pointer[row * d + j]) }
            }
        }
        targets = (0..<(labelCount * d)).map { i in counts[i / d] > 0 ? Float(sums[i] / Double(counts[i / d])) : 0 }
        running = [Float](repeating: 0, count: labelCount * d)
        started = [Bool](repeating: false, count: labelCount)
        self.sums = [Float](repeating: 0, count: labelCount * (d + 1))
    }

    /// The features of each of `clips` (`[count, channels, sliceLength]`), averaged over its channels:
    /// `[count, featureCount]`, row-major; for finding kinds of sound in unlabelled clips.
    public func clipFeatures(_ clips: [Float]) throws -> [Float] {
        let clipSize = channels * sliceLength
        guard clips.count % clipSize == 0 else {
            throw ModelError.invalidConfig("spectral templates need clips of \(channels) × \(sliceLength) samples")
        }
        let count = clips.count / clipSize, d = featureCount
        var out = [Float](repeating: 0, count: count * d)
        let chunk = 32
        for start in stride(from: 0, to: count, by: chunk) {
            let n = min(chunk, count - start)
            let f = try features(Tensor(shape: [n, channels, sliceLength],
                                        values: Array(clips[(start * clipSize)..<((start + n) * clipSize)])))
            for row in 0..<(n * channels) {
                let base = (start + row / channels) * d
                for j in 0..<d { out[base + j] += f.storage.pointer[row * d + j] / Float(channels) }
            }
        }
        return out
    }

    /// Label `label`'s template (`featureCount` values).
    public func template(_ label: Int) -> [Float] {
        Array(targets[(label * featureCount)..<((label + 1) * featureCount)])
    }

    /// Compressed, peak-normalised mel power spectrograms of waveforms `[B, channels, sliceLength]`:
    /// `[B · channels, featureCount]` (frames outer, mel bands inner). Differentiable in `x`.
    public func features(_ x: Tensor) throws -> Tensor {
        try x.expectShape([-1, channels, sliceLength], "spectral templates input")
        return try Self.features(x, stft: stft, melWeights: melWeights, config: config)
    }

    private static func features(_ x: Tensor, stft: STFT, melWeights: Tensor, config: Config) throws -> Tensor {
        let rows = x.shape[0] * x.shape[1]
        let power = try stft.power(x.reshaped([rows, x.shape[2]]))  // [rows, bins, frames]
        let mel = power.permuted([0, 2, 1]).matmul(melWeights, transposeOther: true)  // [rows, frames, mels]
        return SpectrogramCritic.compressed(mel, .power, exponent: config.exponent, floor: config.floor)
            .reshaped([rows, -1])
    }

    /// The generator's term for generated clips `fake` `[B, channels, sliceLength]` of `labels`, times
    /// `config.weight`; updates the running means. Its value is the weighted squared
    /// Euclidean distance between the updated running mean of each of the batch's labels and its template, averaged
    /// over those labels. Without labels (templates that `matchesNearest`), each clip counts towards the template
    /// nearest to its features, averaged over its channels.
    public func term(_ fake: Tensor, labels: [Int]?) throws -> Tensor {
        let f = try features(fake)
        let rows = f.shape[0], d = featureCount
        guard let labels = labels ?? (matchesNearest ? nearest(f) : nil) else {
            throw ModelError.invalidConfig("spectral templates: give one label per clip")
        }
        let rowLabels = try (0..<rows).map { row -> Int in
            guard labels.count * channels == rows, (0..<labelCount).contains(labels[row / channels]) else {
                throw ModelError.invalidConfig("spectral templates: give one label in 0..<\(labelCount) per clip")
            }
            return labels[row / channels]
        }
        var members = [[Int]](repeating: [], count: labelCount)
        for (row, label) in rowLabels.enumerated() { members[label].append(row) }
        // Per label: the sum of its rows' features, then its row count; summed over the processes of a
        // data-parallel job, so that every process updates the running means with the whole batch.
        sums.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        for label in members.indices where !members[label].isEmpty {
            let base = label * (d + 1)
            for row in members[label] {
                for j in 0..<d { sums[base + j] += f.storage.pointer[row * d + j] }
            }
            sums[base + d] = Float(members[label].count)
        }
        let split = BatchSplit.current
        if let split { sums.withUnsafeMutableBufferPointer { split.sum($0) } }
        let present = (0..<labelCount).filter { sums[$0 * (d + 1) + d] > 0 }
        let coefficients = Tensor(uninitialized: [rows, d])
        var distance = 0.0
        let m = config.momentum
        for label in present {
            let base = label * d, count = sums[label * (d + 1) + d]
            for j in 0..<d {
                let mean = sums[label * (d + 1) + j] / count
                running[base + j] = started[label] ? m * running[base + j] + (1 - m) * mean : mean
            }
            started[label] = true
            // d/dm_l of (1/|present|) · ‖m_l − t_l‖², spread over the label's rows, each entering m_l with weight
            // (1 − momentum) / n_l.
            let scale = 2 * (1 - m) / (count * Float(present.count))
            for j in 0..<d {
                let error = running[base + j] - targets[base + j]
                distance += Double(error * error)
                for row in members[label] { coefficients.storage.pointer[row * d + j] = scale * error }
            }
        }
        // A process's loss is scaled by its share of the batch before the gradients are summed; its rows' part of the
        // whole batch's term is undone from that share here.
        let share = split.map { Float($0.total) / Float($0.rows.count) } ?? 1
        let surrogate = (f * coefficients).sum() * (config.weight * share)
        let value = Float(distance / Double(present.count)) * config.weight
        return surrogate - surrogate.detached + value
    }

    /// The label of the template nearest to each clip's features `f` (`[B · channels, featureCount]`), averaged over
    /// its channels.
    private func nearest(_ f: Tensor) -> [Int] {
        let d = featureCount, p = f.storage.pointer
        return (0..<(f.shape[0] / channels)).map { clip in
            var best = 0, bestDistance = Float.infinity
            for label in 0..<labelCount {
                var distance: Float = 0
                for j in 0..<d {
                    var mean: Float = 0
                    for c in 0..<channels { mean += p[(clip * channels + c) * d + j] }
                    let e = mean / Float(channels) - targets[label * d + j]
                    distance += e * e
                }
                if distance < bestDistance { (best, bestDistance) = (label, distance) }
            }
            return best
        }
    }

    /// The running means, for a checkpoint: label `l`'s `featureCount` values after a 1 or 0 for `started[l]`.
    public var state: [Float] {
        (0..<labelCount).flatMap { [started[$0] ? 1 : 0] + running[($0 * featureCount)..<(($0 + 1) * featureCount)] }
    }

    /// Restores what `state` returned; throws when it does not fit these templates.
    public func restore(_ state: [Float]) throws {
        guard state.count == labelCount * (featureCount + 1), state.allSatisfy(\.isFinite) else {
            throw ModelError.invalidConfig("spectral templates: the checkpoint's running means do not fit this model")
        }
        for l in 0..<labelCount {
            let base = l * (featureCount + 1)
            started[l] = state[base] != 0
            running.replaceSubrange((l * featureCount)..<((l + 1) * featureCount),
                                    with: state[(base + 1)..<(base + 1 + featureCount)])
        }
    }
}
