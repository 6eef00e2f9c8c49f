import Foundation
import TensorCore

/// A one-dimensional Gaussian mixture fitted by variational Bayes with a Dirichlet-process (stick-breaking) prior on
/// the weights — the model of scikit-learn's `BayesianGaussianMixture(weight_concentration_prior_type=
/// "dirichlet_process")`, with its updates, its (normalised) covariances and its evidence lower bound, in 1-D.
///
/// Priors as scikit-learn's defaults: mean prior = data mean, mean precision prior 1, degrees of freedom prior 1,
/// covariance prior = data variance (n−1 denominator). Components the data do not need shrink to weights near 0;
/// CTGAN keeps those with weight > 0.005. Initialisation: k-means++ then Lloyd iterations (seeded), as scikit-learn's
/// `init_params="kmeans"`.
public struct BayesianGaussianMixture: Codable, Sendable, Equatable {
    /// Fitting settings (CTGAN's values by default).
    public struct Options: Codable, Sendable, Equatable {
        public var components: Int = 10
        public var weightConcentrationPrior: Double = 0.001
        public var maxIterations: Int = 100
        public var tolerance: Double = 1e-3
        /// Added to every variance for numerical stability.
        public var regularization: Double = 1e-6
        public init() {}
    }

    /// Stick-breaking Beta posteriors: first and second parameter per component.
    public var concentrationA: [Double]
    public var concentrationB: [Double]
    /// Posterior precision scale of each mean.
    public var meanPrecision: [Double]
    public var means: [Double]
    /// Wishart degrees of freedom per component.
    public var degreesOfFreedom: [Double]
    /// Variances (scikit-learn's `covariances_`: the Wishart scale divided by the degrees of freedom).
    public var variances: [Double]
    /// Expected mixture weights (scikit-learn's `weights_`), summing to 1.
    public var weights: [Double]
    /// Evidence lower bound after each iteration (up to an additive constant).
    public var lowerBounds: [Double]
    /// True when the lower bound changed by less than the tolerance before `maxIterations`.
    public var converged: Bool

    public var componentCount: Int { means.count }
    public var standardDeviations: [Double] { variances.map { $0.squareRoot() } }

    /// Fits the mixture to `x` (finite values, at least one). `components` is lowered to the number of distinct
    /// values when there are fewer. `initialLabels` (one per value, in 0..<components) replace the k-means start.
    public static func fit<G: RandomNumberGenerator>(
        _ x: [Double], options: Options = Options(), initialLabels: [Int]? = nil, using rng: inout G
    ) throws -> BayesianGaussianMixture {
        guard !x.isEmpty else { throw TableError.invalidArgument("cannot fit a mixture to no values") }
        guard x.allSatisfy(\.isFinite) else { throw TableError.invalidArgument("mixture values must be finite") }
        let distinct = Set(x).count
        let k = initialLabels.map { ($0.max() ?? 0) + 1 } ?? max(1, min(options.components, distinct))
        let labels = initialLabels ?? KMeans1D.labels(x, clusters: k, using: &rng)
        guard labels.count == x.count, labels.allSatisfy({ $0 >= 0 && $0 < k }) else {
            throw TableError.invalidArgument("initial labels must be one per value, in 0..<\(k)")
        }
        var fit = VariationalFit(x: x, k: k, options: options)
        var resp = [Double](repeating: 0, count: x.count * k)  // [N, K]
        for (i, l) in labels.enumerated() { resp[i * k + l] = 1 }
        fit.mStep(resp)
        var bounds: [Double] = []
        var converged = false
        var previous = -Double.infinity
        for _ in 0..<max(1, options.maxIterations) {
            let entropy = fit.eStep(&resp)
            fit.mStep(resp)
            let bound = fit.lowerBound(entropy: entropy)
            bounds.append(bound)
            if abs(bound - previous) < options.tolerance {
                converged = true
                break
            }
            previous = bound
        }
        return BayesianGaussianMixture(
            concentrationA: fit.a, concentrationB: fit.b, meanPrecision: fit.meanPrecision, means: fit.means,
            degreesOfFreedom: fit.dof, variances: fit.variances, weights: fit.expectedWeights(),
            lowerBounds: bounds, converged: converged)
    }

