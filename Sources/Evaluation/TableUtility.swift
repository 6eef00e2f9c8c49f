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
    /// One model's figure on held-out real rows, trained without and with augmentation.
    public struct Gain: Codable, Sendable, Equatable {
        public var model: String
        /// "balanced accuracy", "F1 of class 'x'" or "ROC AUC".
        public var metric: String
        /// Mean over splits, trained on the real training rows.
        public var baseline: Double
        /// Mean over splits, trained on the augmented training rows.
        public var augmented: Double
        /// Mean over splits of augmented − baseline, and its 95 % interval.
        public var gain: Double
        public var low: Double
        public var high: Double
        /// augmented − baseline in each split.
        public var perSplit: [Double]
    }

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
        guard (2...1000).contains(splits) else {
            throw TableMetricError.invalidOption("the utility test takes 2 to 1000 splits, not \(splits)")
        }
        guard testFraction > 0 && testFraction < 1 else {
            throw TableMetricError.invalidOption("the held-out fraction must lie strictly between 0 and 1, not \(testFraction)")
        }
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
            var random = SeededGenerator(seed: seed, stream: [s])
            var test: [Int] = []
            for c in classNames.indices {
                var members = labels.indices.filter { labels[$0] == c }
                random.shuffle(&members)
                let held = Swift.min(members.count - 1, Swift.max(1, Int((testFraction * Double(members.count)).rounded())))
                test += members.prefix(held)
            }
            let testSet = Set(test)
            let training = real.selecting(rows: labels.indices.filter { !testSet.contains($0) })
            let heldOut = real.selecting(rows: test.sorted())
            let augmented = try problem.aligned(try augment(training, s), like: training)
            rows.training += training.rowCount
            rows.augmented += augmented.rowCount
            let seedOfSplit = seed &+ UInt64(s) &* 0x9E37_79B9
            let before = try problem.scores(trainedOn: training, testedOn: heldOut, seed: seedOfSplit)
            let after = try problem.scores(trainedOn: augmented, testedOn: heldOut, seed: seedOfSplit)
            scores.append(zip(before, after).map { ($0, $1) })
        }
        trainingRows = Double(rows.training) / Double(splits)
        augmentedRows = Double(rows.augmented) / Double(splits)
        let metrics = ["balanced accuracy", "F1 of class '\(minorityClass)'", "ROC AUC"]
        gains = scores[0].indices.map { k in
            let pairs = scores.map { $0[k] }
            let differences = pairs.map { $0.augmented - $0.baseline }
            let (mean, half) = Self.meanAndInterval(differences)
            return Gain(model: Self.models[k / metrics.count], metric: metrics[k % metrics.count],
                        baseline: pairs.map(\.baseline).reduce(0, +) / Double(pairs.count),
                        augmented: pairs.map(\.augmented).reduce(0, +) / Double(pairs.count),
                        gain: mean, low: mean - half, high: mean + half, perSplit: differences)
        }
    }

    /// The mean of `values` and the half-width of its 95 % Student-t interval.
    static func meanAndInterval(_ values: [Double]) -> (mean: Double, halfWidth: Double) {
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        return (mean, studentT975(degreesOfFreedom: values.count - 1) * (variance / n).squareRoot())
    }

    /// The 0.975 quantile of Student's t with `df` degrees of freedom (table to 30, then the normal's 1.96 plus the
    /// first-order correction 2.4/df).
    static func studentT975(degreesOfFreedom df: Int) -> Double {
        let table = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145,
                     2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048,
                     2.045, 2.042]
        return df <= table.count ? table[Swift.max(df, 1) - 1] : 1.960 + 2.4 / Double(df)
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
        return probabilities.flatMap { p in
            let predicted = argmaxRows(p, columns: k)
            return [Self.balancedAccuracy(truth, predicted, classes: k),
                    Scores.f1(truth, predicted, positive: minority),
                    Self.rocAUC(truth, p, classes: k, minority: minority)]
        }
    }

    /// The mean over the classes present in `truth` of the share of their rows predicted right.
    static func balancedAccuracy(_ truth: [Int], _ predicted: [Int], classes: Int) -> Double {
        let recalls = (0..<classes).compactMap { c -> Double? in
            let rows = truth.indices.filter { truth[$0] == c }
            return rows.isEmpty ? nil : Double(rows.filter { predicted[$0] == c }.count) / Double(rows.count)
        }
        return recalls.reduce(0, +) / Double(Swift.max(recalls.count, 1))
    }

    /// ROC AUC of the minority class's probability for two classes; else the mean one-against-rest AUC.
    static func rocAUC(_ truth: [Int], _ p: [Double], classes: Int, minority: Int) -> Double {
        func auc(_ c: Int) -> Double? {
            Scores.rocAUC(positives: truth.map { $0 == c }, scores: truth.indices.map { p[$0 * classes + c] })
        }
        if classes == 2 { return auc(minority) ?? .nan }
        let all = (0..<classes).compactMap(auc)
        return all.isEmpty ? .nan : all.reduce(0, +) / Double(all.count)
    }
}
