import TensorCore

/// Parameter initialisers with PyTorch's defaults, so a freshly built SwiftGAN model has the statistics of the
/// PyTorch reference.
public enum Initialization {
    /// PyTorch's default for Linear/Conv weights: kaiming_uniform(a = √5), i.e. U(−1/√fanIn, 1/√fanIn).
    public static func defaultWeight(_ shape: [Int], fanIn: Int, using g: inout SeededGenerator) -> Tensor {
        let bound = 1 / Float(max(fanIn, 1)).squareRoot()
        return Tensor.uniform(shape, low: -bound, high: bound, using: &g)
    }

    /// PyTorch's default bias: U(−1/√fanIn, 1/√fanIn).
    public static func defaultBias(_ count: Int, fanIn: Int, using g: inout SeededGenerator) -> Tensor {
        defaultWeight([count], fanIn: fanIn, using: &g)
    }

    /// Kaiming (He) normal for ReLU-family layers: N(0, gain²/fanIn) with gain √(2/(1+slope²)).
    public static func kaimingNormal(_ shape: [Int], fanIn: Int, slope: Float = 0, using g: inout SeededGenerator)
        -> Tensor
    {
        let std = (2 / (1 + slope * slope) / Float(max(fanIn, 1))).squareRoot()
        return Tensor.normal(shape, std: std, using: &g)
    }

    /// Xavier/Glorot uniform: U(−a, a) with a = gain·√(6/(fanIn+fanOut)).
    public static func xavierUniform(_ shape: [Int], fanIn: Int, fanOut: Int, gain: Float = 1,
                                     using g: inout SeededGenerator) -> Tensor {
        let a = gain * (6 / Float(max(fanIn + fanOut, 1))).squareRoot()
        return Tensor.uniform(shape, low: -a, high: a, using: &g)
    }
}
