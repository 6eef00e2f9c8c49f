/// Limited-memory BFGS minimisation (two-loop recursion, memory 10, backtracking Armijo line search).
enum LBFGS {
    struct Result {
        var x: [Double]
        var value: Double
        var iterations: Int
        var converged: Bool
    }

    /// Minimises `f` from `x0`. `f(x, &gradient)` returns the value and writes the gradient. Stops when the largest
    /// gradient component is below `gradientTolerance` or after `maxIterations`.
    static func minimize(_ x0: [Double], maxIterations: Int = 100, gradientTolerance: Double = 1e-4, memory: Int = 10,
                         _ f: ([Double], inout [Double]) -> Double) -> Result {
        let n = x0.count
        var x = x0
        var g = [Double](repeating: 0, count: n)
        var value = f(x, &g)
        var s: [[Double]] = [], y: [[Double]] = [], rho: [Double] = []
        var newG = g
        for iteration in 0..<maxIterations {
            if g.reduce(0, { max($0, abs($1)) }) < gradientTolerance {
                return Result(x: x, value: value, iterations: iteration, converged: true)
            }
            // Direction d = -H g by the two-loop recursion.
            var q = g
            var alpha = [Double](repeating: 0, count: s.count)
            for i in stride(from: s.count - 1, through: 0, by: -1) {
                alpha[i] = rho[i] * dot(s[i], q)
                for k in 0..<n { q[k] -= alpha[i] * y[i][k] }
            }
            if let last = s.indices.last {
                let gamma = dot(s[last], y[last]) / dot(y[last], y[last])
                for k in 0..<n { q[k] *= gamma }
            } else {
                let norm = dot(g, g).squareRoot()
                for k in 0..<n { q[k] /= max(norm, 1) }
            }
            for i in 0..<s.count {
                let beta = rho[i] * dot(y[i], q)
                for k in 0..<n { q[k] += s[i][k] * (alpha[i] - beta) }
            }
            var d = q.map { -$0 }
            var slope = dot(g, d)
            if slope >= 0 {  // not a descent direction: restart from steepest descent
                d = g.map { -$0 }
                slope = -dot(g, g)
                s.removeAll(); y.removeAll(); rho.removeAll()
            }
            var step = 1.0
            var newX = x
            var newValue = value
            var accepted = false
            for _ in 0..<40 {
                for k in 0..<n { newX[k] = x[k] + step * d[k] }
                newValue = f(newX, &newG)
                if newValue <= value + 1e-4 * step * slope { accepted = true; break }
                step *= 0.5
            }
            if !accepted { return Result(x: x, value: value, iterations: iteration, converged: false) }
            let sk = (0..<n).map { newX[$0] - x[$0] }, yk = (0..<n).map { newG[$0] - g[$0] }
            let sy = dot(sk, yk)
            if sy > 1e-12 {
                s.append(sk); y.append(yk); rho.append(1 / sy)
                if s.count > memory { s.removeFirst(); y.removeFirst(); rho.removeFirst() }
            }
            x = newX
            g = newG
            value = newValue
        }
        let converged = g.reduce(0, { max($0, abs($1)) }) < gradientTolerance
        return Result(x: x, value: value, iterations: maxIterations, converged: converged)
    }

    @inline(__always)
    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var s = 0.0
        for i in a.indices { s += a[i] * b[i] }
        return s
    }
}
