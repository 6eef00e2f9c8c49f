import TensorCore
import Foundation
import Tabular

/// One model's scores trained on real rows and trained on synthetic rows, both tested on held-out real rows.
public struct ModelEfficacy: Codable, Sendable, Equatable {
    public var model: String
    /// F1 (binary), macro-F1 (multiclass) or R² (regression).
    public var trainOnReal: Double
    public var trainOnSynthetic: Double
    /// Accuracy (classification only).
    public var accuracyTrainOnReal: Double?
    public var accuracyTrainOnSynthetic: Double?
}

/// Machine-learning efficacy: train on synthetic, test on real (TSTR) against train on real, test on real (TRTR).
///
/// Task: a discrete target, or an integer target with at most 10 distinct real values, is classification (binary
/// when the real table has two classes); any other numeric target is regression. Features as SDMetrics' efficacy
/// metrics: the HyperTransformer encoding fitted to the training rows, then a RobustScaler. Models: logistic
/// regression (C = 1, balanced class weights) or least squares, a one-hidden-layer MLP (100 ReLU units, Adam, about
/// 3000 steps; a regression target is standardised for training), and a random forest of 100 trees.
/// Scores: binary F1 of the real table's rarer class, multiclass macro-F1, regression R²; accuracy too.
///
/// Protocol: with a `test` table, models train on all real (or synthetic) rows and are scored on `test`. Without
/// one, the real rows are split into 3 stratified folds (seeded); TRTR trains on two folds and scores the third, TSTR
/// trains on the synthetic rows and scores the same folds; scores are averaged over folds.
public struct TableEfficacy: Codable, Sendable, Equatable {
    public var target: String
    /// "binary", "multiclass" or "regression".
    public var task: String
    /// What `trainOnReal` / `trainOnSynthetic` measure, e.g. "F1 of class 'malignant'".
    public var metric: String
    public var evaluation: String
    public var models: [ModelEfficacy]

    /// Integer targets with at most this many distinct values are class labels.
    public static let maxIntegerClasses = 10

    public init(real: Table, synthetic: Table, target: String, test: Table? = nil, seed: UInt64 = 0) throws {
        let targetIndex = try real.index(of: target)
        let targetColumn = real.columns[targetIndex]
        let distinct = Set((0..<targetColumn.count).filter { !targetColumn.isMissing($0) }.map { targetColumn.text($0) })
        let classification = !targetColumn.isNumeric
            || (targetColumn.kind == .integer && distinct.count <= Self.maxIntegerClasses)
        func prepare(_ t: Table) throws -> Table {
            let i = try t.index(of: target)
            return classification ? try t.replacing(column: i, with: t.columns[i].asCategorical()) : t
        }
        var (r, s) = try TableAlignment.align(real: try prepare(real), synthetic: try prepare(synthetic))
        var t: Table? = nil
        if let test {
            let (r2, aligned) = try TableAlignment.align(real: r, synthetic: try prepare(test))
            (r, s) = try TableAlignment.align(real: r2, synthetic: s)
            t = aligned
        }
        let problem = try EfficacyProblem(real: r, target: targetIndex, classification: classification)
        self.target = target
        task = problem.task
        metric = problem.metricName
        var rng = SeededGenerator(seed: seed)
        var sums: [String: (real: Double, synthetic: Double, accReal: Double, accSynthetic: Double)] = [:]
        var order: [String] = []
        var splits: [(train: Table, test: Table)] = []
        if let t {
            evaluation = "trained on all \(r.rowCount) real rows or \(s.rowCount) synthetic rows, tested on "
                + "\(t.rowCount) held-out real rows"
            splits = [(r, t)]
        } else {
            guard r.rowCount >= 6 else {
                throw TableMetricError.tooFewRows(metric: "machine-learning efficacy without a test table", needed: 6,
                                                  found: r.rowCount)
            }
            evaluation = "3-fold cross-validation on the \(r.rowCount) real rows; synthetic-trained models scored on "
                + "the same folds"
            let folds = StratifiedFolds.assign(labels: problem.foldLabels(r), folds: 3, using: &rng)
            splits = (0..<3).map { f in
                (r.selecting(rows: folds.indices.filter { folds[$0] != f }),
                 r.selecting(rows: folds.indices.filter { folds[$0] == f }))
            }
        }
        // One model seed for every fit, so identical training tables give identical models.
        let modelSeed = rng.next()
        let syntheticModels = try problem.fit(s, seed: modelSeed)
        for split in splits {
            let realModels = try problem.fit(split.train, seed: modelSeed)
            let realScores = problem.score(realModels, on: split.test)
            let syntheticScores = problem.score(syntheticModels, on: split.test)
            for (a, b) in zip(realScores, syntheticScores) {
                if sums[a.model] == nil { order.append(a.model) }
                let old = sums[a.model] ?? (0, 0, 0, 0)
                sums[a.model] = (old.real + a.score, old.synthetic + b.score, old.accReal + (a.accuracy ?? 0),
                                 old.accSynthetic + (b.accuracy ?? 0))
            }
        }
        let n = Double(splits.count)
        models = order.map { name in
            let v = sums[name]!
            return ModelEfficacy(model: name, trainOnReal: v.real / n, trainOnSynthetic: v.synthetic / n,
                                 accuracyTrainOnReal: classification ? v.accReal / n : nil,
                                 accuracyTrainOnSynthetic: classification ? v.accSynthetic / n : nil)
        }
    }
}

/// The fixed parts of one efficacy evaluation: target, task, classes and positive class.
struct EfficacyProblem {
    let target: Int
    let classification: Bool
    let classes: Int
    let positive: Int?
    let task: String
    let metricName: String

