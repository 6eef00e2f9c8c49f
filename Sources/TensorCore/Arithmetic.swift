// + − × ÷ with broadcasting, and their gradients. Shapes that do not broadcast are a programming error here;
// data entering the engine is checked where it enters (see `Tensor.broadcastShape` to check ahead).

extension Tensor {
    public static func + (a: Tensor, b: Tensor) -> Tensor {
        let (sa, sb) = (a.shape, b.shape)
        return record("add", result: a.zipMap(b, Sum()), inputs: [a, b]) { g, _, need in
            [need[0] ? g.summed(toShape: sa) : nil, need[1] ? g.summed(toShape: sb) : nil]
        }
    }

    public static func - (a: Tensor, b: Tensor) -> Tensor {
        let (sa, sb) = (a.shape, b.shape)
        return record("sub", result: a.zipMap(b, Difference()), inputs: [a, b]) { g, _, need in
            [need[0] ? g.summed(toShape: sa) : nil, need[1] ? (-g).summed(toShape: sb) : nil]
        }
    }

    public static func * (a: Tensor, b: Tensor) -> Tensor {
        let (sa, sb) = (a.shape, b.shape)
        return record("mul", result: a.zipMap(b, Product()), inputs: [a, b]) { g, _, need in
            [need[0] ? (g * b).summed(toShape: sa) : nil, need[1] ? (g * a).summed(toShape: sb) : nil]
        }
    }

    public static func / (a: Tensor, b: Tensor) -> Tensor {
        let (sa, sb) = (a.shape, b.shape)
        return record("div", result: a.zipMap(b, Quotient()), inputs: [a, b]) { g, _, need in
            [need[0] ? (g / b).summed(toShape: sa) : nil,
             need[1] ? (-(g * a) / (b * b)).summed(toShape: sb) : nil]
        }
    }

    public static prefix func - (a: Tensor) -> Tensor {
        record("neg", result: a.map { -$0 }, inputs: [a]) { g, _, _ in [-g] }
    }

    // MARK: With a scalar

    public static func + (a: Tensor, s: Float) -> Tensor {
        record("addScalar", result: a.map { $0 + s }, inputs: [a]) { g, _, _ in [g] }
    }

    public static func + (s: Float, a: Tensor) -> Tensor { a + s }

    public static func - (a: Tensor, s: Float) -> Tensor { a + (-s) }

    public static func - (s: Float, a: Tensor) -> Tensor {
        record("rsubScalar", result: a.map { s - $0 }, inputs: [a]) { g, _, _ in [-g] }
    }

    public static func * (a: Tensor, s: Float) -> Tensor {
        record("mulScalar", result: a.map { $0 * s }, inputs: [a]) { g, _, _ in [g * s] }
    }

    public static func * (s: Float, a: Tensor) -> Tensor { a * s }

    public static func / (a: Tensor, s: Float) -> Tensor { a * (1 / s) }

    public static func / (s: Float, a: Tensor) -> Tensor {
        record("rdivScalar", result: a.map { s / $0 }, inputs: [a]) { g, _, _ in [-(g * s) / (a * a)] }
    }

    public static func += (a: inout Tensor, b: Tensor) { a = a + b }
    public static func -= (a: inout Tensor, b: Tensor) { a = a - b }
    public static func *= (a: inout Tensor, b: Tensor) { a = a * b }
}
