/// Ordinary least squares with an intercept (scikit-learn's `LinearRegression`), solved by the normal equations on
/// centred data with a ridge of 1e-10 × the mean feature variance for numerical safety.
public struct LinearRegression: Sendable {
    public let weights: [Double]
    public let intercept: Double

    /// Fits to `x` [n, features] and targets `y`.
    public init(x: [Double], features d: Int, y: [Double]) {
        let n = y.count
        let mx = (0..<d).map { j in (0..<n).reduce(0) { $0 + x[$1 * d + j] } / Double(max(n, 1)) }
        let my = y.reduce(0, +) / Double(max(n, 1))
        var a = [Double](repeating: 0, count: d * d), b = [Double](repeating: 0, count: d)
        for i in 0..<n {
            for j in 0..<d {
                let xj = x[i * d + j] - mx[j]
                b[j] += xj * (y[i] - my)
                for k in 0...j { a[j * d + k] += xj * (x[i * d + k] - mx[k]) }
            }
        }
        for j in 0..<d { for k in 0..<j { a[k * d + j] = a[j * d + k] } }
        let ridge = max(1e-10 * (0..<d).reduce(0) { $0 + a[$1 * d + $1] } / Double(max(d, 1)), 1e-12)
        for j in 0..<d { a[j * d + j] += ridge }
        let w = Self.solveSymmetric(a, b, n: d)
        weights = w
        intercept = my - (0..<d).reduce(0) { $0 + w[$1] * mx[$1] }
    }

    /// Predictions for `x` [n, features].
    public func predict(_ x: [Double]) -> [Double] {
        let d = weights.count
        return (0..<(x.count / max(d, 1))).map { i in (0..<d).reduce(intercept) { $0 + weights[$1] * x[i * d + $1] } }
    }

    /// Solves A w = b for a symmetric positive definite A by Cholesky; a dependent direction gets weight 0.
    static func solveSymmetric(_ a: [Double], _ b: [Double], n: Int) -> [Double] {
        var l = [Double](repeating: 0, count: n * n)
        for j in 0..<n {
            var s = a[j * n + j]
            for k in 0..<j { s -= l[j * n + k] * l[j * n + k] }
            let diagonal = s > 0 ? s.squareRoot() : 0
            l[j * n + j] = diagonal
            for i in (j + 1)..<max(n, j + 1) {
                var t = a[i * n + j]
                for k in 0..<j { t -= l[i * n + k] * l[j * n + k] }
                l[i * n + j] = diagonal > 0 ? t / diagonal : 0
            }
        }
        var z = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var t = b[i]
            for k in 0..<i { t -= l[i * n + k] * z[k] }
            z[i] = l[i * n + i] > 0 ? t / l[i * n + i] : 0
        }
        var w = [Double](repeating: 0, count: n)
        for i in stride(from: n - 1, through: 0, by: -1) {
            var t = z[i]
            for k in (i + 1)..<max(n, i + 1) { t -= l[k * n + i] * w[k] }
            w[i] = l[i * n + i] > 0 ? t / l[i * n + i] : 0
        }
        return w
    }
}
