import Foundation

extension AudioEvaluation {
    /// For labelled generated clips, the real label index each generated clip should be classified as; nil without
    /// real or generated labels. Throws when the label counts do not match the clip counts or a generated label is
    /// not a real one.
    static func labelTargets(real: ClipLabels?, realCount: Int, generated: ClipLabels?, generatedCount: Int) throws
        -> [Int]? {
        for (set, labels, count) in [("real", real, realCount), ("generated", generated, generatedCount)] {
            if let labels, labels.indices.count != count {
                throw EvaluationError.mismatch("\(count) \(set) clips but \(labels.indices.count) \(set) labels")
            }
        }
        guard let real, let generated else { return nil }
        let realIndex = try generated.names.map { name in
            guard let k = real.names.firstIndex(of: name) else {
                throw EvaluationError.mismatch(
                    "generated label '\(name)' is not a label of the real clips (\(real.names.joined(separator: ", "))); "
                        + "name each generated subfolder after the real label it holds")
            }
            return k
        }
        return generated.indices.map { realIndex[$0] }
    }

    /// Trains the classifier on the real summaries `rs` and fills the label fields from it and the generated
    /// summaries `gs` (label accuracy only with `targets`).
    mutating func scoreLabels(real rs: FeatureMatrix, labels: ClipLabels, generated gs: FeatureMatrix,
                              targets: [Int]?, options: AudioClassifier.Options, seed: UInt64) throws {
        let classifier = try AudioClassifier(features: rs, labels: labels, options: options, seed: seed)
        let classes = labels.names.count
        let p = try classifier.probabilities(gs)
        self.labels = labels.names
        classifierHeldOut = classifier.heldOutRows.count
        classifierAccuracy = classifier.heldOutAccuracy
        inceptionScore = try InceptionScore.of(probabilities: p, classes: classes)
        inceptionScoreReal = try InceptionScore.of(probabilities: classifier.heldOutProbabilities, classes: classes)
        if let targets {
            let predicted = AudioClassifier.mostLikely(p, classes: classes)
            labelAccuracy = Double(zip(predicted, targets).filter { $0 == $1 }.count) / Double(targets.count)
        }
    }

    /// Table lines of the label metrics (none without them).
    var labelText: [String] {
        guard let labels, let classifierHeldOut, let classifierAccuracy, let inceptionScore, let inceptionScoreReal
        else { return [] }
        var lines = [
            String(format: "classifier accuracy     %.3f   (%d labels, %d held-out real clips; trust the scores "
                       + "below only when high)", classifierAccuracy, labels.count, classifierHeldOut),
            String(format: "Inception-style score   %.2f   (held-out real clips: %.2f; 1 to %d, higher is better)",
                   inceptionScore, inceptionScoreReal, labels.count),
        ]
        if let labelAccuracy {
            lines.append(String(format: "label accuracy          %.3f   (generated clips classified as their folder's "
                                    + "label)", labelAccuracy))
        }
        return lines
    }
}
