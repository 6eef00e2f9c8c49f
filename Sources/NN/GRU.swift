import TensorCore

/// A one-layer gated recurrent unit over batch-first sequences (PyTorch's `nn.GRU(batch_first=True)`), with
/// PyTorch's parameter names, layouts and gate order (reset, update, new):
///
/// ```
/// r_t = σ(W_ir x_t + b_ir + W_hr h_{t−1} + b_hr)
/// z_t = σ(W_iz x_t + b_iz + W_hz h_{t−1} + b_hz)
/// n_t = tanh(W_in x_t + b_in + r_t ⊙ (W_hn h_{t−1} + b_hn))
/// h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}
/// ```
///
/// `weight_ih_l0` is `[3H, I]` (rows r, z, n), `weight_hh_l0` `[3H, H]`, the biases `[3H]`, so a state dict maps 1:1
/// onto PyTorch's. The input projection of all time steps is one matrix product; the recurrence is one autograd op
/// with a hand-written backward through time (`GRURecurrence.swift`), and gradients of every order (gradient
/// penalties through a recurrent critic) are exact.
public final class GRU: Module {
    public let weight_ih_l0: Parameter
    public let weight_hh_l0: Parameter
    public let bias_ih_l0: Parameter?
    public let bias_hh_l0: Parameter?

    /// PyTorch's initialisation: every weight and bias U(−1/√H, 1/√H).
    public init(inputSize: Int, hiddenSize: Int, bias useBias: Bool = true, using g: inout SeededGenerator) {
        let h3 = 3 * hiddenSize
        func draw(_ shape: [Int]) -> Parameter {
            Parameter(Initialization.defaultWeight(shape, fanIn: hiddenSize, using: &g))
        }
        weight_ih_l0 = draw([h3, inputSize])
        weight_hh_l0 = draw([h3, hiddenSize])
        bias_ih_l0 = useBias ? draw([h3]) : nil
        bias_hh_l0 = useBias ? draw([h3]) : nil
        super.init()
    }

    /// I, the features per time step.
    public var inputSize: Int { weight_ih_l0.shape[1] }
    /// H, the size of the hidden state.
    public var hiddenSize: Int { weight_hh_l0.shape[1] }

    /// Runs the recurrence over `x` `[B, T, I]` from `initial` `[B, H]` (zeros when nil).
    /// Returns every hidden state `[B, T, H]` and the last one `[B, H]`. Throws on a shape mismatch.
    public func callAsFunction(_ x: Tensor, initial: Tensor? = nil) throws -> (outputs: Tensor, last: Tensor) {
        try GRU.run(x, initial: initial, weightIH: weight_ih_l0.value, weightHH: weight_hh_l0.value,
                    biasIH: bias_ih_l0?.value, biasHH: bias_hh_l0?.value)
    }

    /// The recurrence with explicit weights (`[3H, I]`, `[3H, H]`, biases `[3H]`): what the layer computes, for
    /// callers that hold the weights as tensors.
    public static func run(
        _ x: Tensor, initial: Tensor? = nil, weightIH: Tensor, weightHH: Tensor, biasIH: Tensor?, biasHH: Tensor?
    ) throws -> (outputs: Tensor, last: Tensor) {
        let inputSize = weightIH.shape[1], hidden = weightHH.shape[1]
        guard x.rank == 3, x.shape[2] == inputSize, x.shape[1] >= 1 else {
            throw TensorError.shapeMismatch(
                "GRU(\(inputSize) → \(hidden)) got input \(x.shape), expected [B, T, \(inputSize)] with T ≥ 1")
        }
        let (b, steps) = (x.shape[0], x.shape[1])
        if let initial { try initial.expectShape([b, hidden], "GRU initial state") }
        // Input projection of every step at once: [B·T, I]·[I, 3H].
        var projected = x.reshaped([b * steps, inputSize]).matmul(weightIH, transposeOther: true)
        if let biasIH { projected = projected + biasIH }
        let outputs = recurrence(
            gx: projected.reshaped([b, steps, 3 * hidden]), h0: initial ?? Tensor.zeros([b, hidden]), wHH: weightHH,
            bHH: biasHH)
        return (outputs, outputs.sliced(axis: 1, (steps - 1)..<steps).reshaped([b, hidden]))
    }
}
