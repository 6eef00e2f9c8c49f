/// Classification and regression scores, as scikit-learn defines them.
public enum Scores {
    /// Share of equal labels.
    public static func accuracy(_ truth: [Int], _ predicted: [Int]) -> Double {
        guard !truth.isEmpty else { return .nan }
        return Double(zip(truth, predicted).filter { $0 == $1 }.count) / Double(truth.count)
    }

    /// F1 of one class: 2 TP / (2 TP + FP + FN); 0 when the class is neither present nor predicted.
    public static func f1(_ truth: [Int], _ predicted: [Int], positive: Int) -> Double {
        var tp = 0.0, fp = 0.0, fn = 0.0
        for (t, p) in zip(truth, predicted) {
            if p == positive && t == positive { tp += 1 } else if p == positive { fp += 1 } else if t == positive { fn += 1 }
        }
        return tp == 0 ? 0 : 2 * tp / (2 * tp + fp + fn)
    }

    /// Unweighted mean of the per-class F1 over the classes seen in `truth` or `predicted`.
    public static func macroF1(_ truth: [Int], _ predicted: [Int]) -> Double {
        let labels = Set(truth).union(predicted)
        guard !labels.isEmpty else { return .nan }
        return labels.reduce(0) { $0 + f1(truth, predicted, positive: $1) } / Double(labels.count)
    }

    /// Coefficient of determination 1 − SS_res / SS_tot (0 when the truth is constant and matched, as scikit-learn
    /// gives 1 only for a perfect fit of non-constant data).
    public static func r2(_ truth: [Double], _ predicted: [Double]) -> Double {
        guard !truth.isEmpty else { return .nan }
        let mean = truth.reduce(0, +) / Double(truth.count)
        var res = 0.0, tot = 0.0
        for (t, p) in zip(truth, predicted) {
            res += (t - p) * (t - p)
            tot += (t - mean) * (t - mean)
        }
        if tot == 0 { return res == 0 ? 1 : 0 }
        return 1 - res / tot
    }

    /// Area under the ROC curve of `scores` for `positives` (Mann–Whitney U with average ranks for ties); nil when
    /// one class is absent.
    public static func rocAUC(positives: [Bool], scores: [Double]) -> Double? {
        let nPos = positives.filter { $0 }.count, nNeg = positives.count - nPos
        guard nPos > 0, nNeg > 0 else { return nil }
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        var rankSum = 0.0
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && scores[order[j + 1]] == scores[order[i]] { j += 1 }
            let averageRank = Double(i + j) / 2 + 1
            for t in i...j where positives[order[t]] { rankSum += averageRank }
            i = j + 1
        }
        return (rankSum - Double(nPos) * Double(nPos + 1) / 2) / (Double(nPos) * Double(nNeg))
    }
}
