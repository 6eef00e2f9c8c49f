import Evaluation
import Foundation
import Models
import NN
import TensorCore
import Training

/// WaveGAN as a `GANProblem`: a generator, its waveform and/or spectrogram critics, and clips held in memory.
public final class AudioGANProblem: GANProblem {
    public let config: AudioModelConfig
    public let waveGenerator: WaveGANGenerator
    let waveCritic: WaveGANDiscriminator?
    let spectrogramCritic: SpectrogramCritic?
    /// The generator's template term when `config.spectralTemplates.weight` is above 0: one template per label of a
    /// conditional model, or `config.unconditionalTemplates` kinds of sound of an unconditional one.
    let templates: SpectralTemplates?
    /// Clips `[count, channels, sliceLength]`, row-major.
    let clips: [Float]
    let clipLabels: [Int]
    public let clipCount: Int

    public var generator: Module { waveGenerator }
    public var critics: [Module] { [waveCritic, spectrogramCritic].compactMap { $0 } }

    /// Builds fresh models (initialised from `seed`) over `clips` (`count · channels · sliceLength` values).
    public init(config: AudioModelConfig, clips: [Float], labels: [Int], seed: UInt64) throws {
        let w = config.wavegan
        let clipSize = w.channels * w.sliceLength
        guard clipSize > 0, !clips.isEmpty, clips.count % clipSize == 0 else {
            throw AudioSynthesisError.noUsableAudio("no clips to train on")
        }
        clipCount = clips.count / clipSize
        guard labels.isEmpty || labels.count == clipCount else {
            throw AudioSynthesisError.invalidOption("\(labels.count) labels for \(clipCount) clips")
        }
        self.config = config
        self.clips = clips
        self.clipLabels = labels
        var g = SeededGenerator(seed: seed, stream: [100])
        waveGenerator = try WaveGANGenerator(w, using: &g)
        waveCritic = config.critics != .spectrogram
            ? try WaveGANDiscriminator(w, classifierHead: config.classifies, using: &g) : nil
        spectrogramCritic = config.critics != .wave
            ? try SpectrogramCritic(config.spectrogram, sliceLength: w.sliceLength, channels: w.channels,
                                    labelCount: config.spectrogramCriticSeesLabels ? w.labelCount : 0,
                                    classifierHead: config.classifies, using: &g)
            : nil
        templates = config.spectralTemplates.weight <= 0 ? nil
            : w.labelCount > 0
            ? try SpectralTemplates(config.spectralTemplates, clips: clips, labels: labels, labelCount: w.labelCount,
                                    channels: w.channels, sliceLength: w.sliceLength, sampleRate: w.sampleRate)
            : config.unconditionalTemplates > 0
            ? try Self.kindTemplates(config, clips: clips, count: clipCount, seed: seed)
            : nil
    }

    /// Templates of the kinds of sound in unlabelled clips: k-means (seeded) over the clips' template features, at
    /// most `config.unconditionalTemplates` kinds and no more than the clips' distinct features allow.
    static func kindTemplates(_ config: AudioModelConfig, clips: [Float], count: Int, seed: UInt64) throws
        -> SpectralTemplates {
        let w = config.wavegan
        func templates(_ labels: [Int], _ kinds: Int) throws -> SpectralTemplates {
            try SpectralTemplates(config.spectralTemplates, clips: clips, labels: labels, labelCount: kinds,
                                  channels: w.channels, sliceLength: w.sliceLength, sampleRate: w.sampleRate,
                                  matchesNearest: true)
        }
        let one = try templates(Array(repeating: 0, count: count), 1)
        guard config.unconditionalTemplates > 1, count > 1 else { return one }
        let features = try FeatureMatrix(count: count, dimension: one.featureCount,
                                         values: one.clipFeatures(clips).map(Double.init))
        for kinds in stride(from: min(config.unconditionalTemplates, count), to: 1, by: -1) {
            guard let means = try? KMeans(features, k: kinds, seed: seed) else { continue }
            return try templates(means.assign(features), kinds)
        }
        return one
    }

