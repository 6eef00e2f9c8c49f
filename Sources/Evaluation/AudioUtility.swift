import DSP
import TensorCore

/// Does augmenting a labelled set of clips help a classifier trained on it? The audio counterpart of `TableUtility`,
/// the test to run before trusting augmentation.
///
/// Protocol: `splits` repeated stratified splits of the clips (`testFraction` of each label held out, at least one
/// clip of it, seeded by `seed` and the split number). For each split, `augment` receives the training clips and their
/// labels and returns them with whatever it adds. Every clip is described by the log-mel summary of the audio metrics
/// (mean and standard deviation over time of 128 mel bands, after peak normalisation; `AudioEvaluation`), and two
/// classifiers are trained on the training clips alone and on the augmented ones, with the features scaled by a
/// RobustScaler fitted to the clips each trains on: logistic regression (C = 1, balanced class weights) and a random
/// forest of 100 trees. Both are scored on the held-out real clips: balanced accuracy, F1 of the rarest label and ROC
/// AUC; gains as `TableUtility`'s.
public struct AudioUtility: Codable, Sendable, Equatable {
    /// The rarest label of the clips, whose F1 is reported.
    public var minorityClass: String
    public var splits: Int
    public var testFraction: Double
    /// Clips the training sets held on average, before and after augmentation.
    public var trainingClips: Double
    public var augmentedClips: Double
    public var gains: [UtilityGain]

    /// The models, in report order.
    public static let models = ["logistic regression", "random forest"]

    /// Runs the protocol on `clips` (`[count, 16384]`: mono, 16 kHz, the metrics' clip length) labelled by
    /// `labels`. `augment` gets the training clips (`[n, 16384]`) with their label indices and returns the augmented
    /// set in the same form. Throws `EvaluationError` when a label has fewer than 2 clips, the clips are not
    /// 16 384 samples long, or an augmented set is malformed, and rethrows `augment`'s errors.
    public init(clips: [Float], labels: ClipLabels, splits: Int = 5, testFraction: Double = 0.3, seed: UInt64 = 0,
                augment: (_ clips: [Float], _ labels: [Int], _ split: Int) throws -> (clips: [Float], labels: [Int]))
        throws
    {
        try UtilitySplits.validate(splits: splits, testFraction: testFraction)
        let length = LogMelFeatures.clipLength, count = labels.indices.count
        guard clips.count == count * length else {
            throw EvaluationError.invalidInput(
                "the utility test takes clips of \(length) samples at 16 kHz, one per label; got \(clips.count) "
                    + "samples for \(count) labels")
        }
        if let problem = labels.classifierProblem { throw EvaluationError.invalidInput(problem) }
        let k = labels.names.count
        let counts = labels.counts
        let minority = counts.indices.min { counts[$0] < counts[$1] }!
        minorityClass = labels.names[minority]
        self.splits = splits
        self.testFraction = testFraction
        let features = try Self.features(clips, count: count)
        var scores: [[(baseline: Double, augmented: Double)]] = []
        var sizes = (training: 0, augmented: 0)
        for s in 0..<splits {
            let test = UtilitySplits.heldOut(labels: labels.indices, classes: k, testFraction: testFraction, seed: seed,
                                             split: s)
            let testSet = Set(test)
            let training = labels.indices.indices.filter { !testSet.contains($0) }
            let trainingClips = training.flatMap { clips[($0 * length)..<(($0 + 1) * length)] }
            let trainingLabels = training.map { labels.indices[$0] }
            let augmented = try augment(trainingClips, trainingLabels, s)
            let n = augmented.labels.count
            guard augmented.clips.count == n * length, augmented.labels.allSatisfy({ (0..<k).contains($0) }) else {
                throw EvaluationError.invalidInput(
                    "the augmented set has \(augmented.clips.count) samples for \(n) clips of \(length), or a label "
                        + "outside the \(k) of the data; augmentation adds clips of the existing labels")
            }
            let d = features.dimension
            let rows = { (items: [Int]) in items.flatMap { features.values[($0 * d)..<(($0 + 1) * d)] } }
            let testFeatures = rows(test), truth = test.map { labels.indices[$0] }
            let modelSeed = UtilitySplits.modelSeed(seed, split: s)
            let before = Self.scores(training: rows(training), labels: trainingLabels, test: testFeatures,
                                     truth: truth, classes: k, minority: minority, seed: modelSeed)
            let after = Self.scores(training: try Self.features(augmented.clips, count: n).values,
                                    labels: augmented.labels, test: testFeatures, truth: truth, classes: k,
                                    minority: minority, seed: modelSeed)
            sizes.training += training.count
            sizes.augmented += n
            scores.append(zip(before, after).map { ($0, $1) })
        }
        trainingClips = Double(sizes.training) / Double(splits)
        augmentedClips = Double(sizes.augmented) / Double(splits)
        gains = UtilityGain.gains(models: Self.models, metrics: UtilityGain.metrics(minority: minorityClass),
                                  scores: scores)
    }

    /// The log-mel summary (256 values per clip) of peak-normalised clips.
    static func features(_ clips: [Float], count: Int) throws -> FeatureMatrix {
        let logMel = try LogMelFeatures()
        return try AudioEvaluation.summary(
            try logMel(AudioEvaluation.normalised(clips, count: count), count: count), count: count)
    }

    /// Balanced accuracy, F1 of `minority` and ROC AUC of both models trained on `training` (log-mel summaries).
    static func scores(training: [Double], labels: [Int], test: [Double], truth: [Int], classes k: Int, minority: Int,
                       seed: UInt64) -> [Double] {
        let d = 2 * LogMelFeatures.melCount
        let scaler = RobustScaler(x: training, features: d)
        let x = scaler.transform(training), xTest = scaler.transform(test)
        let logistic = LogisticRegression(x: x, features: d, labels: labels, classes: k, balanced: true)
        let forest = RandomForest(x: x, features: d, task: .classification(classes: k), labels: labels, seed: seed)
        return [logistic.probabilities(xTest), forest.predictRaw(xTest)].flatMap {
            UtilitySplits.scores(truth: truth, p: $0, classes: k, minority: minority)
        }
    }
}
