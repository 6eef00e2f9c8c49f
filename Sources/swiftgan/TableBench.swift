import SwiftGAN

/// `swiftgan bench --suite tables`: fitting the table GAN on scikit-learn's breast-cancer training split (426 rows ×
/// 31 columns, `Samples/tables/`, run from the repository root) for 300 epochs at batch 50 — the setting in which
/// CTGAN 0.12 took 63 s on the project's 2-core machines — and sampling 10,000 rows from the result.
enum TableBench {
    /// CTGAN 0.12's fit time for that setting (seconds).
    static let ctganFitSeconds = 63.0
    static let data = "Samples/tables/breast_cancer_train.csv"

    static func rows(repeats: Int) throws -> [BenchRow] {
        guard FileManager.default.fileExists(atPath: data) else {
            return [BenchRow(name: "table fit", seconds: 0, note: "skipped: run from the repository root (\(data))")]
        }
        let table = try Table.read(csvFile: data)
        var options = TableTrainingOptions()
        options.target = "diagnosis"
        options.epochs = 300
        options.batchSize = 50
        // A fit takes seconds: no warm-up run, at most three timed runs.
        var fits: [Double] = []
        var synth: TableSynthesizer?
        for _ in 0..<max(1, min(repeats, 3)) {
            let t0 = DispatchTime.now().uptimeNanoseconds
            synth = try TableSynthesizer.fit(table, options: options, progress: nil)
            fits.append(Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9)
        }
        let fit = fits.sorted()[fits.count / 2]
        let sample = try medianSeconds(repeats: repeats) { _ = try synth!.sample(count: 10_000, seed: 1) }
        return [
            BenchRow(name: "table fit 426x31 300 epochs B=50", seconds: fit,
                     note: String(format: "CTGAN %.0f s, ratio %.2f", ctganFitSeconds, fit / ctganFitSeconds),
                     reference: ctganFitSeconds, ratio: fit / ctganFitSeconds),
            BenchRow(name: "table sample 10000 rows", seconds: sample),
        ]
    }
}
