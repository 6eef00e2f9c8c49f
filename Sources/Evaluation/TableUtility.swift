import Foundation
import Tabular
import TensorCore

/// Does augmenting a table help a classifier trained on it? The downstream test to run before trusting augmentation.
///
/// Protocol: `splits` repeated stratified splits of the real rows (`testFraction` of each class held out, at least
/// one row of it, seeded by `seed` and the split number). For each split, `augment` receives the training rows and
/// returns them with whatever it adds. Two classifiers are trained on the training rows alone and on the augmented
/// ones, with features as `TableEfficacy`'s (the encoding fitted to the rows each model trains on, then a
/// RobustScaler): logistic regression (C = 1, balanced class weights) and a random forest of 100 trees. Both are scored on
/// the held-out real rows: balanced accuracy (the mean recall of the classes), F1 of the rarest class of the table,
/// and ROC AUC (of the rarest class for two classes, else the mean one-against-rest AUC of the classes).
///
/// Each figure's gain is augmented minus baseline per split; the report gives its mean over splits with a 95 %
/// Student-t interval. A gain whose interval lies below 0 says the augmentation hurts this model on this table.
public struct TableUtility: Codable, Sendable, Equatable {
    public typealias Gain = UtilityGain

    public var target: String
    /// The rarest class of the table, whose F1 is reported.
    public var minorityClass: String
    public var splits: Int
    public var testFraction: Double
    /// Rows the training sets held on average, before and after augmentation.
    public var trainingRows: Double
    public var augmentedRows: Double
    public var gains: [Gain]

    /// The models, in report order.
    public static let models = ["logistic regression", "random forest"]

    /// Runs the protocol on `table` (a categorical `target`, or an integer one, read as class labels).
    /// Throws `TableError` when the table has no column `target`, `TableMetricError` when a class has fewer than 2
    /// rows or an augmented table has other columns or column kinds or brings a new class, and rethrows `augment`'s errors.
    public init(table: Table, target: String, splits: Int = 5, testFraction: Double = 0.3, seed: UInt64 = 0,
                augment: (_ training: Table, _ split: Int) throws -> Table) throws {
        try UtilitySplits.validate(splits: splits, testFraction: testFraction)
        let targetIndex = try table.index(of: target)
        let column = table.columns[targetIndex]
        let labelled = (0..<table.rowCount).filter { !column.isMissing($0) }
        let real = table.selecting(rows: labelled)
        let texts = labelled.map { column.text($0) }
        let classNames = Set(texts).sorted()
        var counts = [Int](repeating: 0, count: classNames.count)
        let labels = texts.map { classNames.firstIndex(of: $0)! }
        for l in labels { counts[l] += 1 }
        guard classNames.count >= 2 else {
            throw TableMetricError.unusableTarget(column: target, reason: "it has \(classNames.count) class; a classifier needs 2")
        }
        if let rare = counts.indices.first(where: { counts[$0] < 2 }) {
            throw TableMetricError.unusableTarget(
                column: target, reason: "class '\(classNames[rare])' has \(counts[rare]) row; each class needs 2, one to "
                    + "train on and one to test on")
        }
        let minority = counts.indices.min { counts[$0] < counts[$1] }!
        self.target = target
        minorityClass = classNames[minority]
        self.splits = splits
        self.testFraction = testFraction

        let problem = UtilityProblem(target: targetIndex, classNames: classNames, minority: minority)
        var scores: [[(baseline: Double, augmented: Double)]] = []
        var rows = (training: 0, augmented: 0)
        for s in 0..<splits {
            let test = UtilitySplits.heldOut(labels: labels, classes: classNames.count, testFraction: testFraction,
                                             seed: seed, split: s)
            let testSet = Set(test)
            let training = real.selecting(rows: labels.indices.filter { !testSet.contains($0) })
            let heldOut = real.selecting(rows: test)
            let augmented = try problem.aligned(try augment(training, s), like: training)
            rows.training += training.rowCount
            rows.augmented += augmented.rowCount
            let seedOfSplit = UtilitySplits.modelSeed(seed, split: s)
            let before = try problem.scores(trainedOn: training, testedOn: heldOut, seed: seedOfSplit)
            let after = try problem.scores(trainedOn: augmented, testedOn: heldOut, seed: seedOfSplit)
            scores.append(zip(before, after).map { ($0, $1) })
        }
        trainingRows = Double(rows.training) / Double(splits)
        augmentedRows = Double(rows.augmented) / Double(splits)
        gains = UtilityGain.gains(models: Self.models, metrics: UtilityGain.metrics(minority: minorityClass),
                                  scores: scores)
    }
}

/// The classifiers and scores of `TableUtility` for one table.
struct UtilityProblem {
    let target: Int
    let classNames: [String]
    let minority: Int

    /// `table` with `like`'s columns in `like`'s order (`TableAlignment`: the same columns of the same kinds);
    /// throws when they differ or the table brings a class the data does not have.
    func aligned(_ table: Table, like training: Table) throws -> Table {
        let result = try TableAlignment.align(real: training, synthetic: table).synthetic
        let labels = result.columns[target]
        if let row = (0..<result.rowCount).first(where: { !labels.isMissing($0) && !classNames.contains(labels.text($0)) }) {
            throw TableMetricError.invalidOption(
                "the augmented table has class '\(labels.text(row))', which the data does not; augmentation adds rows of "
                    + "the existing classes")
        }
        return result
    }

    /// The class of each labelled row of `table` and those rows.
    func labelled(_ table: Table) -> (table: Table, labels: [Int]) {
        let column = table.columns[target]
        let rows = (0..<table.rowCount).filter { !column.isMissing($0) }
        return (table.selecting(rows: rows), rows.map { classNames.firstIndex(of: column.text($0))! })
    }

    /// For each model of `TableUtility.models`: balanced accuracy, minority F1 and ROC AUC on `test`.
    func scores(trainedOn training: Table, testedOn test: Table, seed: UInt64) throws -> [Double] {
        let (train, labels) = labelled(training), (held, truth) = labelled(test)
        let encoder = TableFeatureEncoder(fitting: train, excluding: [target])
        let d = encoder.width
        let scaler = RobustScaler(x: encoder.encode(train), features: d)
        let x = scaler.transform(encoder.encode(train)), xTest = scaler.transform(encoder.encode(held))
        let k = classNames.count
        let logistic = LogisticRegression(x: x, features: d, labels: labels, classes: k, balanced: true)
        let forest = RandomForest(x: x, features: d, task: .classification(classes: k), labels: labels, seed: seed)
        // Both give [rows, classes] probabilities: every class has training rows, so the forest's trees see all.
        let probabilities = [logistic.probabilities(xTest), forest.predictRaw(xTest)]
        return probabilities.flatMap { UtilitySplits.scores(truth: truth, p: $0, classes: k, minority: minority) }
    }
}
