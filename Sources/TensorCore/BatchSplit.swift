/// How the examples of one batch are shared out among the processes of a data-parallel job: this process holds rows
/// `rows` of a global batch of `total`, and `sum` adds a buffer across all processes.
///
/// A data-parallel trainer runs each step inside `BatchSplit.$current.withValue(split) { … }`. The few operations
/// whose result depends on other examples of the batch consult it, so that every process computes exactly its rows
/// of what one process would compute for the whole batch:
/// - per-example random draws (dropout masks, the interpolation weights of a gradient penalty, per-example phase
///   shuffles) draw for the whole batch and keep this process's rows (``draw(count:using:_:)``), so the random
///   streams advance as in one process;
/// - batch statistics (batch normalisation) are sums over every process (``Tensor/summedAcrossProcesses()``).
public struct BatchSplit: Sendable {
    /// This process's rows of the global batch.
    public let rows: Range<Int>
    /// The number of examples in the global batch.
    public let total: Int
    /// Replaces the buffer by its element-wise sum over all processes (every process calls it, in the same order).
    public let sum: @Sendable (UnsafeMutableBufferPointer<Float>) -> Void

    /// The split of the step being run, or nil outside data-parallel training.
    @TaskLocal public static var current: BatchSplit?

    public init(rows: Range<Int>, total: Int, sum: @escaping @Sendable (UnsafeMutableBufferPointer<Float>) -> Void) {
        precondition(!rows.isEmpty && rows.lowerBound >= 0 && rows.upperBound <= total, "rows \(rows) of \(total)")
        self.rows = rows
        self.total = total
        self.sum = sum
    }

    /// The rows of `0..<total` that process `rank` of `size` holds: `⌊total·rank/size⌋ ..< ⌊total·(rank+1)/size⌋`.
    public static func rows(of total: Int, rank: Int, size: Int) -> Range<Int> {
        (total * rank / size)..<(total * (rank + 1) / size)
    }

    /// `count` values drawn by `draw` for a tensor whose leading axis holds the batch (`count` = local rows × values
    /// per row). Under a split, draws for the whole batch, in order, and returns this process's rows, so `random`
    /// ends where one process's would; otherwise draws `count` values.
    public static func draw<T>(count: Int, using random: inout SeededGenerator,
                               _ draw: (inout SeededGenerator) -> T) -> [T] {
        guard let split = current else { return (0..<count).map { _ in draw(&random) } }
        precondition(count % split.rows.count == 0,
                     "a per-example draw of \(count) values for \(split.rows.count) rows of the batch")
        let perRow = count / split.rows.count
        for _ in 0..<(split.rows.lowerBound * perRow) { _ = draw(&random) }
        let mine = (0..<count).map { _ in draw(&random) }
        for _ in 0..<((split.total - split.rows.upperBound) * perRow) { _ = draw(&random) }
        return mine
    }

    /// A tensor of `shape` (leading axis: the batch) filled by `draw` as ``draw(count:using:_:)`` draws.
    public static func draw(_ shape: [Int], using random: inout SeededGenerator,
                            _ draw: (inout SeededGenerator) -> Float) -> Tensor {
        let t = Tensor(uninitialized: shape)
        guard current != nil else {  // one process: straight into the tensor
            for i in 0..<t.count { t.pointer[i] = draw(&random) }
            return t
        }
        let values = Self.draw(count: t.count, using: &random, draw)
        t.pointer.update(from: values, count: t.count)
        return t
    }
}

extension Tensor {
    /// The element-wise sum of this tensor over the processes of the current ``BatchSplit`` (itself outside one).
    /// Its gradient is the sum of the processes' output gradients: every process's loss depends on the sum.
    public func summedAcrossProcesses() -> Tensor {
        guard let split = BatchSplit.current else { return self }
        return summed(by: split)
    }

    private func summed(by split: BatchSplit) -> Tensor {
        let out = copied()
        split.sum(UnsafeMutableBufferPointer(start: out.pointer, count: out.count))
        return Tensor.record("summedAcrossProcesses", result: out, inputs: [self]) { g, _, _ in [g.summed(by: split)] }
    }
}
