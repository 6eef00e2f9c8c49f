import Foundation
import TensorCore

/// scikit-learn's `RidgeClassifierCV` as MiniRocket uses it: one ridge regression per class onto ±1 targets, on
/// standardised features with an unpenalised intercept, the penalty α chosen from `alphas` by the exact
/// leave-one-out error (summed over classes) computed from one eigen-decomposition; the class is the argmax of the
/// decision values.
///
/// With Z the centred, standardised features (n × d), the decomposition is of Z·Zᵀ = Q·Λ·Qᵀ when n ≤ d (U = Q·√Λ),
/// else of Zᵀ·Z = V·Λ·Vᵀ (U = Z·V). Either way the fitted values are ŷ(α) = U·diag(1/(λ + α))·Uᵀ·y and the
/// leave-one-out residual is (y − ŷ)ᵢ / (1 − hᵢᵢ) with hᵢᵢ = Σⱼ Uᵢⱼ² / (λⱼ + α).
public struct RidgeClassifier: Sendable {
    public let classes: Int
    public let features: Int
    /// The chosen penalty.
    public let alpha: Double
    /// The leave-one-out sum of squared errors of each candidate α.
    public let leaveOneOutErrors: [Double]
    let means: [Double], scales: [Double]
    /// [features, classes] on the standardised features, and the intercept per class.
    let weights: [Double], intercepts: [Double]

    /// scikit-learn's default grid for MiniRocket: 10 values from 10⁻³ to 10³, evenly spaced in log.
    public static let defaultAlphas = (0..<10).map { pow(10, -3 + 6 * Double($0) / 9) }

