/// Interpolating cubic splines with not-a-knot end conditions (scipy's `CubicSpline` default, which the augmentation
/// papers' code uses), evaluated at fixed points.
///
/// A spline is linear in its knot values, so for fixed knot positions `x` and evaluation points `p` it is a matrix:
/// `S(p) = W · y` with `W` of shape `[P, K]`. `weights` computes `W` once; curves for many series are then one GEMM.
/// With two knots the spline is the line through them, with three the parabola (as in scipy).
public enum CubicSpline {
    /// The `[points.count, knots.count]` row-major matrix mapping knot values to spline values at `points`.
    /// `knots` must be strictly increasing; points outside them extrapolate the end pieces.
    public static func weights(knots: [Double], points: [Double]) -> [Float] {
        let k = knots.count
        precondition(k >= 2 && zip(knots, knots.dropFirst()).allSatisfy { $0 < $1 }, "knots must increase")
        var w = [Float](repeating: 0, count: points.count * k)
        var unit = [Double](repeating: 0, count: k)
        for j in 0..<k {
            unit[j] = 1
            let m = secondDerivatives(knots: knots, values: unit)
            for (p, t) in points.enumerated() { w[p * k + j] = Float(evaluate(knots: knots, values: unit, m: m, at: t)) }
            unit[j] = 0
        }
        return w
    }

    /// The spline's second derivatives at the knots.
    static func secondDerivatives(knots x: [Double], values y: [Double]) -> [Double] {
        let n = x.count
        if n == 2 { return [0, 0] }
        let h = (0..<(n - 1)).map { x[$0 + 1] - x[$0] }
        // Dense n×n system A·M = r: interior continuity of the first derivative, plus the two end conditions.
        var a = [Double](repeating: 0, count: n * n), r = [Double](repeating: 0, count: n)
        for i in 1..<(n - 1) {
            a[i * n + i - 1] = h[i - 1]
            a[i * n + i] = 2 * (h[i - 1] + h[i])
            a[i * n + i + 1] = h[i]
            r[i] = 6 * ((y[i + 1] - y[i]) / h[i] - (y[i] - y[i - 1]) / h[i - 1])
        }
        if n == 3 {
            // One interior equation leaves a parabola: equal second derivatives everywhere.
            a[0] = 1; a[1] = -1
            a[2 * n + 1] = -1; a[2 * n + 2] = 1
        } else {
            // Not-a-knot: the third derivative is continuous at the second and the second-to-last knot.
            a[0] = h[1]; a[1] = -(h[0] + h[1]); a[2] = h[0]
            let last = (n - 1) * n
            a[last + n - 3] = h[n - 2]; a[last + n - 2] = -(h[n - 3] + h[n - 2]); a[last + n - 1] = h[n - 3]
        }
        return solve(a, r, n)
    }

    /// The spline with knot values `y` and second derivatives `m`, at `t`.
    static func evaluate(knots x: [Double], values y: [Double], m: [Double], at t: Double) -> Double {
        var i = 0
        while i < x.count - 2 && t > x[i + 1] { i += 1 }
        let h = x[i + 1] - x[i], a = x[i + 1] - t, b = t - x[i]
        return m[i] * a * a * a / (6 * h) + m[i + 1] * b * b * b / (6 * h)
            + (y[i] / h - m[i] * h / 6) * a + (y[i + 1] / h - m[i + 1] * h / 6) * b
    }

    /// Solves the dense system `a · x = r` by Gaussian elimination with partial pivoting.
    private static func solve(_ matrix: [Double], _ rhs: [Double], _ n: Int) -> [Double] {
        var a = matrix, r = rhs
        for col in 0..<n {
            let pivot = (col..<n).max { abs(a[$0 * n + col]) < abs(a[$1 * n + col]) }!
            if pivot != col {
                for j in 0..<n { a.swapAt(col * n + j, pivot * n + j) }
                r.swapAt(col, pivot)
            }
            for row in (col + 1)..<n {
                let f = a[row * n + col] / a[col * n + col]
                if f == 0 { continue }
                for j in col..<n { a[row * n + j] -= f * a[col * n + j] }
                r[row] -= f * r[col]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for row in stride(from: n - 1, through: 0, by: -1) {
            var s = r[row]
            for j in (row + 1)..<n { s -= a[row * n + j] * x[j] }
            x[row] = s / a[row * n + row]
        }
        return x
    }
}
