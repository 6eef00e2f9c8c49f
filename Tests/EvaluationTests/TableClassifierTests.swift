import Foundation
import Testing
import Tabular
import TensorCore
@testable import Evaluation

@Suite("Classifiers and regressors used by the table metrics")
struct TableClassifierTests {
    /// Two Gaussian blobs in `d` dimensions, `n` rows, labels 0/1; the blobs are `gap` apart on every axis.
    static func blobs(n: Int, d: Int, gap: Double, seed: UInt64) -> (x: [Double], y: [Int]) {
        var rng = SeededGenerator(seed: seed)
        var x: [Double] = [], y: [Int] = []
        for i in 0..<n {
            let label = i % 2
            for _ in 0..<d { x.append(Double(label) * gap + rng.normal()) }
            y.append(label)
        }
        return (x, y)
    }

    @Test("L-BFGS finds the Rosenbrock minimum")
    func rosenbrock() {
        let r = LBFGS.minimize([-1.2, 1], maxIterations: 500, gradientTolerance: 1e-8) { p, g in
            let (a, b) = (p[0], p[1])
            g[0] = -2 * (1 - a) - 400 * a * (b - a * a)
            g[1] = 200 * (b - a * a)
            return (1 - a) * (1 - a) + 100 * (b - a * a) * (b - a * a)
        }
        #expect(r.converged && abs(r.x[0] - 1) < 1e-5 && abs(r.x[1] - 1) < 1e-5)
    }

    @Test("logistic objective: gradient matches finite differences", arguments: [1, 3])
    func logisticGradient(outputs: Int) {
        var rng = SeededGenerator(seed: 3)
        let d = 4, n = 25
        let x = (0..<(n * d)).map { _ in rng.normal() }
        let labels = (0..<n).map { $0 % max(outputs, 2) }
        let objective = LogisticObjective(x: x, labels: labels, sampleWeights: (0..<n).map { 1 + Double($0 % 3) },
                                          features: d, outputs: outputs, penalty: 0.7, scale: 0.1)
        let p = (0..<(outputs * (d + 1))).map { _ in rng.normal() * 0.5 }
        var g = p
        _ = objective.evaluate(p, gradient: &g)
        var scratch = p
        for k in p.indices {
            var plus = p, minus = p
            plus[k] += 1e-6
            minus[k] -= 1e-6
            let fd = (objective.evaluate(plus, gradient: &scratch) - objective.evaluate(minus, gradient: &scratch)) / 2e-6
            #expect(abs(fd - g[k]) < 1e-6 * max(1, abs(fd)), "parameter \(k): \(fd) vs \(g[k])")
        }
    }