    /// Fits to `x` [n, features] (n ≥ 2) and `labels` in 0..<classes.
    public init(x: [Double], features d: Int, labels: [Int], classes k: Int, alphas: [Double] = defaultAlphas) throws {
        let n = labels.count
        precondition(n >= 2 && x.count == n * d && !alphas.isEmpty, "RidgeClassifier: \(x.count) values for \(n) × \(d)")
        classes = k
        features = d
        // Standardise: centre each feature, divide by its standard deviation (constant features stay 0).
        var means = [Double](repeating: 0, count: d), scales = [Double](repeating: 1, count: d)
        for i in 0..<n { for j in 0..<d { means[j] += x[i * d + j] } }
        for j in 0..<d { means[j] /= Double(n) }
        var squares = [Double](repeating: 0, count: d)
        for i in 0..<n { for j in 0..<d { let v = x[i * d + j] - means[j]; squares[j] += v * v } }
        for j in 0..<d { let s = (squares[j] / Double(n)).squareRoot(); scales[j] = s > 0 ? s : 1 }
        var z = [Double](repeating: 0, count: n * d)
        for i in 0..<n { for j in 0..<d { z[i * d + j] = (x[i * d + j] - means[j]) / scales[j] } }
        // Targets ±1, centred per class (the intercept).
        var y = [Double](repeating: -1, count: n * k)
        for (i, l) in labels.enumerated() { y[i * k + l] = 1 }
        var intercepts = [Double](repeating: 0, count: k)
        for i in 0..<n { for c in 0..<k { intercepts[c] += y[i * k + c] } }
        for c in 0..<k { intercepts[c] /= Double(n) }
        for i in 0..<n { for c in 0..<k { y[i * k + c] -= intercepts[c] } }

        // U (n × r, row-major) and λ (r); `lift` maps U-space coefficients back to feature weights.
        let dual = n <= d
        let r = dual ? n : d
        var u = [Double](repeating: 0, count: n * r)
        var lambda: [Double]
        var v: [Double] = []  // primal: eigenvectors of ZᵀZ, column-major d × d
        if dual {
            var gram = [Double](repeating: 0, count: n * n)
            BLAS.dgemm(transB: true, m: n, n: n, k: d, a: z, lda: d, b: z, ldb: d, c: &gram, ldc: n)
            let (values, vectors) = try BLAS.symmetricEigen(gram, n: n)  // vectors column-major
            lambda = values.map { Swift.max($0, 0) }
            for i in 0..<n { for j in 0..<r { u[i * r + j] = vectors[j * n + i] * lambda[j].squareRoot() } }
        } else {
            var gram = [Double](repeating: 0, count: d * d)
            BLAS.dgemm(transA: true, m: d, n: d, k: n, a: z, lda: d, b: z, ldb: d, c: &gram, ldc: d)
            let (values, vectors) = try BLAS.symmetricEigen(gram, n: d)
            lambda = values.map { Swift.max($0, 0) }
            v = vectors
            // U = Z·V: V column-major is Vᵀ row-major, so U = Z · (Vᵀ)ᵀ.
            BLAS.dgemm(transB: true, m: n, n: d, k: d, a: z, lda: d, b: vectors, ldb: d, c: &u, ldc: d)
        }
        // Uᵀy (r × k), then the leave-one-out error of each α.
        var uty = [Double](repeating: 0, count: r * k)
        BLAS.dgemm(transA: true, m: r, n: k, k: n, a: u, lda: r, b: y, ldb: k, c: &uty, ldc: k)
        var errors: [Double] = []
        var fitted = [Double](repeating: 0, count: k)
        for alpha in alphas {
            var error = 0.0
            for i in 0..<n {
                var h = 0.0
                for c in 0..<k { fitted[c] = 0 }
                for j in 0..<r {
                    let a = u[i * r + j], w = 1 / (lambda[j] + alpha)
                    h += a * a * w
                    for c in 0..<k { fitted[c] += a * w * uty[j * k + c] }
                }
                for c in 0..<k {
                    let residual = (y[i * k + c] - fitted[c]) / (1 - h)
                    error += residual * residual
                }
            }
            errors.append(error)
        }
        leaveOneOutErrors = errors
        alpha = alphas[errors.indices.min { errors[$0] < errors[$1] }!]
        // Weights: dual W = Zᵀ·Q·diag(1/(λ+α))·Qᵀ·y = Zᵀ·U·diag(1/(λ(λ+α)))·Uᵀy; primal W = V·diag(1/(λ+α))·Uᵀy.
        var coefficients = [Double](repeating: 0, count: r * k)
        for j in 0..<r {
            let w = dual ? (lambda[j] > 0 ? 1 / (lambda[j] * (lambda[j] + alpha)) : 0) : 1 / (lambda[j] + alpha)
            for c in 0..<k { coefficients[j * k + c] = uty[j * k + c] * w }
        }
        var weights = [Double](repeating: 0, count: d * k)
        if dual {
            var perItem = [Double](repeating: 0, count: n * k)
            BLAS.dgemm(m: n, n: k, k: r, a: u, lda: r, b: coefficients, ldb: k, c: &perItem, ldc: k)
            BLAS.dgemm(transA: true, m: d, n: k, k: n, a: z, lda: d, b: perItem, ldb: k, c: &weights, ldc: k)
        } else {
            // V column-major (d × d) read as row-major is Vᵀ: W = (Vᵀ)ᵀ · coefficients.
            BLAS.dgemm(transA: true, m: d, n: k, k: d, a: v, lda: d, b: coefficients, ldb: k, c: &weights, ldc: k)
        }
        self.means = means
        self.scales = scales
        self.weights = weights
        self.intercepts = intercepts
    }

    /// Decision values [n, classes] for `x` [n, features]: larger is more likely.
    public func decisions(_ x: [Double]) -> [Double] {
        let (d, k) = (features, classes)
        let n = x.count / Swift.max(d, 1)
        var z = [Double](repeating: 0, count: n * d)
        for i in 0..<n { for j in 0..<d { z[i * d + j] = (x[i * d + j] - means[j]) / scales[j] } }
        var out = [Double](repeating: 0, count: n * k)
        for i in 0..<n { for c in 0..<k { out[i * k + c] = intercepts[c] } }
        BLAS.dgemm(m: n, n: k, k: d, a: z, lda: d, b: weights, ldb: k, beta: 1, c: &out, ldc: k)
        return out
    }
}
