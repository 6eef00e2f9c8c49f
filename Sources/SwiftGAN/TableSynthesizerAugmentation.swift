import Foundation
import Tabular

extension TableSynthesizer {
    /// Class balancing with the table GAN, on the oversampler's terms: a model is trained on `table` conditioned on
    /// `target`, then every class is raised to `ratio` × the size of the largest class (never lowered) with rows
    /// sampled under the condition `target = class`, so each new row has its class exactly. The result holds the
    /// input rows followed by the new ones, and the rows per class before and added. Rows with a missing target
    /// are kept and not resampled.
    public static func oversample(
        _ table: Table, target: String, ratio: Double = 1, options: TableTrainingOptions = TableTrainingOptions(),
        progress: ProgressDisplay? = nil
    ) throws -> (table: Table, classes: [(label: String, before: Int, added: Int)]) {
        guard ratio > 0, ratio.isFinite else { throw TableError.invalidArgument("the oversampling ratio must be above 0, got \(ratio)") }
        var o = options
        o.target = target
        let synth = try fit(table, options: o, progress: progress)
        guard synth.conditioning.target != nil else {
            throw TableError.wrongColumnKind(column: target, reason: "holds continuous numbers; oversampling balances "
                + "the classes of a categorical target (name it in `TableTrainingOptions.discrete` if it is a label)")
        }
        let column = try table.column(target)
        let texts = (0..<table.rowCount).filter { !column.isMissing($0) }.map { column.text($0) }
        var counts: [String: Int] = [:]
        for t in texts { counts[t, default: 0] += 1 }
        let wanted = Int((ratio * Double(counts.values.max() ?? 0)).rounded())
        var added = table.selecting(rows: [])
        var classes: [(label: String, before: Int, added: Int)] = []
        for (c, label) in counts.keys.sorted().enumerated() {
            let need = max(0, wanted - counts[label]!)
            classes.append((label, counts[label]!, need))
            guard need > 0 else { continue }
            let rows = try synth.sample(count: need, seed: o.training.seed &+ UInt64(c + 1),
                                        conditions: [TableCondition(column: target, value: label)])
            added = try added.appending(rows)
        }
        return (try table.appending(added), classes)
    }
}