    public func realBatch(size: Int, using random: inout SeededGenerator) throws -> GANBatch {
        let w = config.wavegan
        let clipSize = w.channels * w.sliceLength
        let batch = Tensor(uninitialized: [size, w.channels, w.sliceLength])
        var labels: [Int] = []
        clips.withUnsafeBufferPointer { src in
            for b in 0..<size {
                let i = random.int(below: clipCount)
                (batch.storage.pointer + b * clipSize).update(from: src.baseAddress! + i * clipSize, count: clipSize)
                if !clipLabels.isEmpty { labels.append(clipLabels[i]) }
            }
        }
        return GANBatch(data: batch, labels: w.labelCount > 0 ? labels : nil)
    }

    public func latent(batch: Int, labels: [Int]?, using random: inout SeededGenerator) -> Tensor {
        waveGenerator.latent(count: batch, using: &random)
    }

    public func generate(_ latent: Tensor, labels: [Int]?) throws -> Tensor {
        try waveGenerator(latent, labels: labels)
    }

    /// The generated clips and, with spectral templates, their term in the generator's loss.
    public func generateForUpdate(_ latent: Tensor, labels: [Int]?) throws -> (fake: Tensor, penalty: Tensor?) {
        let fake = try generate(latent, labels: labels)
        guard let templates else { return (fake, nil) }
        return (fake, try templates.term(fake, labels: labels))
    }

    /// The templates' running means (base64 of their little-endian floats), when there are templates.
    public func checkpointState() -> [String: String] {
        guard let templates else { return [:] }
        return [Self.templatesKey: CheckpointFloats.encode(templates.state)]
    }

    public func restoreCheckpointState(_ state: [String: String]) throws {
        guard let templates, let encoded = state[Self.templatesKey] else { return }
        guard let values = CheckpointFloats.decode(encoded) else {
            throw AudioSynthesisError.invalidOption("the checkpoint's spectral template state is corrupt; resume from another checkpoint or start again")
        }
        try templates.restore(values)
    }

    static let templatesKey = "spectralTemplates.running"

    /// The spectrogram critic's own loss weight, learning rate and R1 (`SpectrogramCritic.Config`); the waveform
    /// critic's are the training configuration's. Conditional models add the label terms of `config` to each critic
    /// that sees labels.
    public func weighting(critic: Int) -> CriticWeighting {
        let spectral = spectrogramCritic != nil && critic == critics.count - 1
        let conditional = config.wavegan.labelCount > 0 && (!spectral || config.spectrogramCriticSeesLabels)
        var weighting = CriticWeighting(mismatchedLabels: conditional ? config.mismatchedLabelWeight : 0,
                                        classifier: conditional && config.classifies ? config.classifierWeight : 0,
                                        generatorClassifier: conditional && config.classifies
                                            ? config.generatorClassifierWeight : 0)
        if spectral, let spectrogramCritic {
            let c = spectrogramCritic.config
            weighting.generatorLoss = c.lossWeight
            weighting.learningRateScale = c.learningRateScale
            weighting.r1Scale = c.r1Scale
        }
        return weighting
    }

    /// The waveform (μ-law companded with `waveCriticMuLaw`) for the waveform critic; compressed spectrograms for
    /// the spectrogram critic. R1 penalties are taken against these inputs (see `SpectrogramCritic.features`).
    public func criticInput(critic: Int, _ x: Tensor) throws -> Tensor {
        if critic == 0, waveCritic != nil { return config.waveCriticMuLaw > 0 ? x.muLaw(config.waveCriticMuLaw) : x }
        return try spectrogramCritic!.features(x)
    }

    public func score(critic: Int, _ input: Tensor, labels: [Int]?, using random: inout SeededGenerator) throws -> Tensor {
        try scoreAndClassify(critic: critic, input, labels: labels, using: &random).scores
    }

    public func scoreAndClassify(critic: Int, _ input: Tensor, labels: [Int]?, using random: inout SeededGenerator)
        throws -> (scores: Tensor, logits: Tensor?) {
        if critic == 0, let waveCritic { return try waveCritic.scoreAndClassify(input, labels: labels, using: &random) }
        let labelled = config.wavegan.labelCount > 0 && config.spectrogramCriticSeesLabels
        return try spectrogramCritic!.scoreAndClassify(input, labels: labelled ? labels : nil)
    }
}
