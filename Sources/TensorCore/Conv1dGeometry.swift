/// The shape of a 1-D convolution `y = conv1d(x, w)` as PyTorch's `Conv1d` defines it (cross-correlation, zero
/// padding, no groups):
///
/// - `x` is `[batch, inChannels, inLength]`, `w` is `[outChannels, inChannels, kernelSize]`,
///   `y` is `[batch, outChannels, outLength]`, all contiguous Float32;
/// - `y[b, o, t] = Σ_{i, k} w[o, i, k] · x[b, i, t·stride − padding + k·dilation]` (terms outside `x` are zero);
/// - `outLength = (inLength + 2·padding − dilation·(kernelSize − 1) − 1) / stride + 1`.
///
/// A transposed convolution (`ConvTranspose1d`) is described by the convolution it is the adjoint of: see
/// `transposed(batch:inChannels:outChannels:inLength:kernelSize:stride:padding:outputPadding:dilation:)`.
public struct Conv1dGeometry: Hashable, Sendable, CustomStringConvertible {
    public let batch: Int
    public let inChannels: Int
    public let outChannels: Int
    public let inLength: Int
    public let kernelSize: Int
    public let stride: Int
    public let padding: Int
    public let dilation: Int

    /// Validates the sizes: every size ≥ 1 (the batch may be 0), padding ≥ 0, and the dilated kernel fits the padded
    /// input (`outLength ≥ 1`). Throws `TensorError.invalidArgument` naming the offending value otherwise.
    public init(
        batch: Int, inChannels: Int, outChannels: Int, inLength: Int, kernelSize: Int, stride: Int = 1,
        padding: Int = 0, dilation: Int = 1
    ) throws {
        let positive = [("inChannels", inChannels), ("outChannels", outChannels), ("inLength", inLength),
                        ("kernelSize", kernelSize), ("stride", stride), ("dilation", dilation)]
        for (name, value) in positive where value < 1 {
            throw TensorError.invalidArgument("conv1d: \(name) is \(value); it must be at least 1")
        }
        if batch < 0 { throw TensorError.invalidArgument("conv1d: batch is \(batch); it must not be negative") }
        if padding < 0 { throw TensorError.invalidArgument("conv1d: padding is \(padding); it must not be negative") }
        let span = dilation * (kernelSize - 1) + 1
        if inLength + 2 * padding < span {
            throw TensorError.invalidArgument(
                "conv1d: the kernel spans \(span) samples (kernelSize \(kernelSize), dilation \(dilation)) but the "
                    + "padded input has only \(inLength + 2 * padding) (inLength \(inLength), padding \(padding)); "
                    + "use a longer input, more padding or a shorter kernel")
        }
        self.batch = batch
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.inLength = inLength
        self.kernelSize = kernelSize
        self.stride = stride
        self.padding = padding
        self.dilation = dilation
    }

    /// Length of the output: `(inLength + 2·padding − dilation·(kernelSize − 1) − 1) / stride + 1`.
    public var outLength: Int { (inLength + 2 * padding - dilation * (kernelSize - 1) - 1) / stride + 1 }

    /// Elements of `x`: `batch · inChannels · inLength`.
    public var inputCount: Int { batch * inChannels * inLength }
    /// Elements of `w`: `outChannels · inChannels · kernelSize`.
    public var weightCount: Int { outChannels * inChannels * kernelSize }
    /// Elements of `y`: `batch · outChannels · outLength`.
    public var outputCount: Int { batch * outChannels * outLength }

    /// Multiply-adds of one pass, counted twice (`2·B·Cin·Cout·K·Lout`): the useful FLOPs of `forward`,
    /// `backwardInput` and `backwardWeight` alike.
    public var flops: Double {
        2 * Double(batch) * Double(inChannels) * Double(outChannels) * Double(kernelSize) * Double(outLength)
    }

    public var description: String {
        "conv1d [\(batch), \(inChannels), \(inLength)] → [\(batch), \(outChannels), \(outLength)], kernel "
            + "\(kernelSize), stride \(stride), padding \(padding), dilation \(dilation)"
    }

    /// The convolution whose input-adjoint is PyTorch's `ConvTranspose1d(inChannels, outChannels, kernelSize,
    /// stride, padding, outputPadding, dilation)` applied to an input `[batch, inChannels, inLength]`.
    ///
    /// The transposed layer's output length is `(inLength − 1)·stride − 2·padding + dilation·(kernelSize − 1) +
    /// outputPadding + 1`; that is the convolution's `inLength`, and the convolution's `outLength` is the transposed
    /// layer's `inLength`. Channels swap: the convolution maps the transposed layer's `outChannels` to its
    /// `inChannels`, so the transposed weight `[inChannels, outChannels, kernelSize]` is, in memory, exactly the
    /// convolution's weight `[outChannels_conv, inChannels_conv, kernelSize]`. With `g` the returned geometry:
    ///
    /// - transposed forward `y_t = Conv1dKernels.backwardInput(gy: x_t, weight: w, gx: y_t, g)`;
    /// - its input gradient `gx_t = Conv1dKernels.forward(x: gy_t, weight: w, y: gx_t, g)`;
    /// - its weight gradient `gw = Conv1dKernels.backwardWeight(x: gy_t, gy: x_t, gw: gw, g)`.
    ///
    /// Throws `TensorError.invalidArgument` for sizes `init` rejects and for `outputPadding` outside `0..<stride`
    /// (PyTorch also allows `outputPadding < dilation`; SwiftGAN does not).
    public static func transposed(
        batch: Int, inChannels: Int, outChannels: Int, inLength: Int, kernelSize: Int, stride: Int = 1,
        padding: Int = 0, outputPadding: Int = 0, dilation: Int = 1
    ) throws -> Conv1dGeometry {
        if outputPadding < 0 || outputPadding >= max(stride, 1) {
            throw TensorError.invalidArgument(
                "conv_transpose1d: outputPadding is \(outputPadding); it must be in 0..<stride (stride \(stride))")
        }
        if inLength < 1 {
            throw TensorError.invalidArgument("conv_transpose1d: inLength is \(inLength); it must be at least 1")
        }
        let outLength = (inLength - 1) * stride - 2 * padding + dilation * (kernelSize - 1) + outputPadding + 1
        if outLength < 1 {
            throw TensorError.invalidArgument(
                "conv_transpose1d: the output would have length \(outLength) (inLength \(inLength), stride \(stride), "
                    + "padding \(padding), kernelSize \(kernelSize)); use less padding or a longer input")
        }
        return try Conv1dGeometry(
            batch: batch, inChannels: outChannels, outChannels: inChannels, inLength: outLength,
            kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation)
    }
}
