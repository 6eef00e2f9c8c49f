/// When a figure that should rise (a quality estimate taken every so often during training) has stopped rising:
/// the last `patience` values all fail to beat the best value before them by more than `tolerance`.
public struct Plateau: Codable, Equatable, Sendable {
    /// Values in a row that must fail to improve.
    public var patience: Int
    /// How much a value must exceed the earlier best to count as an improvement.
    public var tolerance: Double

    public init(patience: Int, tolerance: Double) {
        self.patience = patience
        self.tolerance = tolerance
    }

    /// Whether `values` (oldest first; NaN counts as no improvement) end in a plateau. Needs more than `patience`
    /// values.
    public func isReached(_ values: [Double]) -> Bool {
        guard patience >= 1, values.count > patience else { return false }
        let best = values.dropLast(patience).filter { !$0.isNaN }.max() ?? -.infinity
        return !values.suffix(patience).contains { $0 > best + tolerance }
    }
}
