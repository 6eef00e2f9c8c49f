import Foundation
import TensorCore

/// The Fréchet distance between Gaussian fits of two feature sets (as FID/FAD define it):
/// `‖μ₁ − μ₂‖² + Tr(Σ₁ + Σ₂ − 2 (Σ₁ Σ₂)^½)`.
///
/// `Tr((Σ₁Σ₂)^½)` is computed as the sum of square roots of the eigenvalues of the symmetric matrix
/// `Σ₁^½ Σ₂ Σ₁^½` (same spectrum), in double precision. If that is not finite, `1e-4·I` is added to both
/// covariances, as the reference implementation does.
public enum FrechetDistance {
    public static func between(_ a: FeatureMatrix, _ b: FeatureMatrix) throws -> Double {
        guard a.dimension == b.dimension else {
            throw EvaluationError.mismatch("feature dimensions \(a.dimension) and \(b.dimension)")
        }
        guard a.count >= 2, b.count >= 2 else {
            throw EvaluationError.tooFewSamples("the Fréchet distance needs at least 2 samples per set (got \(a.count) and \(b.count))")
        }
        return try between(mean: a.mean, covariance: a.covariance, mean: b.mean, covariance: b.covariance)
    }

    /// The distance between two Gaussians given by means and (row-major, symmetric) covariances.
    public static func between(mean m1: [Double], covariance s1: [Double], mean m2: [Double], covariance s2: [Double])
        throws -> Double
    {
        let n = m1.count
        let meanTerm = zip(m1, m2).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        var trace = (0..<n).reduce(0) { $0 + s1[$1 * n + $1] + s2[$1 * n + $1] }
        var cross = try traceSqrtProduct(s1, s2, n: n)
        if !cross.isFinite {
            var a = s1, b = s2
            for i in 0..<n { a[i * n + i] += 1e-4; b[i * n + i] += 1e-4 }
            trace += 2e-4 * Double(n)
            cross = try traceSqrtProduct(a, b, n: n)
        }
        return meanTerm + trace - 2 * cross
    }

    /// `Tr((A B)^½)` for symmetric positive semi-definite A, B.
    static func traceSqrtProduct(_ a: [Double], _ b: [Double], n: Int) throws -> Double {
        let ea = try BLAS.symmetricEigen(a, n: n)
        // √A = V diag(√λ) Vᵀ with eigenvectors as rows of `vectors`.
        var scaled = ea.vectors
        for i in 0..<n {
            let r = Swift.max(ea.values[i], 0).squareRoot()
            for j in 0..<n { scaled[i * n + j] *= r }
        }
        let sqrtA = multiply(ea.vectors, scaled, n: n, transA: true)
        let m = multiply(multiply(sqrtA, b, n: n), sqrtA, n: n)
        var sym = m
        for i in 0..<n { for j in 0..<n { sym[i * n + j] = 0.5 * (m[i * n + j] + m[j * n + i]) } }
        return try BLAS.symmetricEigen(sym, n: n).values.reduce(0) { $0 + Swift.max($1, 0).squareRoot() }
    }

    static func multiply(_ a: [Double], _ b: [Double], n: Int, transA: Bool = false) -> [Double] {
        var c = [Double](repeating: 0, count: n * n)
        a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                c.withUnsafeMutableBufferPointer { cp in
                    BLAS.dgemm(transA: transA, m: n, n: n, k: n, a: ap.baseAddress!, lda: n, b: bp.baseAddress!,
                               ldb: n, c: cp.baseAddress!, ldc: n)
                }
            }
        }
        return c
    }
}