    /// Posterior responsibilities [N, K] of the components for each of `values` (scikit-learn's `predict_proba`).
    public func responsibilities(_ values: [Double]) -> [Double] {
        var resp = [Double](repeating: 0, count: values.count * componentCount)
        _ = VariationalFit.posterior(
            values, means: means, variances: variances, dof: degreesOfFreedom, meanPrecision: meanPrecision,
            logWeights: VariationalFit.expectedLogWeights(a: concentrationA, b: concentrationB), into: &resp)
        return resp
    }
}

/// The variational posterior being fitted and its update rules (scikit-learn's `_bayesian_mixture.py`, 1-D).
struct VariationalFit {
    let x: [Double]
    let k: Int
    let options: BayesianGaussianMixture.Options
    let meanPrior: Double
    let covariancePrior: Double
    let meanPrecisionPrior = 1.0
    let dofPrior = 1.0

    var a: [Double], b: [Double], meanPrecision: [Double], means: [Double], dof: [Double], variances: [Double]

    init(x: [Double], k: Int, options: BayesianGaussianMixture.Options) {
        self.x = x
        self.k = k
        self.options = options
        let n = Double(x.count)
        let mean = x.reduce(0, +) / n
        meanPrior = mean
        covariancePrior = x.count > 1 ? x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1) : 0
        a = .init(repeating: 1, count: k); b = a; meanPrecision = a; means = a; dof = a; variances = a
    }

    /// Updates the posterior from responsibilities `resp` [N, K].
    mutating func mStep(_ resp: [Double]) {
        let n = x.count
        var nk = [Double](repeating: 10 * Double.ulpOfOne, count: k)
        var sx = [Double](repeating: 0, count: k)
        for i in 0..<n {
            for j in 0..<k {
                nk[j] += resp[i * k + j]
                sx[j] += resp[i * k + j] * x[i]
            }
        }
        let xk = (0..<k).map { sx[$0] / nk[$0] }
        var sk = [Double](repeating: 0, count: k)
        for i in 0..<n {
            for j in 0..<k {
                let d = x[i] - xk[j]
                sk[j] += resp[i * k + j] * d * d
            }
        }
        var tail = 0.0
        for j in stride(from: k - 1, through: 0, by: -1) {
            a[j] = 1 + nk[j]
            b[j] = options.weightConcentrationPrior + tail
            tail += nk[j]
        }
        for j in 0..<k {
            let s = sk[j] / nk[j] + options.regularization
            meanPrecision[j] = meanPrecisionPrior + nk[j]
            means[j] = (meanPrecisionPrior * meanPrior + nk[j] * xk[j]) / meanPrecision[j]
            dof[j] = dofPrior + nk[j]
            let diff = xk[j] - meanPrior
            variances[j] = (covariancePrior + nk[j] * s + nk[j] * meanPrecisionPrior / meanPrecision[j] * diff * diff)
                / dof[j]
        }
    }

    /// E[log π_j] under the stick-breaking posterior (scikit-learn's `_estimate_log_weights`).
    static func expectedLogWeights(a: [Double], b: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: a.count)
        var prefix = 0.0
        for j in a.indices {
            let sumAB = SpecialFunctions.digamma(a[j] + b[j])
            out[j] = SpecialFunctions.digamma(a[j]) - sumAB + prefix
            prefix += SpecialFunctions.digamma(b[j]) - sumAB
        }
        return out
    }

    /// Replaces `resp` [N, K] by the posterior responsibilities; returns Σ r log r (the negative entropy).
    func eStep(_ resp: inout [Double]) -> Double {
        Self.posterior(x, means: means, variances: variances, dof: dof, meanPrecision: meanPrecision,
                       logWeights: Self.expectedLogWeights(a: a, b: b), into: &resp)
    }

    /// Responsibilities [N, K] of each component for each value (scikit-learn's `_estimate_log_prob` plus the
    /// expected log weights, normalised); returns Σ r log r.
    static func posterior(
        _ x: [Double], means: [Double], variances: [Double], dof: [Double], meanPrecision: [Double],
        logWeights: [Double], into resp: inout [Double]
    ) -> Double {
        let k = means.count, n = x.count
        // Per component: the constant part and the coefficient of (x - mean)^2.
        let constant = (0..<k).map {
            logWeights[$0] - 0.5 * (log(2 * Double.pi) + log(variances[$0]) + log(dof[$0]))
                + 0.5 * (log(2.0) + SpecialFunctions.digamma(0.5 * dof[$0]) - 1 / meanPrecision[$0])
        }
        let halfPrecision = variances.map { 0.5 / $0 }
        let chunks = max(1, min(8, n / 2048))  // fixed, so the sums do not depend on the thread count
        var partial = [Double](repeating: 0, count: chunks)
        x.withUnsafeBufferPointer { xp in
            resp.withUnsafeMutableBufferPointer { rp in
                partial.withUnsafeMutableBufferPointer { pp in
                    parallelFor(chunks) { c in
                        var negEntropy = 0.0
                        for i in (n * c / chunks)..<(n * (c + 1) / chunks) {
                            let row = UnsafeMutableBufferPointer(rebasing: rp[(i * k)..<(i * k + k)])
                            for j in 0..<k {
                                let d = xp[i] - means[j]
                                row[j] = constant[j] - halfPrecision[j] * d * d
                            }
                            // One exp per entry; terms 36 nats below the largest are below 1e-15 of it and
                            // count as 0.
                            var m = -Double.infinity
                            for j in 0..<k where row[j] > m { m = row[j] }
                            var sum = 0.0, weighted = 0.0
                            for j in 0..<k {
                                let shifted = row[j] - m
                                let e = shifted > -36 ? exp(shifted) : 0
                                row[j] = e
                                sum += e
                                weighted += e * shifted
                            }
                            // Σ r log r with r = e / sum and log r = shifted − log sum.
                            negEntropy += weighted / sum - log(sum)
                            let inverse = 1 / sum
                            for j in 0..<k { row[j] *= inverse }
                        }
                        pp[c] = negEntropy
                    }
                }
            }
        }
        return partial.reduce(0, +)
    }

    /// The evidence lower bound of scikit-learn's `_compute_lower_bound` (1-D, Dirichlet process).
    func lowerBound(entropy negEntropy: Double) -> Double {
        var logWishart = 0.0, logNormWeight = 0.0, logMeanPrecision = 0.0
        for j in 0..<k {
            let logDetCholesky = -0.5 * log(variances[j]) - 0.5 * log(dof[j])
            logWishart += -(dof[j] * logDetCholesky + dof[j] * 0.5 * log(2.0) + lgamma(0.5 * dof[j]))
            logNormWeight -= SpecialFunctions.logBeta(a[j], b[j])
            logMeanPrecision += log(meanPrecision[j])
        }
        return -negEntropy - logWishart - logNormWeight - 0.5 * logMeanPrecision
    }

    /// Expected stick-breaking weights, normalised (scikit-learn's `weights_`).
    func expectedWeights() -> [Double] {
        var w = [Double](repeating: 0, count: k)
        var remaining = 1.0
        for j in 0..<k {
            let total = a[j] + b[j]
            w[j] = a[j] / total * remaining
            remaining *= b[j] / total
        }
        let s = w.reduce(0, +)
        return w.map { $0 / s }
    }
}

