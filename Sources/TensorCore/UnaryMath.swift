import Foundation

// Elementwise functions and their gradients. Masks used by gradients of piecewise functions (relu, abs, clamp) are
// constants: their own derivative is zero almost everywhere, which makes second derivatives exact.

extension Tensor {
    public func exp() -> Tensor {
        Tensor.record("exp", result: map { Foundation.exp($0) }, inputs: [self], savesOutput: true) { g, y, _ in [g * y] }
    }

    /// Natural logarithm.
    public func log() -> Tensor {
        let x = self
        return Tensor.record("log", result: map { Foundation.log($0) }, inputs: [self]) { g, _, _ in [g / x] }
    }

    public func sqrt() -> Tensor {
        Tensor.record("sqrt", result: map { $0.squareRoot() }, inputs: [self], savesOutput: true) { g, y, _ in
            [g * 0.5 / y]
        }
    }

    public func squared() -> Tensor {
        let x = self
        return Tensor.record("square", result: map { $0 * $0 }, inputs: [self]) { g, _, _ in [g * x * 2] }
    }

    /// Every element raised to `p`.
    public func pow(_ p: Float) -> Tensor {
        if p == 2 { return squared() }
        if p == 1 { return self }
        let x = self
        return Tensor.record("pow", result: map { Foundation.pow($0, p) }, inputs: [self]) { g, _, _ in
            [g * x.pow(p - 1) * p]
        }
    }

    /// `xᵖ` of a tensor whose elements are all positive (normal, finite): vectorised, and its gradient
    /// `p·y/x` reuses the output. Outside that domain the result is meaningless; use `pow` there.
    public func positivePow(_ p: Float) -> Tensor {
        let x = self
        return Tensor.record("positivePow", result: map(PositivePower(exponent: p)), inputs: [self],
                             savesOutput: true) { g, y, _ in [g * y * p / x] }
    }

    /// `ln x` of a tensor whose elements are all positive (normal, finite), vectorised.
    public func positiveLog() -> Tensor {
        let x = self
        return Tensor.record("positiveLog", result: map(PositiveLog()), inputs: [self]) { g, _, _ in [g / x] }
    }

    /// μ-law companding `sign(x)·ln(1 + μ|x|) / ln(1 + μ)`: maps [−1, 1] onto itself and magnifies quiet
    /// samples (a −48 dB floor becomes 0.13 at μ = 255, a −60 dB one 0.04). Its gradient
    /// `μ / (ln(1 + μ)·(1 + μ|x|))` is built from recorded ops, so second derivatives are exact.
    public func muLaw(_ mu: Float) -> Tensor {
        let x = self, scale = 1 / Foundation.log1p(mu)
        return Tensor.record("muLaw", result: map { ($0 < 0 ? -1 : 1) * Foundation.log1p(mu * Swift.abs($0)) * scale },
                             inputs: [self]) { g, _, _ in [g * (mu * scale) / (x.abs() * mu + 1)] }
    }

    public func abs() -> Tensor {
        let x = self
        return Tensor.record("abs", result: map { Swift.abs($0) }, inputs: [self]) { g, _, _ in
            [g * x.map { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }]
        }
    }

    /// Limits every element to `[low, high]`; the gradient passes where the input is inside.
    public func clamped(_ low: Float, _ high: Float) -> Tensor {
        let x = self
        return Tensor.record("clamp", result: map { Swift.min(Swift.max($0, low), high) }, inputs: [self]) { g, _, _ in
            [g * x.mask { $0 >= low && $0 <= high }]
        }
    }

    public func tanh() -> Tensor {
        Tensor.record("tanh", result: map(Tanh()), inputs: [self], savesOutput: true) { g, y, _ in
            [g * (1 - y * y)]
        }
    }

    public func sigmoid() -> Tensor {
        Tensor.record("sigmoid", result: map(Sigmoid()), inputs: [self], savesOutput: true) {
            g, y, _ in [g * y * (1 - y)]
        }
    }

    public func relu() -> Tensor { leakyRelu(0) }

    /// `x` where positive, `slope · x` elsewhere.
    public func leakyRelu(_ slope: Float = 0.2) -> Tensor {
        let x = detached
        return Tensor.record("leakyRelu", result: map(LeakyLinear(slope: slope)), inputs: [self]) { g, _, _ in
            [g.leakyGradient(at: x, slope: slope)]
        }
    }

    /// This gradient passed back through a leaky ReLU at `x`: itself where `x` is positive, `slope` times itself
    /// elsewhere, in one pass. Linear in the gradient (`x` is a constant), so it differentiates into itself.
    func leakyGradient(at x: Tensor, slope: Float) -> Tensor {
        Tensor.record("leakyGradient", result: zipMap(x, LeakyGradient(slope: slope)), inputs: [self]) { h, _, _ in
            [h.leakyGradient(at: x, slope: slope)]
        }
    }

    /// log(1 + eˣ), computed without overflow.
    public func softplus() -> Tensor {
        let x = self
        return Tensor.record(
            "softplus", result: map { Swift.max($0, 0) + Foundation.log1p(Foundation.exp(-Swift.abs($0))) },
            inputs: [self]
        ) { g, _, _ in [g * x.sigmoid()] }
    }

    public func sin() -> Tensor {
        let x = self
        return Tensor.record("sin", result: map { Foundation.sin($0) }, inputs: [self]) { g, _, _ in [g * x.cos()] }
    }

    public func cos() -> Tensor {
        let x = self
        return Tensor.record("cos", result: map { Foundation.cos($0) }, inputs: [self]) { g, _, _ in [-(g * x.sin())] }
    }

    /// 1 where `predicate` holds, 0 elsewhere (a constant: no gradient).
    public func mask(_ predicate: (Float) -> Bool) -> Tensor { map { predicate($0) ? 1 : 0 } }

    /// Elements of `a` where `condition` is non-zero, of `b` elsewhere (all three broadcast together).
    public static func select(_ condition: Tensor, _ a: Tensor, _ b: Tensor) -> Tensor {
        let shape: [Int]
        do { shape = try broadcastShape(try broadcastShape(condition.shape, a.shape), b.shape) } catch {
            preconditionFailure("\(error)")
        }
        let c = condition.expanded(to: shape).detached, x = a.expanded(to: shape).detached
        let y = b.expanded(to: shape).detached
        let (sa, sb) = (a.shape, b.shape)
        let out = c.zipMap3(x, y) { $0 != 0 ? $1 : $2 }
        return record("select", result: out, inputs: [a, b]) { g, _, need in
            [need[0] ? (g * c).summed(toShape: sa) : nil, need[1] ? (g * (1 - c)).summed(toShape: sb) : nil]
        }
    }
}
