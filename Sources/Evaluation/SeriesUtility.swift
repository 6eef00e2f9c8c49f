import Foundation
import TensorCore
import TimeSeries

/// Does augmenting a labelled set of series help a classifier trained on it? The series counterpart of
/// `TableUtility`, the test to run before trusting augmentation.
///
/// Protocol: `splits` repeated stratified splits of the series (`testFraction` of each class held out, at least one
/// series of it, seeded by `seed` and the split number), or, with a separate `test` set (a UCR/UEA archive's TEST
/// split), `splits` repeats that all train on `data` and test on `test`, with other seeds for the augmentation and the
/// models. For each split, `augment` receives the training series and returns them with whatever it adds. Two
/// classifiers are trained on the training series alone and on the augmented ones, and scored on the held-out real
/// series: MiniRocket (`RandomConvolutionFeatures`, about 10 000 features, then `RidgeClassifier`) and a small fully
/// convolutional network (`SeriesCNNClassifier`), trained for the same number of steps with and without augmentation
/// (so augmentation changes the data, not the compute). Figures: balanced accuracy, F1 of the data's rarest class and ROC AUC
/// (of the rarest class for two classes, else the mean one-against-rest AUC); gains as `TableUtility`'s.
public struct SeriesUtility: Codable, Sendable, Equatable {
    /// The rarest class of the data, whose F1 is reported.
    public var minorityClass: String
    public var splits: Int
    /// The held-out share of each class; nil when a separate test set was given.
    public var testFraction: Double?
    /// Series the training sets held on average, before and after augmentation.
    public var trainingSeries: Double
    public var augmentedSeries: Double
    public var gains: [UtilityGain]

    /// The models, in report order.
    public static let models = ["MiniRocket ridge", "1-D CNN"]

    /// Settings of the two classifiers.
    public struct Models: Sendable, Equatable {
        /// MiniRocket's feature count (rounded down to a multiple of 84).
        public var features = 9_996
        /// The CNN's settings; both of a split's CNNs (real only, augmented) take the same number of steps:
        /// `cnnEpochs` passes over the real training series in batches of `cnn.batchSize`, at least `cnn.steps`.
        public var cnn = SeriesCNNClassifier.Options()
        public var cnnEpochs = 100

        public init() {}
    }

