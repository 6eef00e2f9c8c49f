import TensorCore
import Foundation
import Testing
@testable import Tabular

@Suite("Variational Gaussian mixture")
struct BayesianGaussianMixtureTests {
    @Test("digamma: closed forms and the derivative of log-gamma")
    func digamma() {
        let euler = 0.5772156649015329
        #expect(abs(SpecialFunctions.digamma(1) + euler) < 1e-12)
        #expect(abs(SpecialFunctions.digamma(0.5) + euler + 2 * log(2.0)) < 1e-12)
        for x in [0.01, 0.3, 1.7, 5.5, 12.0, 300.0] {
            let h = 1e-5 * max(1, x)
            let fd = (lgamma(x + h) - lgamma(x - h)) / (2 * h)
            #expect(abs(SpecialFunctions.digamma(x) - fd) < 1e-6 * max(1, abs(fd)), "x = \(x)")
        }
    }

    /// 40 values around -5, 0 and 6, started from labels by rank into 4 components.
    static func referenceData() -> (x: [Double], labels: [Int]) {
        let centers = [-5.0, 0.0, 6.0]
        let x = (0..<40).map { centers[$0 % 3] + sin(Double($0) * 1.7) * 0.8 }
        let order = x.indices.sorted { x[$0] < x[$1] }
        var labels = [Int](repeating: 0, count: 40)
        for (rank, i) in order.enumerated() { labels[i] = rank * 4 / 40 }
        return (x, labels)
    }

    // Reference figures printed by scikit-learn 1.9.1 for the same data and start:
    // BayesianGaussianMixture(n_components=4, weight_concentration_prior_type="dirichlet_process",
    // weight_concentration_prior=0.001, tol=1e-3) with `_initialize(X, resp)` given the one-hot labels.
    @Test("one iteration matches scikit-learn")
    func oneIterationReference() throws {
        let (x, labels) = Self.referenceData()
        var options = BayesianGaussianMixture.Options()
        options.maxIterations = 1
        var rng = SeededGenerator(seed: 1)
        let g = try BayesianGaussianMixture.fit(x, options: options, initialLabels: labels, using: &rng)
        expectClose(g.weights, [0.29077552562025727, 0.2508272733600292, 0.2193479424623837, 0.23904925855732992])
        expectClose(g.means, [-4.363466065706857, -1.6408684918324137, 1.6382929931478687, 5.391552493998779])
        expectClose(g.variances, [5.487678057942971, 8.32003794902851, 10.00310412409359, 5.765835816442086])
        #expect(abs(g.lowerBounds[0] - -92.39899231870027) < 1e-8)
        expectClose(g.responsibilities([0.3, -4.5]), [
            0.10879676884896917, 0.433781534388742, 0.3911722098412089, 0.06624948692108006,
            0.6643588104634058, 0.2806688064694131, 0.054863087264468605, 0.00010929580271264783,
        ])
    }

    @Test("fit to convergence matches scikit-learn")
    func convergedReference() throws {
        let (x, labels) = Self.referenceData()
        var rng = SeededGenerator(seed: 1)
        let g = try BayesianGaussianMixture.fit(x, initialLabels: labels, using: &rng)
        #expect(g.converged)
        #expect(g.lowerBounds.count == 38)
        expectClose(g.weights, [0.6567782346279072, 0.03272030310972691, 0.0282898708202887, 0.28221159144207725])
        expectClose(g.means, [-2.474323376243711, 0.3331447665661082, 0.3060087599324436, 5.254864865105128])
        expectClose(g.variances, [8.867313762988305, 20.598896269897974, 20.83162852391941, 5.844541500180316])
        #expect(abs(g.lowerBounds.last! - -86.96564697745066) < 1e-7)
    }

    @Test("the lower bound never decreases without regularisation")
    func monotoneLowerBound() throws {
        var rng = SeededGenerator(seed: 7)
        let x = (0..<600).map { i -> Double in
            let c = [-3.0, 1.0, 4.0][i % 3]
            return c + 0.7 * rng.normal()
        }
        var options = BayesianGaussianMixture.Options()
        options.regularization = 0
        options.tolerance = 0
        options.maxIterations = 60
        let g = try BayesianGaussianMixture.fit(x, options: options, using: &rng)
        for (a, b) in zip(g.lowerBounds, g.lowerBounds.dropFirst()) {
            #expect(b >= a - 1e-9 * abs(a), "lower bound fell from \(a) to \(b)")
        }
    }

    @Test("recovers the modes of a known mixture")
    func recoversModes() throws {
        var rng = SeededGenerator(seed: 42)
        let truth: [(weight: Double, mean: Double, sd: Double)] = [(0.5, -10, 1), (0.3, 0, 0.5), (0.2, 8, 2)]
        var x: [Double] = []
        for (w, m, s) in truth {
            for _ in 0..<Int(w * 3000) { x.append(m + s * rng.normal()) }
        }
        let g = try BayesianGaussianMixture.fit(x, using: &rng)
        let mean = x.reduce(0, +) / Double(x.count)
        let variance = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count - 1)
        // Like scikit-learn within 100 iterations, a wide mode may keep a small extra component: group the kept
        // components by their nearest true mode, then check the group weights and the heaviest member of each group.
        let kept = g.weights.indices.filter { g.weights[$0] > 0.005 }
        #expect(kept.count >= 3 && kept.count <= 5, "kept \(kept.map { (g.means[$0], g.weights[$0]) })")
        for (m, t) in truth.enumerated() {
            let group = kept.filter { j in truth.indices.min { abs(g.means[j] - truth[$0].mean) < abs(g.means[j] - truth[$1].mean) } == m }
            let weight = group.reduce(0) { $0 + g.weights[$1] }
            #expect(abs(weight - t.weight) < 0.02, "mode \(t.mean): weight \(weight)")
            guard let j = group.max(by: { g.weights[$0] < g.weights[$1] }) else {
                Issue.record("no component near \(t.mean)")
                continue
            }
            #expect(abs(g.means[j] - t.mean) < 0.15, "mean \(g.means[j]) vs \(t.mean)")
            // The covariance prior (the variance of all data) pulls each variance up by about prior / count.
            let count = t.weight * Double(x.count)
            let expectedSD = ((variance + count * t.sd * t.sd) / (1 + count)).squareRoot()
            #expect(abs(g.standardDeviations[j] - expectedSD) < 0.05 * expectedSD,
                    "sd \(g.standardDeviations[j]) vs \(expectedSD)")
        }
    }

    @Test("degenerate inputs: one value, a constant column, no values")
    func degenerate() throws {
        var rng = SeededGenerator(seed: 3)
        let one = try BayesianGaussianMixture.fit([2.5], using: &rng)
        #expect(one.componentCount == 1 && abs(one.means[0] - 2.5) < 1e-12 && one.variances[0] > 0)
        let constant = try BayesianGaussianMixture.fit([Double](repeating: 7, count: 50), using: &rng)
        #expect(constant.componentCount == 1 && abs(constant.means[0] - 7) < 1e-12)
        #expect(throws: TableError.self) { try BayesianGaussianMixture.fit([], using: &rng) }
        #expect(throws: TableError.self) { try BayesianGaussianMixture.fit([1, .nan], using: &rng) }
    }
}

func expectClose(_ a: [Double], _ b: [Double], tolerance: Double = 1e-8,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(a.count == b.count, sourceLocation: sourceLocation)
    for (x, y) in zip(a, b) {
        #expect(abs(x - y) <= tolerance * max(1, abs(y)), "\(a) vs \(b)", sourceLocation: sourceLocation)
    }
}