    /// A fitted set of models with their feature pipeline.
    struct Fitted {
        let encoder: TableFeatureEncoder
        let scaler: RobustScaler
        let predictors: [(name: String, predict: ([Double]) -> [Double])]
        /// The single class of a training table without a second class.
        let constantClass: Int?
    }

    init(real: Table, target: Int, classification: Bool) throws {
        self.target = target
        self.classification = classification
        let column = real.columns[target]
        let name = column.name
        guard real.columns.count >= 2 else {
            throw TableMetricError.unusableTarget(column: name, reason: "the table has no other column to predict it from")
        }
        guard column.missingCount < column.count else {
            throw TableMetricError.unusableTarget(column: name, reason: "has no values")
        }
        if classification {
            let (codes, levels) = column.categories!
            var counts = [Int](repeating: 0, count: levels.count)
            for c in codes where c >= 0 { counts[c] += 1 }
            let present = counts.indices.filter { counts[$0] > 0 }
            guard present.count >= 2 else {
                throw TableMetricError.unusableTarget(column: name, reason: "the real table has one class only")
            }
            classes = levels.count
            if present.count == 2 {
                let p = present.min { counts[$0] < counts[$1] }!
                positive = p
                task = "binary"
                metricName = "F1 of class '\(levels[p])'"
            } else {
                positive = nil
                task = "multiclass"
                metricName = "macro-F1"
            }
        } else {
            classes = 0
            positive = nil
            task = "regression"
            metricName = "R²"
        }
    }

    /// Labels to stratify folds by (all 0 for regression).
    func foldLabels(_ t: Table) -> [Int] {
        classification ? t.columns[target].categories!.codes : [Int](repeating: 0, count: t.rowCount)
    }

    /// Rows of `t` whose target is present, with their labels or targets.
    func usable(_ t: Table) -> (table: Table, labels: [Int], targets: [Double]) {
        let column = t.columns[target]
        let rows = (0..<t.rowCount).filter { !column.isMissing($0) }
        let table = t.selecting(rows: rows)
        if classification { return (table, rows.map { column.categories!.codes[$0] }, []) }
        return (table, [], rows.map { column.numbers![$0] })
    }

    func fit(_ train: Table, seed: UInt64) throws -> Fitted {
        let (table, labels, targets) = usable(train)
        guard table.rowCount > 0 else {
            throw TableMetricError.tooFewRows(metric: "training a model on the target", needed: 1, found: 0)
        }
        let encoder = TableFeatureEncoder(fitting: table, excluding: [target])
        let raw = encoder.encode(table)
        let d = encoder.width
        let scaler = RobustScaler(x: raw, features: d)
        let x = scaler.transform(raw)
        let n = table.rowCount
        let batches = (n + min(200, n) - 1) / min(200, n)
        let epochs = min(1000, max(50, (3000 + batches - 1) / batches))
        let xf = x.map(Float.init)
        if classification {
            if Set(labels).count == 1 {
                return Fitted(encoder: encoder, scaler: scaler, predictors: [], constantClass: labels[0])
            }
            let k = classes
            let logistic = LogisticRegression(x: x, features: d, labels: labels, classes: k, balanced: true)
            var mlp = MultilayerPerceptron(inputs: d, hidden: 100, outputs: k, classification: true, seed: seed)
            mlp.train(x: xf, labels: labels, epochs: epochs, seed: seed &+ 1)
            let forest = RandomForest(x: x, features: d, task: .classification(classes: k), labels: labels, seed: seed &+ 2)
            return Fitted(encoder: encoder, scaler: scaler, predictors: [
                ("logistic regression", { logistic.predict($0).map(Double.init) }),
                ("MLP", { x in argmaxRows(mlp.predictRaw(x.map(Float.init)).map(Double.init), columns: k).map(Double.init) }),
                ("random forest", { forest.predictClasses($0).map(Double.init) }),
            ], constantClass: nil)
        }
        let mean = targets.reduce(0, +) / Double(n)
        let sd = max((targets.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)).squareRoot(), 1e-12)
        let linear = LinearRegression(x: x, features: d, y: targets)
        var mlp = MultilayerPerceptron(inputs: d, hidden: 100, outputs: 1, classification: false, seed: seed)
        mlp.train(x: xf, targets: targets.map { Float(($0 - mean) / sd) },
                  epochs: epochs, seed: seed &+ 1)
        let forest = RandomForest(x: x, features: d, task: .regression, targets: targets, seed: seed &+ 2)
        return Fitted(encoder: encoder, scaler: scaler, predictors: [
            ("linear regression", { linear.predict($0) }),
            ("MLP", { x in mlp.predictRaw(x.map(Float.init)).map { Double($0) * sd + mean } }),
            ("random forest", { forest.predictRaw($0) }),
        ], constantClass: nil)
    }

    func score(_ fitted: Fitted, on test: Table) -> [(model: String, score: Double, accuracy: Double?)] {
        let (table, labels, targets) = usable(test)
        let x = fitted.scaler.transform(fitted.encoder.encode(table))
        if let c = fitted.constantClass {
            let predicted = [Int](repeating: c, count: labels.count)
            return ["logistic regression", "MLP", "random forest"].map { ($0, classScore(labels, predicted),
                                                                           Scores.accuracy(labels, predicted)) }
        }
        return fitted.predictors.map { name, predict in
            let p = predict(x)
            if classification {
                let predicted = p.map { Int($0) }
                return (name, classScore(labels, predicted), Scores.accuracy(labels, predicted))
            }
            return (name, Scores.r2(targets, p), nil)
        }
    }

    func classScore(_ truth: [Int], _ predicted: [Int]) -> Double {
        if let positive { return Scores.f1(truth, predicted, positive: positive) }
        return Scores.macroF1(truth, predicted)
    }
}
