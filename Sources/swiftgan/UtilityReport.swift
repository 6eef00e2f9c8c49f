import SwiftGAN

/// How the `utility` commands print their reports.
enum UtilityReport {
    /// A method's gains as a table, then one line on whether it helps or hurts.
    static func print(method: String, heading: String, gains: [UtilityGain], subject: String) {
        Swift.print("\(method) \(heading)")
        Swift.print("  model                metric                     real only  augmented    gain  95 % interval")
        for g in gains {
            Swift.print("  " + g.model.padding(toLength: 20, withPad: " ", startingAt: 0) + " "
                + g.metric.padding(toLength: 26, withPad: " ", startingAt: 0)
                + String(format: " %9.3f  %9.3f  %+6.3f  [%+.3f, %+.3f]", g.baseline, g.augmented, g.gain, g.low, g.high))
        }
        let worse = gains.filter { $0.high < 0 }, better = gains.filter { $0.low > 0 }
        Swift.print("  " + (better.isEmpty && worse.isEmpty
            ? "no figure changed beyond its interval: no measurable help or harm on this \(subject)"
            : "helps \(better.count) of \(gains.count) figures, hurts \(worse.count)"
                + (worse.isEmpty ? "" : " (the augmentation makes this \(subject)'s classifiers worse there)")))
    }

    /// `reports` as one pretty-printed JSON object keyed by method.
    static func printJSON<T: Encodable>(_ reports: [(name: String, report: T)]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let object = Dictionary(reports.map { ($0.name, $0.report) }, uniquingKeysWith: { a, _ in a })
        Swift.print(String(decoding: try encoder.encode(object), as: UTF8.self))
    }
}
