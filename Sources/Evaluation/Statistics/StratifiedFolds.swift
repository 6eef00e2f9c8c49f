import Tabular

/// scikit-learn's `StratifiedKFold(shuffle=True)` in spirit: each class's rows are shuffled (seeded) and dealt
/// round-robin into `folds` folds, so every fold has about the same class mix.
public enum StratifiedFolds {
    /// The fold (0..<folds) of each row.
    public static func assign<G: RandomNumberGenerator>(labels: [Int], folds: Int, using rng: inout G) -> [Int] {
        var fold = [Int](repeating: 0, count: labels.count)
        var next = 0
        for c in Set(labels).sorted() {
            var rows = labels.indices.filter { labels[$0] == c }
            for i in stride(from: rows.count - 1, to: 0, by: -1) { rows.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
            for r in rows {
                fold[r] = next % folds
                next += 1
            }
        }
        return fold
    }
}
