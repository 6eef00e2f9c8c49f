// Functions of one element as types, so `Tensor.map` specialises and vectorises its loop for them. Exp, tanh and
// sigmoid are branch-free single-precision versions of Cephes' expf and tanhf (libm's are scalar calls); they stay
// within a few units in the last place of libm (tested).

/// A function of one element, as a type (see `Tensor.map(_:)` with an `ElementFunction`).
public protocol ElementFunction {
    func callAsFunction(_ x: Float) -> Float
}

/// A function of two elements, as a type (see `Tensor.zipMap(_:_:)`).
public protocol BinaryElementFunction {
    func callAsFunction(_ x: Float, _ y: Float) -> Float
}

/// `x + y`.
struct Sum: BinaryElementFunction {
    @inline(__always) func callAsFunction(_ x: Float, _ y: Float) -> Float { x + y }
}

/// `x − y`.
struct Difference: BinaryElementFunction {
    @inline(__always) func callAsFunction(_ x: Float, _ y: Float) -> Float { x - y }
}

/// `x · y`.
struct Product: BinaryElementFunction {
    @inline(__always) func callAsFunction(_ x: Float, _ y: Float) -> Float { x * y }
}

/// `x / y`.
struct Quotient: BinaryElementFunction {
    @inline(__always) func callAsFunction(_ x: Float, _ y: Float) -> Float { x / y }
}

/// 1 where `x == y`, 0 elsewhere.
struct Equality: BinaryElementFunction {
    @inline(__always) func callAsFunction(_ x: Float, _ y: Float) -> Float { x == y ? 1 : 0 }
}

/// `x` where positive, `slope · x` elsewhere: ReLU with slope 0, leaky ReLU otherwise.
public struct LeakyLinear: ElementFunction {
    public let slope: Float
    public init(slope: Float) { self.slope = slope }
    @inline(__always) public func callAsFunction(_ x: Float) -> Float { x > 0 ? x : slope * x }
}

/// A gradient `g` through `LeakyLinear` at `x`: `g` where `x` is positive, `slope · g` elsewhere.
public struct LeakyGradient: BinaryElementFunction {
    public let slope: Float
    public init(slope: Float) { self.slope = slope }
    @inline(__always) public func callAsFunction(_ g: Float, _ x: Float) -> Float { x > 0 ? g : slope * g }
}

/// `eˣ` for `x` in [−87, 88] (clamped outside), branch-free.
@inline(__always)
func vectorExp(_ x: Float) -> Float {
    let x = Swift.min(Swift.max(x, -87.3), 88.3)
    let n = (x * 1.442_695_04 + 0.5).rounded(.down)
    let r = x - n * 0.693_359_375 + n * 2.121_944_4e-4
    var p: Float = 1.987_569_15e-4
    p = p * r + 1.398_199_95e-3
    p = p * r + 8.333_451_9e-3
    p = p * r + 4.166_579_6e-2
    p = p * r + 1.666_666_55e-1
    p = p * r + 5.000_000_1e-1
    p = p * r * r + r + 1
    // 2ⁿ from n's bits: adding 1.5·2²³ puts the integer n in the low mantissa bits (no conversion that can trap).
    let exponent = (n + 12_582_912).bitPattern &- 0x4B40_0000 &+ 127
    return p * Float(bitPattern: exponent << 23)
}

/// `ln x` for positive, normal, finite `x`, branch-free (Cephes' logf: the mantissa in [√½, √2) by a polynomial,
/// the exponent from the bits).
@inline(__always)
func vectorLog(_ x: Float) -> Float {
    let bits = x.bitPattern
    var e = Float(Int32(bitPattern: (bits >> 23) & 0xFF) - 126)
    var m = Float(bitPattern: (bits & 0x007F_FFFF) | 0x3F00_0000)  // [0.5, 1)
    let below = m < 0.707_106_77
    e = below ? e - 1 : e
    m = below ? m + m - 1 : m - 1
    let z = m * m
    var y: Float = 7.037_683_6e-2
    y = y * m - 1.151_461_0e-1
    y = y * m + 1.167_699_9e-1
    y = y * m - 1.242_014_1e-1
    y = y * m + 1.424_932_3e-1
    y = y * m - 1.666_805_8e-1
    y = y * m + 2.000_071_4e-1
    y = y * m - 2.499_999_4e-1
    y = y * m + 3.333_333_1e-1
    y = y * m * z
    y += -2.121_944_4e-4 * e
    y += -0.5 * z
    return m + y + 0.693_359_375 * e
}

/// `xᵖ` for positive, normal, finite `x` (as `e^{p·ln x}`), branch-free.
public struct PositivePower: ElementFunction {
    public let exponent: Float
    public init(exponent: Float) { self.exponent = exponent }
    @inline(__always) public func callAsFunction(_ x: Float) -> Float { vectorExp(exponent * vectorLog(x)) }
}

/// `ln x` for positive, normal, finite `x`, branch-free.
public struct PositiveLog: ElementFunction {
    public init() {}
    @inline(__always) public func callAsFunction(_ x: Float) -> Float { vectorLog(x) }
}

/// `tanh(x)`, branch-free: an odd polynomial below |x| = 0.625, `1 − 2/(e^{2|x|} + 1)` with the sign above.
public struct Tanh: ElementFunction {
    public init() {}
    @inline(__always) public func callAsFunction(_ x: Float) -> Float {
        let a = Swift.abs(x), z = x * x
        var small: Float = -5.704_988_7e-3
        small = small * z + 2.063_908_9e-2
        small = small * z - 5.373_971_6e-2
        small = small * z + 1.333_144_2e-1
        small = small * z - 3.333_328_2e-1
        small = small * z * x + x
        let large = 1 - 2 / (vectorExp(2 * Swift.min(a, 10)) + 1)
        return a < 0.625 ? small : (x < 0 ? -large : large)
    }
}

/// `1 / (1 + e^{−x})`, branch-free.
public struct Sigmoid: ElementFunction {
    public init() {}
    @inline(__always) public func callAsFunction(_ x: Float) -> Float { 1 / (1 + vectorExp(-x)) }
}
