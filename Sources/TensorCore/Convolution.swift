// Convolution ops. Three primitives — conv1d, its input gradient and its weight gradient — differentiate into each
// other, so gradients of every order stay inside the family (and on the fast kernels of `Conv1dKernels`). A
// transposed convolution is the input gradient of the convolution it inverts.

extension Tensor {
    /// 1-D convolution (cross-correlation, as PyTorch's Conv1d): `self` `[B, Cin, L]`, `weight` `[Cout, Cin, K]`,
    /// optional `bias` `[Cout]`, result `[B, Cout, (L + 2·padding − dilation·(K−1) − 1)/stride + 1]`.
    /// Throws when the shapes do not fit (channels differ, kernel longer than the padded input).
    public func conv1d(
        _ weight: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: Int = 0, dilation: Int = 1
    ) throws -> Tensor {
        guard rank == 3, weight.rank == 3, weight.shape[1] == shape[1] else {
            throw TensorError.shapeMismatch("conv1d input \(shape) with weight \(weight.shape) ([Cout, Cin, K])")
        }
        let g = try Conv1dGeometry(
            batch: shape[0], inChannels: shape[1], outChannels: weight.shape[0], inLength: shape[2],
            kernelSize: weight.shape[2], stride: stride, padding: padding, dilation: dilation)
        let y = Tensor.conv1dForward(self, weight, g)
        return try bias.map { try y.addingChannelBias($0) } ?? y
    }

    /// 1-D transposed convolution (as PyTorch's ConvTranspose1d): `self` `[B, Cin, L]`, `weight` `[Cin, Cout, K]`,
    /// optional `bias` `[Cout]`, result `[B, Cout, (L−1)·stride − 2·padding + dilation·(K−1) + outputPadding + 1]`.
    /// Throws when the shapes do not fit.
    public func convTranspose1d(
        _ weight: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: Int = 0, outputPadding: Int = 0,
        dilation: Int = 1
    ) throws -> Tensor {
        guard rank == 3, weight.rank == 3, weight.shape[0] == shape[1] else {
            throw TensorError.shapeMismatch("convTranspose1d input \(shape) with weight \(weight.shape) ([Cin, Cout, K])")
        }
        let g = try Conv1dGeometry.transposed(
            batch: shape[0], inChannels: shape[1], outChannels: weight.shape[1], inLength: shape[2],
            kernelSize: weight.shape[2], stride: stride, padding: padding, outputPadding: outputPadding,
            dilation: dilation)
        let y = Tensor.conv1dBackwardInput(self, weight, g)
        return try bias.map { try y.addingChannelBias($0) } ?? y
    }

    /// `self` `[B, C, L]` plus `bias[c]` along channel c: a convolution's bias, added in place to the convolution's
    /// fresh output (one pass, no copy). The bias's gradient is the output gradient summed over batch and time.
    func addingChannelBias(_ bias: Tensor) throws -> Tensor {
        let (batch, channels, length) = (shape[0], shape[1], shape[2])
        guard bias.shape == [channels] else {
            throw TensorError.shapeMismatch("bias \(bias.shape) for \(channels) channels")
        }
        let y = detached, b = bias.pointer, p = y.pointer
        parallelRanges(batch * channels, minimum: Swift.max(1, parallelGrain / Swift.max(1, length))) { rows in
            for row in rows {
                let value = b[row % channels], at = p + row * length
                for t in 0..<length { at[t] += value }
            }
        }
        return Tensor.record("addChannelBias", result: y, inputs: [self, bias]) { g, _, need in
            [need[0] ? g : nil, need[1] ? g.sum(axes: [0, 2]) : nil]
        }
    }

    /// y = conv1d(x, w) for geometry `g`.
    static func conv1dForward(_ x: Tensor, _ w: Tensor, _ g: Conv1dGeometry) -> Tensor {
        let y = Tensor(uninitialized: [g.batch, g.outChannels, g.outLength])
        Conv1dKernels.forward(x: x.pointer, weight: w.pointer, y: y.pointer, g)
        return record("conv1d", result: y, inputs: [x, w]) { gy, _, need in
            [need[0] ? conv1dBackwardInput(gy, w, g) : nil, need[1] ? conv1dBackwardWeight(x, gy, g) : nil]
        }
    }

    /// ∂⟨gy, conv1d(x, w)⟩/∂x: `[B, Cin, Lin]` from gy `[B, Cout, Lout]` and w `[Cout, Cin, K]`.
    static func conv1dBackwardInput(_ gy: Tensor, _ w: Tensor, _ g: Conv1dGeometry) -> Tensor {
        let gx = Tensor(uninitialized: [g.batch, g.inChannels, g.inLength])
        Conv1dKernels.backwardInput(gy: gy.pointer, weight: w.pointer, gx: gx.pointer, g)
        return record("conv1dBackwardInput", result: gx, inputs: [gy, w]) { h, _, need in
            [need[0] ? conv1dForward(h, w, g) : nil, need[1] ? conv1dBackwardWeight(h, gy, g) : nil]
        }
    }

    /// ∂⟨gy, conv1d(x, w)⟩/∂w: `[Cout, Cin, K]`, summed over the batch.
    static func conv1dBackwardWeight(_ x: Tensor, _ gy: Tensor, _ g: Conv1dGeometry) -> Tensor {
        let gw = Tensor(uninitialized: [g.outChannels, g.inChannels, g.kernelSize])
        Conv1dKernels.backwardWeight(x: x.pointer, gy: gy.pointer, gw: gw.pointer, g)
        return record("conv1dBackwardWeight", result: gw, inputs: [x, gy]) { h, _, need in
            [need[0] ? conv1dBackwardInput(gy, h, g) : nil, need[1] ? conv1dForward(x, h, g) : nil]
        }
    }
}
