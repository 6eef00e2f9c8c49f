import TensorCore

/// 1-D convolution layer (PyTorch's Conv1d): weight `[out, in, K]`, input `[B, in, L]`.
public final class Conv1d: Module {
    public let weight: Parameter
    public let bias: Parameter?
    public let stride: Int, padding: Int, dilation: Int

    public init(
        _ inChannels: Int, _ outChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0, dilation: Int = 1,
        bias useBias: Bool = true, using g: inout SeededGenerator
    ) {
        let fanIn = inChannels * kernelSize
        weight = Parameter(Initialization.defaultWeight([outChannels, inChannels, kernelSize], fanIn: fanIn, using: &g))
        bias = useBias ? Parameter(Initialization.defaultBias(outChannels, fanIn: fanIn, using: &g)) : nil
        self.stride = stride
        self.padding = padding
        self.dilation = dilation
        super.init()
    }

    public func callAsFunction(_ x: Tensor) throws -> Tensor {
        let (cout, cin) = (weight.shape[0], weight.shape[1])
        guard x.rank == 3, x.shape[1] == cin else {
            throw TensorError.shapeMismatch("Conv1d(\(cin) → \(cout)) got input \(x.shape), expected [B, \(cin), L]")
        }
        return try x.conv1d(weight.value, bias: bias?.value, stride: stride, padding: padding, dilation: dilation)
    }
}

/// 1-D transposed convolution layer (PyTorch's ConvTranspose1d): weight `[in, out, K]`.
public final class ConvTranspose1d: Module {
    public let weight: Parameter
    public let bias: Parameter?
    public let stride: Int, padding: Int, outputPadding: Int, dilation: Int

    public init(
        _ inChannels: Int, _ outChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
        outputPadding: Int = 0, dilation: Int = 1, bias useBias: Bool = true, using g: inout SeededGenerator
    ) {
        // PyTorch computes fan-in from weight.size(1) · K, i.e. the output channels.
        let fanIn = outChannels * kernelSize
        weight = Parameter(Initialization.defaultWeight([inChannels, outChannels, kernelSize], fanIn: fanIn, using: &g))
        bias = useBias ? Parameter(Initialization.defaultBias(outChannels, fanIn: fanIn, using: &g)) : nil
        self.stride = stride
        self.padding = padding
        self.outputPadding = outputPadding
        self.dilation = dilation
        super.init()
    }

    public func callAsFunction(_ x: Tensor) throws -> Tensor {
        let (cin, cout) = (weight.shape[0], weight.shape[1])
        guard x.rank == 3, x.shape[1] == cin else {
            throw TensorError.shapeMismatch(
                "ConvTranspose1d(\(cin) → \(cout)) got input \(x.shape), expected [B, \(cin), L]")
        }
        return try x.convTranspose1d(
            weight.value, bias: bias?.value, stride: stride, padding: padding, outputPadding: outputPadding,
            dilation: dilation)
    }
}