    @Test("logistic regression reaches the optimum and separates blobs", arguments: [2, 3])
    func logistic(classes: Int) {
        var rng = SeededGenerator(seed: 4)
        let d = 3, n = 150
        var x: [Double] = [], y: [Int] = []
        for i in 0..<n {
            let c = i % classes
            for j in 0..<d { x.append((j == c % d ? 2.5 : 0) + rng.normal()) }
            y.append(c)
        }
        let model = LogisticRegression(x: x, features: d, labels: y, classes: classes, c: 1, balanced: true)
        #expect(model.converged)
        // Optimality: the gradient of the objective at the fitted parameters is (close to) zero.
        var counts = [Double](repeating: 0, count: classes)
        for c in y { counts[c] += 1 }
        let w = y.map { Double(n) / (Double(classes) * counts[$0]) }
        let objective = LogisticObjective(x: x, labels: y, sampleWeights: w, features: d, outputs: classes == 2 ? 1 : classes,
                                          penalty: 1, scale: 1 / w.reduce(0, +))
        var g = model.weights + model.intercepts
        _ = objective.evaluate(model.weights + model.intercepts, gradient: &g)
        #expect(g.allSatisfy { abs($0) < 1e-4 })
        let p = model.probabilities(x)
        for i in 0..<n { #expect(abs((0..<classes).reduce(0) { $0 + p[i * classes + $1] } - 1) < 1e-12) }
        #expect(Scores.accuracy(y, model.predict(x)) > 0.85)
    }

    @Test("linear regression recovers an exact plane")
    func linear() {
        var rng = SeededGenerator(seed: 5)
        let x = (0..<(40 * 2)).map { _ in rng.normal() }
        let y = (0..<40).map { i -> Double in
            let a: Double = x[i * 2], b: Double = x[i * 2 + 1]
            return 2 * a - 3 * b + 5
        }
        let model = LinearRegression(x: x, features: 2, y: y)
        #expect(abs(model.weights[0] - 2) < 1e-8 && abs(model.weights[1] + 3) < 1e-8 && abs(model.intercept - 5) < 1e-8)
    }

    @Test("a tree's first split is the brute-force best Gini split")
    func rootSplit() {
        var rng = SeededGenerator(seed: 6)
        let n = 60, d = 3
        let x = (0..<(n * d)).map { _ in (rng.uniform() * 20).rounded() }
        let y = (0..<n).map { x[$0 * d + 1] > 9 ? (rng.uniform() < 0.9 ? 1 : 0) : (rng.uniform() < 0.2 ? 1 : 0) }
        func gini(_ rows: [Int]) -> Double {
            guard !rows.isEmpty else { return 0 }
            let p = Double(rows.filter { y[$0] == 1 }.count) / Double(rows.count)
            return 1 - p * p - (1 - p) * (1 - p)
        }
        var best = (impurity: Double.infinity, feature: -1, threshold: 0.0)
        for f in 0..<d {
            let values = Set((0..<n).map { x[$0 * d + f] }).sorted()
            for (lo, hi) in zip(values, values.dropFirst()) {
                let t = (lo + hi) / 2
                let left = (0..<n).filter { x[$0 * d + f] <= t }, right = (0..<n).filter { x[$0 * d + f] > t }
                let impurity = Double(left.count) * gini(left) + Double(right.count) * gini(right)
                if impurity < best.impurity - 1e-12 { best = (impurity, f, t) }
            }
        }
        let data = TreeData(x: x, features: d, labels: y, targets: [])
        var treeRNG = SeededGenerator(seed: 1)
        let tree = DecisionTree(data: data, sample: Array(0..<n), task: .classification(classes: 2), maxFeatures: d,
                                using: &treeRNG)
        #expect(Int(tree.feature[0]) == best.feature && tree.threshold[0] == best.threshold)
        // Grown to purity: every training row lands in a leaf of its own class.
        x.withUnsafeBufferPointer { xp in
            for i in 0..<n {
                let leaf = tree.leaf(xp, row: i, features: d)
                #expect(leaf[leaf.startIndex + y[i]] == 1)
            }
        }
    }

    @Test("random forest: accurate, seeded, independent of the thread count")
    func forest() {
        let train = Self.blobs(n: 300, d: 6, gap: 2, seed: 7), test = Self.blobs(n: 200, d: 6, gap: 2, seed: 8)
        let forest = { RandomForest(x: train.x, features: 6, task: .classification(classes: 2), labels: train.y, trees: 30,
                                    seed: 1) }
        let p1 = Threads.withCount(1) { forest().predictRaw(test.x) }
        let two = Threads.withCount(2) { forest() }
        #expect(Threads.withCount(2) { two.predictRaw(test.x) } == p1)
        #expect(Scores.accuracy(test.y, two.predictClasses(test.x)) > 0.9)
        // Regression on a step: trees split exactly at the step.
        let xr = (0..<100).map { Double($0) }
        let yr = xr.map { $0 < 50 ? 1.0 : 3.0 }
        let reg = RandomForest(x: xr, features: 1, task: .regression, targets: yr, trees: 20, seed: 2)
        let pr = reg.predictRaw([10, 49, 50, 90])
        #expect(abs(pr[0] - 1) < 1e-12 && abs(pr[3] - 3) < 1e-12 && pr[1] < 2 && pr[2] > 2)
    }

    @Test("MLP: gradients match finite differences")
    func mlpGradient() {
        var rng = SeededGenerator(seed: 9)
        for classification in [true, false] {
            let net = MultilayerPerceptron(inputs: 3, hidden: 5, outputs: classification ? 3 : 1,
                                           classification: classification, seed: 4)
            let rows = 7
            let x = (0..<(rows * 3)).map { _ in Float(rng.normal()) }
            let labels = (0..<rows).map { $0 % 3 }, targets = (0..<rows).map { Float($0) * 0.3 }
            let g = net.gradients(x, rows: rows, labels: classification ? labels : [],
                                  targets: classification ? [] : targets, alpha: 0.1)
            func loss(_ n: MultilayerPerceptron) -> Double {
                n.gradients(x, rows: rows, labels: classification ? labels : [], targets: classification ? [] : targets,
                            alpha: 0.1).loss
            }
            for (k, analytic) in [(0, g.w1[0]), (4, g.w1[4]), (7, g.w1[7])] {
                var plus = net, minus = net
                plus.w1[k] += 1e-2
                minus.w1[k] -= 1e-2
                let fd = (loss(plus) - loss(minus)) / 2e-2
                #expect(abs(fd - Double(analytic)) < 2e-3 + 2e-2 * abs(fd), "w1[\(k)]: \(fd) vs \(analytic)")
            }
            for k in 0..<(classification ? 3 : 1) {
                var plus = net, minus = net
                plus.b2[k] += 1e-2
                minus.b2[k] -= 1e-2
                let fd = (loss(plus) - loss(minus)) / 2e-2
                #expect(abs(fd - Double(g.b2[k])) < 2e-3 + 2e-2 * abs(fd), "b2[\(k)]")
            }
        }
    }

    @Test("MLP learns XOR-like quadrants")
    func mlpLearns() {
        var rng = SeededGenerator(seed: 10)
        var x: [Float] = [], y: [Int] = []
        for _ in 0..<400 {
            let a = Float(rng.uniform() * 2 - 1), b = Float(rng.uniform() * 2 - 1)
            x += [a, b]
            y.append((a > 0) != (b > 0) ? 1 : 0)
        }
        var net = MultilayerPerceptron(inputs: 2, hidden: 32, outputs: 2, classification: true, seed: 1)
        net.train(x: x, labels: y, epochs: 300, learningRate: 1e-2, seed: 2)
        let p = net.predictRaw(x).map(Double.init)
        #expect(Scores.accuracy(y, argmaxRows(p, columns: 2)) > 0.95)
    }
}
