import Foundation
import TimeSeries
import Training

extension SeriesSynthesizer {
    /// Augmentation with the series GAN: a model trained on `data` (conditional on its labels, unconditional when it
    /// has none) samples `amount` new series of every class, each under its class. The result holds `data`'s series
    /// followed by the new ones (ids `synthetic-<class>-<i>`), and the series per class before and added.
    /// `budget` replaces `options.training`'s when given. Throws as `fit` does.
    public static func augment(
        _ data: SeriesArray, amount: AugmentationAmount = .copies(1),
        options: SeriesSynthesizerOptions = SeriesSynthesizerOptions(), budget: TrainingBudget? = nil,
        progress: ProgressDisplay? = nil
    ) throws -> (series: SeriesArray, classes: [(label: String, before: Int, added: Int)]) {
        if let problem = amount.problem { throw SeriesSynthesisError.invalidOption(problem) }
        var o = options
        o.conditional = data.labels != nil
        let synthesizer = try fit(data, options: o, budget: budget, progress: progress)
        var counts: [String: Int] = [:]
        for label in data.labels ?? [] { counts[label, default: 0] += 1 }
        var result = data
        var classes: [(label: String, before: Int, added: Int)] = []
        if data.labels == nil {
            let n = amount.added(to: data.count)
            var fake = try synthesizer.sample(count: n, seed: o.training.seed &+ 1)
            fake.ids = (0..<n).map { "synthetic-\($0)" }
            try result.append(fake)
            return (result, [("(all series)", data.count, n)])
        }
        for (c, label) in synthesizer.labels.enumerated() {
            let n = amount.added(to: counts[label] ?? 0)
            classes.append((label, counts[label] ?? 0, n))
            var fake = try synthesizer.sample(count: n, seed: o.training.seed &+ UInt64(c + 1), label: label)
            fake.ids = (0..<n).map { "synthetic-\(label)-\($0)" }
            fake.labelName = data.labelName
            fake.times = nil
            try result.append(fake)
        }
        return (result, classes)
    }
}
