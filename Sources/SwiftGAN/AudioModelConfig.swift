import Foundation
import Models

/// Which critics judge the generator's audio.
public enum AudioCritics: String, Codable, Sendable, CaseIterable {
    /// WaveGAN's waveform critic only (the paper).
    case wave
    /// The multi-resolution spectrogram critic only.
    case spectrogram
    /// Both, losses summed.
    case both
}

/// Everything that defines an audio GAN: the generator/critic shapes and the label names.
public struct AudioModelConfig: Codable, Equatable, Sendable {
    public var wavegan = WaveGANConfig()
    public var critics = AudioCritics.wave
    public var spectrogram = SpectrogramCritic.Config()
    /// Label names of a conditional model, in index order (empty: unconditional).
    public var labels: [String] = []
    /// Threshold in dB relative to each clip's peak of the gate that silences generated clips after their sound has
    /// decayed (`TailGate`), chosen at the end of training so that as many generated clips end in silence as
    /// training clips do; nil: no gate.
    public var tailGate: Float?
    /// Weight of the critics' matching-aware term in a conditional model: real clips paired with another clip's label
    /// count as fakes (`CriticWeighting.mismatchedLabels`). 0 turns it off.
    public var mismatchedLabelWeight: Float = 0
    /// μ of the μ-law companding of the waveform critic's input (`Tensor.muLaw`), so that the critic sees a quiet
    /// noise floor as clearly as a loud sound; its R1 penalty is taken against the companded input. 0: the raw
    /// waveform (the paper).
    public var waveCriticMuLaw: Float = 0
    /// Weight of the critics' auxiliary classifier in a conditional model (AC-GAN): each critic gets a head of class
    /// logits, trained by cross-entropy on the real clips' labels (`CriticWeighting.classifier`). 0 turns it off.
    public var classifierWeight: Float = 0
    /// Weight of the same cross-entropy on generated clips in the generator's loss
    /// (`CriticWeighting.generatorClassifier`): each clip is pushed towards what the critics hear as its label.
    public var generatorClassifierWeight: Float = 0
    /// Whether the spectrogram critic of a conditional model is conditional too (label projection, and a classifier
    /// head with the weights above). Off: it judges every clip whatever its label, and the waveform critic alone
    /// judges the labels. Model files written before this field existed had it on.
    public var spectrogramCriticSeesLabels = false
    /// Per-label spectral templates of a conditional model and the weight of the generator's term that matches them
    /// (`SpectralTemplates`; weight 0: off). Model files written before this field existed have it off.
    public var spectralTemplates = SpectralTemplates.Config()
    /// Templates for an unconditional model with `spectralTemplates`: 0 (the default) none; 1 one template of all the
    /// clips; K > 1 the K kinds of sound that k-means finds in the clips' features, each generated clip counted
    /// towards the kind nearest to it. One template lowered the distance of sustained notes by a third but made
    /// gated one-shot drums of many kinds worse, whose mean spectrogram is no drum's (`docs/experiments-audio.md`).
    public var unconditionalTemplates = 0

    public init() {}

    /// Whether the critics carry a classifier head: a conditional model with either classifier weight above 0.
    var classifies: Bool { wavegan.labelCount > 0 && (classifierWeight > 0 || generatorClassifierWeight > 0) }

    /// Decodes a configuration, taking the default of every field the file does not name (model files written by
    /// earlier versions).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        wavegan = try c.decode(.wavegan, default: wavegan)
        critics = try c.decode(.critics, default: critics)
        spectrogram = try c.decode(.spectrogram, default: spectrogram)
        labels = try c.decode(.labels, default: labels)
        tailGate = try c.decodeIfPresent(Float.self, forKey: .tailGate)
        mismatchedLabelWeight = try c.decode(.mismatchedLabelWeight, default: mismatchedLabelWeight)
        waveCriticMuLaw = try c.decode(.waveCriticMuLaw, default: waveCriticMuLaw)
        classifierWeight = try c.decode(.classifierWeight, default: 0)
        generatorClassifierWeight = try c.decode(.generatorClassifierWeight, default: 0)
        spectrogramCriticSeesLabels = try c.decode(.spectrogramCriticSeesLabels, default: true)
        spectralTemplates = try c.decode(.spectralTemplates, default: spectralTemplates)
        unconditionalTemplates = try c.decode(.unconditionalTemplates, default: unconditionalTemplates)
    }

    /// Throws `ModelError.invalidConfig` for sizes the networks cannot take or labels that disagree with the
    /// generator's label count.
    public func validate() throws {
        try wavegan.validate()
        if critics != .wave { try spectrogram.validate() }
        try spectralTemplates.validate()
        guard (0...64).contains(unconditionalTemplates) else {
            throw ModelError.invalidConfig("unconditionalTemplates must lie in 0...64 (got \(unconditionalTemplates))")
        }
        guard labels.count == wavegan.labelCount || labels.isEmpty else {
            throw ModelError.invalidConfig("\(labels.count) label names for a generator of \(wavegan.labelCount) labels")
        }
        guard tailGate?.isFinite ?? true else { throw ModelError.invalidConfig("the tail gate threshold is not finite") }
        guard mismatchedLabelWeight >= 0, mismatchedLabelWeight <= 1000 else {
            throw ModelError.invalidConfig("mismatchedLabelWeight must lie in [0, 1000] (got \(mismatchedLabelWeight))")
        }
        for (name, v) in [("classifierWeight", classifierWeight), ("generatorClassifierWeight", generatorClassifierWeight)] {
            guard v >= 0, v <= 1000 else { throw ModelError.invalidConfig("\(name) must lie in [0, 1000] (got \(v))") }
        }
        guard waveCriticMuLaw == 0 || (waveCriticMuLaw >= 1 && waveCriticMuLaw <= 65535) else {
            throw ModelError.invalidConfig("waveCriticMuLaw must be 0 (off) or lie in [1, 65535] (got \(waveCriticMuLaw))")
        }
    }
}

/// Problems specific to audio synthesis (the layers below have their own error types).
public enum AudioSynthesisError: Error, CustomStringConvertible, Equatable {
    case noUsableAudio(String)
    case unknownLabel(String, known: [String])
    case notAModel(String)
    case outputNotEmpty(String)
    case invalidOption(String)

    public var description: String {
        switch self {
        case .noUsableAudio(let m): return m
        case .unknownLabel(let l, let known):
            return known.isEmpty
                ? "this model has no labels, so label '\(l)' cannot be used; generate without a label"
                : "unknown label '\(l)'; this model knows: \(known.joined(separator: ", "))"
        case .notAModel(let m): return m
        case .outputNotEmpty(let p):
            return "output folder \(p) already holds other files; choose an empty folder or allow overwriting (`writeClips(overwrite:)`)"
        case .invalidOption(let m): return m
        }
    }
}
