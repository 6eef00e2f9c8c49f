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

    /// Inverted dropout: zeroes each element with probability `p` and scales the rest by 1/(1−p). The leading axis
    /// is the batch: under a ``BatchSplit`` the mask is this process's rows of the whole batch's.
    public func dropout(_ p: Float, using generator: inout SeededGenerator) -> Tensor {
        guard p > 0 else { return self }
        let scale = 1 / (1 - p)
        let mask = BatchSplit.draw(shape, using: &generator) { $0.nextUniform() < p ? 0 : scale }
        return self * mask
    }
}