    /// Runs the protocol on labelled `data` (and `test`, when given: same length and features, labels among the
    /// data's). Throws `SeriesMetricError` when the data has no labels, a class has fewer than 2 series (2 training
    /// series with a test set), the sets differ in shape or an augmented set changes the shape or brings a new class,
    /// and rethrows `augment`'s errors.
    public init(data: SeriesArray, test: SeriesArray? = nil, splits: Int = 5, testFraction: Double = 0.3,
                seed: UInt64 = 0, models: Models = Models(),
                augment: (_ training: SeriesArray, _ split: Int) throws -> SeriesArray) throws {
        try UtilitySplits.validate(splits: splits, testFraction: testFraction)
        guard let texts = data.labels else {
            throw SeriesMetricError.invalidOption(
                "the utility test needs a class label per series; name the label column (--label)")
        }
        try data.checkFinite()
        let classNames = Set(texts).sorted()
        let labels = texts.map { classNames.firstIndex(of: $0)! }
        var counts = [Int](repeating: 0, count: classNames.count)
        for l in labels { counts[l] += 1 }
        guard classNames.count >= 2 else {
            throw SeriesMetricError.invalidOption(
                "the labels hold \(classNames.count) class; a classifier needs 2")
        }
        if let rare = counts.indices.first(where: { counts[$0] < 2 }) {
            throw SeriesMetricError.invalidOption(
                "class '\(classNames[rare])' has \(counts[rare]) series; each class needs 2"
                    + (test == nil ? ", one to train on and one to test on" : " to train on"))
        }
        var heldOut: (series: SeriesArray, labels: [Int])?
        if let test {
            try Self.checkShape(test, like: data, set: "test")
            try test.checkFinite()
            guard let testTexts = test.labels else {
                throw SeriesMetricError.invalidOption("the test series have no labels; they need the data's label column")
            }
            if let unknown = testTexts.first(where: { !classNames.contains($0) }) {
                throw SeriesMetricError.invalidOption(
                    "the test series have class '\(unknown)', which the training series do not")
            }
            heldOut = (test, testTexts.map { classNames.firstIndex(of: $0)! })
        }
        let minority = counts.indices.min { counts[$0] < counts[$1] }!
        minorityClass = classNames[minority]
        self.splits = splits
        self.testFraction = test == nil ? testFraction : nil
        let problem = SeriesUtilityProblem(classNames: classNames, minority: minority, models: models)
        var scores: [[(baseline: Double, augmented: Double)]] = []
        var sizes = (training: 0, augmented: 0)
        for s in 0..<splits {
            let training: SeriesArray, evaluation: (series: SeriesArray, labels: [Int])
            if let heldOut {
                (training, evaluation) = (data, heldOut)
            } else {
                let test = UtilitySplits.heldOut(labels: labels, classes: classNames.count, testFraction: testFraction,
                                                 seed: seed, split: s)
                let testSet = Set(test)
                training = data.selecting(labels.indices.filter { !testSet.contains($0) })
                evaluation = (data.selecting(test), test.map { labels[$0] })
            }
            let augmented = try augment(training, s)
            try Self.checkShape(augmented, like: training, set: "augmented")
            let modelSeed = UtilitySplits.modelSeed(seed, split: s)
            var cnn = models.cnn
            cnn.steps = Swift.max(cnn.steps, models.cnnEpochs * ((training.count + cnn.batchSize - 1) / cnn.batchSize))
            let before = try problem.scores(trainedOn: training, testedOn: evaluation, cnn: cnn, seed: modelSeed)
            let after = try problem.scores(trainedOn: augmented, testedOn: evaluation, cnn: cnn, seed: modelSeed)
            sizes.training += training.count
            sizes.augmented += augmented.count
            scores.append(zip(before, after).map { ($0, $1) })
        }
        trainingSeries = Double(sizes.training) / Double(splits)
        augmentedSeries = Double(sizes.augmented) / Double(splits)
        gains = UtilityGain.gains(models: Self.models, metrics: UtilityGain.metrics(minority: minorityClass),
                                  scores: scores)
    }

    static func checkShape(_ set: SeriesArray, like data: SeriesArray, set name: String) throws {
        guard set.length == data.length, set.features == data.features else {
            throw SeriesMetricError.mismatchedShapes(
                real: "\(data.length) steps × \(data.features) features",
                synthetic: "\(set.length) steps × \(set.features) features (the \(name) set)")
        }
    }
}

/// The classifiers and scores of `SeriesUtility` for one data set.
struct SeriesUtilityProblem {
    let classNames: [String]
    let minority: Int
    let models: SeriesUtility.Models

    /// For each model of `SeriesUtility.models`: balanced accuracy, minority F1 and ROC AUC on `test`.
    func scores(trainedOn training: SeriesArray, testedOn test: (series: SeriesArray, labels: [Int]),
                cnn options: SeriesCNNClassifier.Options, seed: UInt64) throws -> [Double]
    {
        try training.checkFinite()
        guard let texts = training.labels else {
            throw SeriesMetricError.invalidOption("the augmented series have no labels; augmentation keeps the labels")
        }
        let labels = try texts.map { text -> Int in
            guard let l = classNames.firstIndex(of: text) else {
                throw SeriesMetricError.invalidOption(
                    "the augmented series have class '\(text)', which the data does not; augmentation adds series of "
                        + "the existing classes")
            }
            return l
        }
        let k = classNames.count
        let (n, length, channels) = (training.count, training.length, training.features)
        let transform = RandomConvolutionFeatures(fitting: training.values, count: n, length: length,
                                                  channels: channels, features: models.features, seed: seed)
        let ridge = try RidgeClassifier(x: transform.transform(training.values, count: n),
                                        features: transform.featureCount, labels: labels, classes: k)
        let cnn = try SeriesCNNClassifier(values: training.values, count: n, length: length, channels: channels,
                                          labels: labels, classes: k, options: options, seed: seed)
        let scored = [ridge.decisions(transform.transform(test.series.values, count: test.series.count)),
                      try cnn.probabilities(test.series.values, count: test.series.count)]
        return scored.flatMap { UtilitySplits.scores(truth: test.labels, p: $0, classes: k, minority: minority) }
    }
}
