import TensorCore

/// Checks of a transform read back from a file: everything sampling indexes with must agree with the columns.
extension DiscreteColumnInfo {
    /// Everything but the probabilities (derived from the counts).
    var layout: [Int] { [column, outputOffset, width, conditionOffset] + counts }
}

extension ColumnTransform {
    /// What makes this column's fitted transform unusable, or nil.
    var problem: String? {
        switch self {
        case .continuous(let t):
            let m = t.mixture, k = m.componentCount
            let parts = [m.concentrationA, m.concentrationB, m.meanPrecision, m.degreesOfFreedom, m.variances, m.weights]
            if k == 0 || parts.contains(where: { $0.count != k }) { return "its mixture's arrays differ in length" }
            if !(parts + [m.means]).allSatisfy({ $0.allSatisfy(\.isFinite) }) { return "its mixture has non-finite values" }
            if t.modes.isEmpty || Set(t.modes).count != t.modes.count || !t.modes.allSatisfy({ (0..<k).contains($0) }) {
                return "its modes \(t.modes) are not distinct components of its \(k)-component mixture"
            }
            if !t.modes.allSatisfy({ m.variances[$0] > 0 }) { return "a mode has a variance that is not positive" }
            if !(t.minimum.isFinite && t.maximum.isFinite && t.minimum <= t.maximum) {
                return "its range [\(t.minimum), \(t.maximum)] is not a finite interval"
            }
            if !(0...1).contains(t.missingRate) { return "its missing rate \(t.missingRate) is not in [0, 1]" }
            if (t.kind == .datetime) != (t.dateFormat != nil) {
                return "a datetime column needs a date format, and only a datetime column has one"
            }
            return Self.decimalsProblem(t.decimals)
        case .discrete(let t):
            if t.width < 1 { return "it has no category" }
            if t.kind == .datetime { return "a datetime column is modelled as a number, not as categories" }
            if t.counts.count != t.width || t.counts.contains(where: { $0 < 0 }) || CheckedSize.sum(t.counts) == nil {
                return "it has \(t.counts.count) category counts for \(t.width) categories, or a negative count"
            }
            return Self.decimalsProblem(t.decimals)
        }
    }

    private static func decimalsProblem(_ decimals: Int) -> String? {
        (0...30).contains(decimals) ? nil : "its \(decimals) decimal places are not in 0…30"
    }
}