/// k-means in one dimension: k-means++ seeding, then Lloyd iterations until the labels stop changing.
enum KMeans1D {
    static func labels<G: RandomNumberGenerator>(_ x: [Double], clusters k: Int, using rng: inout G) -> [Int] {
        let n = x.count
        if k <= 1 { return [Int](repeating: 0, count: n) }
        var centers = [x[Int(rng.next() % UInt64(n))]]
        var d2 = x.map { ($0 - centers[0]) * ($0 - centers[0]) }
        while centers.count < k {
            let total = d2.reduce(0, +)
            guard total > 0 else { break }
            let c = x[rng.index(weights: d2)]
            centers.append(c)
            for i in 0..<n { d2[i] = min(d2[i], (x[i] - c) * (x[i] - c)) }
        }
        var labels = [Int](repeating: -1, count: n)
        for _ in 0..<300 {
            var changed = false
            for i in 0..<n {
                var best = 0
                var bestD = Double.infinity
                for (j, c) in centers.enumerated() where abs(x[i] - c) < bestD {
                    bestD = abs(x[i] - c)
                    best = j
                }
                if labels[i] != best { labels[i] = best; changed = true }
            }
            if !changed { break }
            var sums = [Double](repeating: 0, count: centers.count)
            var counts = [Int](repeating: 0, count: centers.count)
            for i in 0..<n { sums[labels[i]] += x[i]; counts[labels[i]] += 1 }
            for j in centers.indices where counts[j] > 0 { centers[j] = sums[j] / Double(counts[j]) }
        }
        return labels
    }
}
