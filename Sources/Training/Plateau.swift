import TensorCore

/// When a figure that should rise (a quality estimate taken every so often during training) has stopped rising:
/// the last `patience` values all fail to beat the best value before them by more than `tolerance`. With a `window`
/// above 1 the values compared are means of the last `window` estimates, so one lucky estimate does not set a best
/// that later ones cannot reach.
public struct Plateau: Codable, Equatable, Sendable {
    /// Values in a row that must fail to improve.
    public var patience: Int
    /// How much a value must exceed the earlier best to count as an improvement.
    public var tolerance: Double
    /// Estimates averaged into each value compared (1: the estimates themselves).
    public var window: Int

    public init(patience: Int, tolerance: Double, window: Int = 1) {
        self.patience = patience
        self.tolerance = tolerance
        self.window = window
    }

    /// Decodes a rule; rules stored before `window` existed compare the estimates themselves.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        patience = try c.decode(Int.self, forKey: .patience)
        tolerance = try c.decode(Double.self, forKey: .tolerance)
        window = try c.decode(.window, default: 1)
    }

    /// Whether `estimates` (oldest first; NaN counts as no improvement, and a window holding one is NaN) end in a
    /// plateau. Needs more than `patience` values, each of `window` estimates.
    public func isReached(_ estimates: [Double]) -> Bool {
        guard patience >= 1, window >= 1, estimates.count >= window else { return false }
        let values = (window - 1..<estimates.count).map { end in
            estimates[(end - window + 1)...end].reduce(0, +) / Double(window)
        }
        guard values.count > patience else { return false }
        let best = values.dropLast(patience).filter { !$0.isNaN }.max() ?? -.infinity
        return !values.suffix(patience).contains { $0 > best + tolerance }
    }

    /// Replays a schedule that starts a new phase after each plateau (e.g. at a lower learning rate): the plateaus
    /// `estimates` (oldest first) have reached so far, each judged on the estimates since the one before it, and
    /// where the current phase starts. `mayEnd(i)` says whether estimate `i` may end a phase (e.g. one taken after a
    /// minimum number of steps).
    public func phases(of estimates: [Double], mayEnd: (Int) -> Bool = { _ in true }) -> (plateaus: Int, start: Int) {
        var plateaus = 0, start = 0
        for end in estimates.indices where mayEnd(end) && isReached(Array(estimates[start...end])) {
            plateaus += 1
            start = end + 1
        }
        return (plateaus, start)
    }

    /// Whether the rule can work: a patience and window of at least 1, a finite tolerance ≥ 0.
    public var isUsable: Bool { patience >= 1 && window >= 1 && tolerance >= 0 && tolerance.isFinite }
}
