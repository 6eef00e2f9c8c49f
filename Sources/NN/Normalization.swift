import TensorCore

/// Batch normalisation over `[B, C]` or `[B, C, L]` (PyTorch's BatchNorm1d): batch statistics while training
/// (differentiable), running statistics (momentum 0.1, unbiased variance) in evaluation.
public final class BatchNorm1d: Module {
    public let weight: Parameter
    public let bias: Parameter
    public private(set) var runningMean: Tensor
    public private(set) var runningVar: Tensor
    public let epsilon: Float
    public let momentum: Float

    public init(_ channels: Int, epsilon: Float = 1e-5, momentum: Float = 0.1) {
        weight = Parameter(Tensor.ones([channels]))
        bias = Parameter(Tensor.zeros([channels]))
        runningMean = Tensor.zeros([channels])
        runningVar = Tensor.ones([channels])
        self.epsilon = epsilon
        self.momentum = momentum
        super.init()
    }

    public func callAsFunction(_ x: Tensor) throws -> Tensor {
        let c = weight.shape[0]
        guard (x.rank == 2 || x.rank == 3), x.shape[1] == c else {
            throw TensorError.shapeMismatch("BatchNorm1d(\(c)) got input \(x.shape), expected [B, \(c)] or [B, \(c), L]")
        }
        let axes = x.rank == 3 ? [0, 2] : [0]
        let view = x.rank == 3 ? [1, c, 1] : [1, c]
        let mean: Tensor, variance: Tensor
        if isTraining {
            mean = x.mean(axes: axes, keepDims: true)
            variance = (x - mean).squared().mean(axes: axes, keepDims: true)
            let n = Float(x.count / c)
            GradientRecording.disabled {
                let unbiased = variance.reshaped([c]) * (n / Swift.max(n - 1, 1))
                runningMean = runningMean * (1 - momentum) + mean.reshaped([c]) * momentum
                runningVar = runningVar * (1 - momentum) + unbiased * momentum
            }
        } else {
            mean = runningMean.reshaped(view)
            variance = runningVar.reshaped(view)
        }
        let normalised = (x - mean) / (variance + epsilon).sqrt()
        return normalised * weight.value.reshaped(view) + bias.value.reshaped(view)
    }

    public override func namedBuffers() -> [(name: String, tensor: Tensor)] {
        [("running_mean", runningMean), ("running_var", runningVar)]
    }

    public override func loadBuffer(_ name: String, _ value: Tensor) -> Bool {
        guard value.shape == runningMean.shape else { return false }
        switch name {
        case "running_mean": runningMean = value.detached
        case "running_var": runningVar = value.detached
        default: return false
        }
        return true
    }
}
