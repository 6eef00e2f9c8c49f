import Tabular
import TensorCore

/// The numbers a critic row stands for, appended to it: for each numeric column, the value its mode-specific
/// normalisation encodes, standardised by the column's mixture mean `m` and spread `sd`:
/// `Σ_k s_k (μ_k − m + 4 σ_k α) / sd` over the mode slots `s` and the scalar `α` (a missing slot counts as the mean).
/// A real row's one-hot gives its value exactly; a generated row's soft one-hot gives a differentiable mixture of its
/// modes' values.
///
/// In the mode-one-hot layout, two columns agree (carat and size, say) only through which modes fire together; in
/// values the agreement is a smooth curve the critic sees at once, so generated rows whose modes disagree no longer
/// pass (docs/experiments-tabular.md, "Critic sees values").
struct TableCriticValues {
    /// `[W, P]` each for critic rows of width `W` and `P` numeric columns: the value's offset per mode slot, its
    /// scale per mode slot, and the scalar's position.
    let offsets: Tensor, scales: Tensor, scalars: Tensor
    /// Numeric columns (`P`).
    let count: Int

    /// The projections for rows laid out by `transformer` (a critic row: the transformed row, then the condition).
    init(transformer: DataTransformer, rowWidth: Int) throws {
        var columns: [(offset: Int, t: ContinuousColumnTransform)] = []
        for (c, column) in transformer.columns.enumerated() {
            if case .continuous(let t) = column {
                columns.append((transformer.spanOffsets[transformer.columnSpans[c].lowerBound], t))
            }
        }
        let p = columns.count
        var o = [Float](repeating: 0, count: rowWidth * p), s = o, a = o
        for (j, (offset, t)) in columns.enumerated() {
            let (mean, spread) = Self.moments(t)
            for (slot, (mu, sd)) in zip(t.modeMeans, t.modeStandardDeviations).enumerated() {
                o[(offset + 1 + slot) * p + j] = Float((mu - mean) / spread)
                s[(offset + 1 + slot) * p + j] = Float(DataTransformer.standardDeviations * sd / spread)
            }
            a[offset * p + j] = 1
        }
        offsets = try Tensor(shape: [rowWidth, p], values: o)
        scales = try Tensor(shape: [rowWidth, p], values: s)
        scalars = try Tensor(shape: [rowWidth, p], values: a)
        count = p
    }

    /// Mean and standard deviation of the column's kept modes, weighted by the mixture (1 when degenerate).
    static func moments(_ t: ContinuousColumnTransform) -> (mean: Double, spread: Double) {
        let w = t.modes.map { t.mixture.weights[$0] }, total = w.reduce(0, +)
        guard total > 0 else { return (t.modeMeans.first ?? 0, 1) }
        let mean = zip(w, t.modeMeans).reduce(0) { $0 + $1.0 * $1.1 } / total
        let second = zip(w, zip(t.modeMeans, t.modeStandardDeviations)).reduce(0) {
            $0 + $1.0 * ($1.1.1 * $1.1.1 + $1.1.0 * $1.1.0)
        } / total
        let spread = (second - mean * mean).squareRoot()
        return (mean, spread.isFinite && spread > 1e-12 ? spread : 1)
    }

    /// `x` (`[..., W]`) with the `P` standardised values appended: `[..., W + P]`.
    func appended(to x: Tensor) -> Tensor {
        let width = x.shape.last!
        let rows = x.reshaped([-1, width])
        let values = rows.matmul(offsets) + rows.matmul(scales) * rows.matmul(scalars)
        return Tensor.concatenated([rows, values], axis: 1).reshaped(Array(x.shape.dropLast()) + [width + count])
    }
}
