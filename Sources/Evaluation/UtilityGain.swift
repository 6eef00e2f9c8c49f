import TensorCore

/// One model's figure on held-out real data, trained without and with augmentation: the unit of every utility test
/// (`TableUtility`, `SeriesUtility`, `AudioUtility`).
public struct UtilityGain: Codable, Sendable, Equatable {
    public var model: String
    /// "balanced accuracy", "F1 of class 'x'" or "ROC AUC".
    public var metric: String
    /// Mean over splits, trained on the real training data.
    public var baseline: Double
    /// Mean over splits, trained on the augmented training data.
    public var augmented: Double
    /// Mean over splits of augmented − baseline, and its 95 % interval.
    public var gain: Double
    public var low: Double
    public var high: Double
    /// augmented − baseline in each split.
    public var perSplit: [Double]

    /// The figures every utility test reports per model, for a data set whose rarest class is `minority`.
    static func metrics(minority: String) -> [String] {
        ["balanced accuracy", "F1 of class '\(minority)'", "ROC AUC"]
    }

    /// Gains from `scores[split][k]` = (baseline, augmented) of figure k, where figure k is metric `k % metrics.count`
    /// of model `k / metrics.count`.
    static func gains(models: [String], metrics: [String], scores: [[(baseline: Double, augmented: Double)]])
        -> [UtilityGain]
    {
        scores[0].indices.map { k in
            let pairs = scores.map { $0[k] }
            let differences = pairs.map { $0.augmented - $0.baseline }
            let (mean, half) = meanAndInterval(differences)
            return UtilityGain(model: models[k / metrics.count], metric: metrics[k % metrics.count],
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

/// The splits and scores shared by the utility tests.
enum UtilitySplits {
    /// Checks a utility test's options.
    static func validate(splits: Int, testFraction: Double) throws {
        guard (2...1000).contains(splits) else {
            throw TableMetricError.invalidOption("the utility test takes 2 to 1000 splits, not \(splits)")
        }
        guard testFraction > 0 && testFraction < 1 else {
            throw TableMetricError.invalidOption("the held-out fraction must lie strictly between 0 and 1, not \(testFraction)")
        }
    }

    /// The held-out items of split `split`: `testFraction` of each class of `labels` (at least one item, never all),
    /// drawn at random from stream `split` of `seed`.
    static func heldOut(labels: [Int], classes: Int, testFraction: Double, seed: UInt64, split: Int) -> [Int] {
        var random = SeededGenerator(seed: seed, stream: [split])
        var test: [Int] = []
        for c in 0..<classes {
            var members = labels.indices.filter { labels[$0] == c }
            random.shuffle(&members)
            let held = Swift.min(members.count - 1, Swift.max(1, Int((testFraction * Double(members.count)).rounded())))
            test += members.prefix(held)
        }
        return test.sorted()
    }

    /// The seed of the models fitted in split `split`.
    static func modelSeed(_ seed: UInt64, split: Int) -> UInt64 { seed &+ UInt64(split) &* 0x9E37_79B9 }

    /// Balanced accuracy, F1 of `minority` and ROC AUC of class scores `p` ([items, classes], larger = more likely).
    static func scores(truth: [Int], p: [Double], classes k: Int, minority: Int) -> [Double] {
        let predicted = argmaxRows(p, columns: k)
        return [balancedAccuracy(truth, predicted, classes: k), Scores.f1(truth, predicted, positive: minority),
                rocAUC(truth, p, classes: k, minority: minority)]
    }

    /// The mean over the classes present in `truth` of the share of their items predicted right.
    static func balancedAccuracy(_ truth: [Int], _ predicted: [Int], classes: Int) -> Double {
        let recalls = (0..<classes).compactMap { c -> Double? in
            let rows = truth.indices.filter { truth[$0] == c }
            return rows.isEmpty ? nil : Double(rows.filter { predicted[$0] == c }.count) / Double(rows.count)
        }
        return recalls.reduce(0, +) / Double(Swift.max(recalls.count, 1))
    }

    /// ROC AUC of the minority class's score for two classes; else the mean one-against-rest AUC.
    static func rocAUC(_ truth: [Int], _ p: [Double], classes: Int, minority: Int) -> Double {
        func auc(_ c: Int) -> Double? {
            Scores.rocAUC(positives: truth.map { $0 == c }, scores: truth.indices.map { p[$0 * classes + c] })
        }
        if classes == 2 { return auc(minority) ?? .nan }
        let all = (0..<classes).compactMap(auc)
        return all.isEmpty ? .nan : all.reduce(0, +) / Double(all.count)
    }
}
