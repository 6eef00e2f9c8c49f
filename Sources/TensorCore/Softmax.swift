// Softmax family and dropout, composed from differentiable primitives (so their gradients of every order come free).

extension Tensor {
    /// log(Σ exp(x)) along `axis`, stabilised by the (constant) maximum.
    public func logSumExp(axis a: Int, keepDims: Bool = false) -> Tensor {
        let m = max(axes: [a], keepDims: true).detached
        let s = (self - m).exp().sum(axes: [a], keepDims: true).log() + m
        return keepDims ? s : s.reshaped(s.shape.enumerated().filter { $0.offset != axis(a) }.map(\.element))
    }

    /// log softmax along `axis`.
    public func logSoftmax(axis a: Int = -1) -> Tensor { self - logSumExp(axis: a, keepDims: true) }

    /// softmax along `axis`.
    public func softmax(axis a: Int = -1) -> Tensor { logSoftmax(axis: a).exp() }

    /// The mean over rows of `−log softmax(self[b])[targets[b]]` for logits `[B, K]`: the classification loss.
    public func crossEntropy(targets: [Int]) -> Tensor {
        precondition(rank == 2 && targets.count == shape[0], "crossEntropy: logits \(shape), \(targets.count) targets")
        let classes = shape[1]
        let pick = Tensor.zeros(shape)
        for (b, t) in targets.enumerated() {
            precondition((0..<classes).contains(t), "crossEntropy: target \(t) outside 0..<\(classes)")
            pick.pointer[b * classes + t] = 1
        }
        return -(logSoftmax(axis: 1) * pick).sum() * (1 / Float(Swift.max(targets.count, 1)))
    }

    /// Inverted dropout: zeroes each element with probability `p` and scales the rest by 1/(1−p).
    public func dropout(_ p: Float, using generator: inout SeededGenerator) -> Tensor {
        guard p > 0 else { return self }
        let keep = Tensor(uninitialized: shape)
        let scale = 1 / (1 - p)
        for i in 0..<count { keep.pointer[i] = generator.nextUniform() < p ? 0 : scale }
        return self * keep
    }
}
