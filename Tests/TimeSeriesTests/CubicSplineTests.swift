import Testing
import TimeSeries

@Suite struct CubicSplineTests {
    /// Spline values at `points` for knot values `y`, through the weight matrix.
    func spline(_ knots: [Double], _ y: [Double], _ points: [Double]) -> [Double] {
        let w = CubicSpline.weights(knots: knots, points: points)
        return points.indices.map { p in knots.indices.reduce(0.0) { $0 + Double(w[p * knots.count + $1]) * y[$1] } }
    }

    @Test func notAKnotReproducesACubicExactly() {
        // A not-a-knot spline through samples of a cubic is that cubic (a natural spline would not be).
        let cubic = { (x: Double) in 0.3 * x * x * x - 2 * x * x + x - 4 }
        let knots = [0, 1.5, 2, 3.5, 5, 7]
        let points = Swift.stride(from: -0.5, through: 7.5, by: 0.25).map { $0 }
        let got = spline(knots, knots.map(cubic), points)
        for (p, g) in zip(points, got) { #expect(abs(g - cubic(p)) < 1e-3 * max(1, abs(cubic(p))), "at \(p)") }
    }

    @Test func threeKnotsGiveTheParabolaAndTwoTheLine() {
        let parabola = { (x: Double) in 2 * x * x - x + 1 }
        let points = [0.0, 0.3, 1.1, 2.0, 2.7]
        for (p, g) in zip(points, spline([0, 1, 2.5], [0, 1, 2.5].map(parabola), points)) {
            #expect(abs(g - parabola(p)) < 1e-4)
        }
        for (p, g) in zip(points, spline([1, 3], [2, 6], points)) { #expect(abs(g - 2 * p) < 1e-5) }
    }

    @Test func interpolatesKnotsAndIsTwiceContinuouslyDifferentiable() {
        let knots = [0.0, 1, 2, 3, 4, 5], y = [1.0, 0.7, 1.4, 0.9, 1.2, 1.0]
        let atKnots = spline(knots, y, knots)
        for (a, b) in zip(atKnots, y) { #expect(abs(a - b) < 1e-5) }
        // The second derivative from either side of each interior knot agrees. Within one cubic piece the second
        // difference D(h) = (S(x−2h) − 2S(x−h) + S(x))/h² is exactly S''(x−h), so 2D(h) − D(2h) is S'' at the knot.
        let h = 0.1
        for x in knots.dropFirst().dropLast() {
            func second(_ step: Double) -> Double {
                let v = spline(knots, y, [x - 2 * step, x - step, x])
                return (v[0] - 2 * v[1] + v[2]) / (step * step)
            }
            func secondRight(_ step: Double) -> Double {
                let v = spline(knots, y, [x, x + step, x + 2 * step])
                return (v[0] - 2 * v[1] + v[2]) / (step * step)
            }
            let left = 2 * second(h) - second(2 * h), right = 2 * secondRight(h) - secondRight(2 * h)
            #expect(abs(left - right) < 2e-3 * max(1, abs(left)), "at knot \(x): \(left) vs \(right)")
        }
    }
}
