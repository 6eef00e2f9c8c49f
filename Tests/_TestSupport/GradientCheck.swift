import TensorCore

/// Finite-difference checks of the autograd engine.
///
/// `f` maps the inputs to any tensor; it is reduced to a scalar through a fixed random projection (so a gradient
/// that lands on the wrong element is caught, which a plain sum would miss). Errors are reported relative to the
/// largest numerical gradient (at least 1).
public enum GradientCheck {
    /// Worst error between autograd's first-order gradients and central differences.
    public static func firstOrder(
        _ inputs: [Tensor], eps: Float = 1e-3, seed: UInt64 = 7, _ f: @escaping ([Tensor]) -> Tensor
    ) -> Float {
        let loss = projected(f, seed: seed)
        let xs = inputs.map { $0.variable() }
        let analytic = gradients(of: loss(xs), with: xs)
        let numeric = numericGradients(inputs, eps: eps) { loss($0).item }
        return worstError(analytic, numeric)
    }

    /// Worst error of the gradient of `h = Σ ‖∂f/∂x‖²` (computed with `createGraph`) against central differences
    /// of `h`, where `h` itself is evaluated with plain first-order gradients. Exercises every op's backward rule
    /// as a differentiable function.
    public static func secondOrder(
        _ inputs: [Tensor], eps: Float = 1e-3, seed: UInt64 = 7, _ f: @escaping ([Tensor]) -> Tensor
    ) -> Float {
        let loss = projected(f, seed: seed)
        func h(_ xs: [Tensor], createGraph: Bool) -> Tensor {
            let gs = gradients(of: loss(xs), with: xs, createGraph: createGraph)
            return gs.dropFirst().reduce(gs[0].squared().sum()) { $0 + $1.squared().sum() }
        }
        let xs = inputs.map { $0.variable() }
        let analytic = gradients(of: h(xs, createGraph: true), with: xs)
        let numeric = numericGradients(inputs, eps: eps) { ys in
            h(ys.map { $0.variable() }, createGraph: false).item
        }
        return worstError(analytic, numeric)
    }

    /// Central differences of the scalar function `value` at `inputs`.
    public static func numericGradients(_ inputs: [Tensor], eps: Float, _ value: ([Tensor]) -> Float) -> [[Float]] {
        inputs.indices.map { which in
            var base = inputs[which].scalars
            return (0..<base.count).map { i in
                let x0 = base[i]
                func at(_ v: Float) -> Float {
                    base[i] = v
                    var ys = inputs
                    ys[which] = try! Tensor(shape: inputs[which].shape, values: base)
                    return value(ys)
                }
                let d = (Double(at(x0 + eps)) - Double(at(x0 - eps))) / (2 * Double(eps))
                base[i] = x0
                return Float(d)
            }
        }
    }

    static func projected(_ f: @escaping ([Tensor]) -> Tensor, seed: UInt64) -> ([Tensor]) -> Tensor {
        { xs in
            let y = f(xs)
            var g = SeededGenerator(seed: seed)
            let r = Tensor.uniform(y.shape, low: 0.5, high: 1.5, using: &g)
            return (y * r).sum()
        }
    }

    static func worstError(_ analytic: [Tensor], _ numeric: [[Float]]) -> Float {
        let scale = max(1, numeric.flatMap { $0 }.map(abs).max() ?? 1)
        var worst: Float = 0
        for (a, n) in zip(analytic, numeric) {
            for (x, y) in zip(a.scalars, n) { worst = max(worst, abs(x - y) / scale) }
        }
        return worst
    }
}

extension Tensor {
    /// A deterministic test tensor with values in `[low, high)`, kept at least `gap` away from zero (so piecewise
    /// functions are not probed at their kinks).
    public static func testValues(_ shape: [Int], seed: UInt64, low: Float = -1, high: Float = 1, gap: Float = 0.05)
        -> Tensor
    {
        var g = SeededGenerator(seed: seed)
        let t = Tensor.uniform(shape, low: low, high: high, using: &g)
        return t.map { Swift.abs($0) < gap ? ($0 < 0 ? -gap : gap) : $0 }
    }
}
