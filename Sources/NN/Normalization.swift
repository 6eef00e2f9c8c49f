import TensorCore

/// Batch normalisation over `[B, C]` or `[B, C, L]` (PyTorch's BatchNorm1d): batch statistics while training
/// (differentiable; under a `BatchSplit`, over the examples of every process), running statistics (momentum 0.1,
/// unbiased variance) in evaluation.
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
            let n = Float(try batchCount(x.count / c))
            mean = x.sum(axes: axes, keepDims: true).summedAcrossProcesses() * (1 / n)
            variance = (x - mean).squared().sum(axes: axes, keepDims: true).summedAcrossProcesses() * (1 / n)
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

    /// The values per channel over the whole batch, of which this process holds `local` (all of them outside a
    /// `BatchSplit`; under one, the same number for each example of the global batch).
    private func batchCount(_ local: Int) throws -> Int {
        guard let split = BatchSplit.current else { return local }
        guard local % split.rows.count == 0 else {
            throw TensorError.shapeMismatch("BatchNorm1d got \(local) values per channel for \(split.rows.count) examples")
        }
        return local / split.rows.count * split.total
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
