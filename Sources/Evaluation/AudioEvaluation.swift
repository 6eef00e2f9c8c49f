import DSP
import Foundation
import TensorCore

/// Fidelity of generated audio against real audio, on WaveGAN's log-mel features (see `LogMelFeatures`).
///
/// - Fréchet distance between Gaussian fits of a per-clip summary: the mean and the standard deviation over time of
///   each of the 128 log-mel bands (256 values per clip). A summary keeps the covariance well conditioned with a few
///   hundred clips, where the flattened 16 384-value features would not be.
/// - NDB/K and Jensen–Shannon divergence of K-means bins (fitted on real summaries).
/// - D_self and D_train: mean nearest-neighbour distances on the flattened log-mel features (as WaveGAN's paper).
/// - With labelled real clips: an `AudioClassifier` trained on them, its accuracy on held-out real clips, the
///   `InceptionScore` of the generated clips (and of the held-out real clips, for reference) and, when the generated
///   clips are labelled too, their label accuracy. These fields are nil otherwise.
public struct AudioEvaluation: Codable, Sendable, Equatable {
    public var realCount: Int
    public var generatedCount: Int
    public var frechetDistance: Double
    public var ndbOverK: Double?
    public var jensenShannon: Double?
    public var bins: Int?
    public var dSelf: Double
    public var dTrain: Double
    /// D_self of the real clips, for scale.
    public var dSelfReal: Double
    /// The real labels the classifier tells apart.
    public var labels: [String]?
    /// Real clips held out from the classifier's training, and the fraction of them it classifies correctly: the
    /// two scores below mean little unless this is high.
    public var classifierHeldOut: Int?
    public var classifierAccuracy: Double?
    /// Inception-style score of the generated clips, in [1, number of labels]; higher = each clip clearly one label
    /// and the labels evenly covered.
    public var inceptionScore: Double?
    /// Inception-style score of the held-out real clips: what a perfect generator would reach with this classifier.
    public var inceptionScoreReal: Double?
    /// Fraction of the generated clips the classifier assigns to the label of the subfolder they came from.
    public var labelAccuracy: Double?

    /// Evaluates clips given as `[count, samples]` arrays at 16 kHz (mono). Clips are peak-normalised first.
    /// `bins` is K for NDB (reduced to fit the real set when it is small; NDB is skipped below 20 real clips).
    ///
    /// With `realLabels`, a classifier (trained with `classifier` and `seed`) adds the label metrics; with
    /// `generatedLabels` too, the label accuracy. Generated label names must be real label names (an unknown one
    /// throws). When the real labels cannot train a classifier (see `ClipLabels.classifierProblem`) the label
    /// metrics are left out and `warning` gets one line saying why.
    public static func evaluate(real: [Float], realCount: Int, generated: [Float], generatedCount: Int,
                                bins: Int = 50, seed: UInt64 = 0, realLabels: ClipLabels? = nil,
                                generatedLabels: ClipLabels? = nil,
                                classifier: AudioClassifier.Options = AudioClassifier.Options(),
                                warning: (String) -> Void = { _ in }) throws -> AudioEvaluation {
        guard realCount >= 2 else { throw EvaluationError.tooFewSamples("at least 2 real clips are needed, got \(realCount)") }
        guard generatedCount >= 2 else {
            throw EvaluationError.tooFewSamples("at least 2 generated clips are needed, got \(generatedCount)")
        }
        let generatedTargets = try labelTargets(real: realLabels, realCount: realCount, generated: generatedLabels,
                                                generatedCount: generatedCount)
        try classifier.validate()
        let features = try LogMelFeatures()
        let r = try features(normalised(real, count: realCount), count: realCount)
        let g = try features(normalised(generated, count: generatedCount), count: generatedCount)
        let rs = try summary(r, count: realCount), gs = try summary(g, count: generatedCount)
        let rf = try flat(r, count: realCount), gf = try flat(g, count: generatedCount)
        let k = Swift.min(bins, realCount / 10)
        var ndb: BinProportions?
        if k >= 2 { ndb = try BinProportions(real: rs, generated: gs, k: k, seed: seed) }
        var result = AudioEvaluation(
            realCount: realCount, generatedCount: generatedCount,
            frechetDistance: try FrechetDistance.between(rs, gs), ndbOverK: ndb?.ndbOverK,
            jensenShannon: ndb?.jensenShannon, bins: ndb?.k, dSelf: try NearestNeighbors.dSelf(gf),
            dTrain: try NearestNeighbors.dTrain(gf, real: rf), dSelfReal: try NearestNeighbors.dSelf(rf))
        if let realLabels {
            if let problem = realLabels.classifierProblem {
                warning("no Inception-style score or label accuracy: \(problem)")
            } else {
                try result.scoreLabels(real: rs, labels: realLabels, generated: gs, targets: generatedTargets,
                                       options: classifier, seed: seed)
            }
        }
        return result
    }

    /// Each clip scaled so its largest absolute sample is 1 (silent clips unchanged).
    static func normalised(_ clips: [Float], count: Int) -> [Float] {
        let n = clips.count / count
        var out = clips
        for c in 0..<count {
            let peak = clips[(c * n)..<((c + 1) * n)].reduce(Float(0)) { Swift.max($0, abs($1)) }
            if peak > 0 { for i in (c * n)..<((c + 1) * n) { out[i] /= peak } }
        }
        return out
    }

    /// Per clip: mean and standard deviation over frames of each band.
    static func summary(_ features: [Float], count: Int) throws -> FeatureMatrix {
        let bands = LogMelFeatures.melCount, frames = LogMelFeatures.frames
        var v: [Double] = []
        v.reserveCapacity(count * 2 * bands)
        for c in 0..<count {
            var means: [Double] = [], stds: [Double] = []
            for b in 0..<bands {
                let row = features[((c * bands + b) * frames)..<((c * bands + b + 1) * frames)].map(Double.init)
                let m = row.reduce(0, +) / Double(frames)
                means.append(m)
                stds.append((row.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(frames)).squareRoot())
            }
            v += means + stds
        }
        return try FeatureMatrix(count: count, dimension: 2 * bands, values: v)
    }

    static func flat(_ features: [Float], count: Int) throws -> FeatureMatrix {
        try FeatureMatrix(count: count, dimension: features.count / count, values: features.map(Double.init))
    }

    /// A readable table of the figures.
    public var text: String {
        var lines = [
            "real clips              \(realCount)",
            "generated clips         \(generatedCount)",
            String(format: "Fréchet distance        %.2f   (log-mel mean/std summary; lower is better)", frechetDistance),
        ]
        if let ndbOverK, let jensenShannon, let bins {
            lines.append(String(format: "NDB/K (K = %d)          %.3f   (0 = bins match)", bins, ndbOverK))
            lines.append(String(format: "JS divergence           %.4f", jensenShannon))
        }
        lines.append(String(format: "D_self                  %.2f   (real clips: %.2f; low = mode collapse)", dSelf, dSelfReal))
        lines.append(String(format: "D_train                 %.2f   (near 0 = copies of the real clips)", dTrain))
        lines += labelText
        return lines.joined(separator: "\n")
    }
}
