import TensorCore
import Tabular

/// SDMetrics' LogisticDetection: how well a logistic regression tells real rows from synthetic ones.
public struct TableDetection: Codable, Sendable, Equatable {
    /// 1 − mean over folds of (max(0.5, AUC) · 2 − 1): 1 when the classifier cannot tell them apart, 0 when it always
    /// can.
    public var score: Double
    /// ROC AUC of each fold.
    public var foldAUCs: [Double]

    /// Features as SDMetrics' HyperTransformer (fitted to the real table), real labelled 1 and synthetic 0,
    /// 3-fold stratified cross-validation (seeded), per fold a RobustScaler and `LogisticRegression(C=1)` fitted to
    /// the training part, AUC on the held-out part.
    public init(real: Table, synthetic: Table, seed: UInt64 = 0) throws {
        let (r, s) = try TableAlignment.align(real: real, synthetic: synthetic)
        guard r.rowCount >= 3, s.rowCount >= 3 else {
            throw TableMetricError.tooFewRows(metric: "the detection metric (3-fold cross-validation of each table)",
                                              needed: 3, found: min(r.rowCount, s.rowCount))
        }
        let encoder = TableFeatureEncoder(fitting: r)
        let x = encoder.encode(r) + encoder.encode(s)
        let labels = [Int](repeating: 1, count: r.rowCount) + [Int](repeating: 0, count: s.rowCount)
        var rng = SeededGenerator(seed: seed)
        let folds = StratifiedFolds.assign(labels: labels, folds: 3, using: &rng)
        let d = encoder.width
        var aucs: [Double] = []
        for f in 0..<3 {
            let train = labels.indices.filter { folds[$0] != f }, test = labels.indices.filter { folds[$0] == f }
            let trainX = gatherRows(x, train, width: d), testX = gatherRows(x, test, width: d)
            let scaler = RobustScaler(x: trainX, features: d)
            let model = LogisticRegression(x: scaler.transform(trainX), features: d, labels: train.map { labels[$0] },
                                           classes: 2)
            let p = model.probabilities(scaler.transform(testX))
            let auc = Scores.rocAUC(positives: test.map { labels[$0] == 1 }, scores: test.indices.map { p[$0 * 2 + 1] })
            aucs.append(auc ?? 0.5)
        }
        foldAUCs = aucs
        score = 1 - aucs.reduce(0) { $0 + max(0.5, $1) * 2 - 1 } / Double(aucs.count)
    }
}

/// The rows `rows` of a [n, width] matrix.
func gatherRows(_ x: [Double], _ rows: [Int], width: Int) -> [Double] {
    var out = [Double]()
    out.reserveCapacity(rows.count * width)
    for r in rows { out.append(contentsOf: x[(r * width)..<(r * width + width)]) }
    return out
}
