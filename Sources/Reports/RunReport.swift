import Foundation

/// The report of a training run directory: loss curves, the quality metric logged at checkpoints, steps per
/// second, the configuration and where the run stopped; for audio runs also the preview clips of each checkpoint
/// (spectrograms and players) beside real training clips.
public enum RunReport {
    /// Preview checkpoints shown at most (spread over the run, the last one always included).
    public static let maxPreviewCheckpoints = 8
    /// Clips shown per checkpoint.
    public static let maxClipsPerCheckpoint = 4

    /// Readable names of the quality figures that `metrics.jsonl` carries.
    static let metricNames = [
        "fd": "Fréchet distance (log-mel, lower is better)", "ndb_k": "NDB/K (lower is better)",
        "d_self": "D_self (nearest generated neighbour)", "d_train": "D_train (nearest real neighbour)",
        "quality": "quality score (SDMetrics, higher is better)", "column_shapes": "column shapes",
        "pair_trends": "column pair trends", "acf_distance": "autocorrelation distance (lower is better)",
        "marginal_ks": "marginal KS (lower is better)",
    ]
    static let trainingKeys: Set<String> = ["step", "seconds", "steps_per_second", "loss_d", "loss_g", "gp", "r1"]

    /// The report of the run in `runDirectory`.
    public static func make(runDirectory: URL) throws -> HTMLDocument {
        let run = try RunFolder(runDirectory)
        var page = HTMLDocument(title: "SwiftGAN \(run.domain == .unknown ? "" : run.domain.rawValue + " ")run: "
                                    + runDirectory.standardizedFileURL.lastPathComponent)
        summary(run, into: &page)
        curves(run, into: &page)
        if run.domain == .audio { try previews(run, into: &page) }
        page.heading("Configuration")
        page.preformatted(run.configText, summary: "config.json")
        return page
    }

    private static func summary(_ run: RunFolder, into page: inout HTMLDocument) {
        page.paragraph(run.stopSummary)
        let rates = run.metrics.compactMap { $0["steps_per_second"] }.filter(\.isFinite)
        let t = run.training
        var rows = [
            ["steps", run.last.map { String($0.step) } ?? "none logged"],
            ["wall time", run.last.map { $0.seconds.isFinite ? formatSeconds($0.seconds) : "?" } ?? "?"],
            ["steps per second (mean of logged)", rates.isEmpty ? "?" : String(format: "%.2f", rates.reduce(0, +) / Double(rates.count))],
            ["checkpoints on disk", run.checkpointSteps.isEmpty ? "none" : run.checkpointSteps.map(String.init).joined(separator: ", ")],
            ["exported model", run.hasModel ? "model.safetensors" : "not yet (written when training ends)"],
            ["loss", t.loss.rawValue], ["batch", String(t.batchSize)], ["critic steps", String(t.criticSteps)],
            ["learning rates (G / D)", "\(t.generatorOptimizer.learningRate) / \(t.criticOptimizer.learningRate)"],
            ["seed", String(t.seed)],
        ]
        if t.gradientPenaltyWeight > 0 { rows.append(["WGAN-GP λ", "\(t.gradientPenaltyWeight)"]) }
        if t.r1Gamma > 0 { rows.append(["R1 γ (every k-th critic step)", "\(t.r1Gamma) (k = \(t.r1Every))"]) }
        if t.emaDecay > 0 { rows.append(["generator EMA decay", "\(t.emaDecay)"]) }
        page.heading("Summary")
        page.table(header: ["", ""], rows: rows)
    }

    private static func curves(_ run: RunFolder, into page: inout HTMLDocument) {
        func points(_ key: String) -> [(x: Double, y: Double)] {
            run.metrics.compactMap { line in line[key].flatMap { v in line["step"].map { (x: $0, y: v) } } }
        }
        var charts: [String] = []
        let losses = [("loss_d", "critic", ChartColors.cycle[0]), ("loss_g", "generator", ChartColors.cycle[1])]
            .map { LineChart.Series(name: $0.1, color: $0.2, points: points($0.0)) }.filter { !$0.points.isEmpty }
        if !losses.isEmpty {
            charts.append(LineChart(title: "Losses (mean over each logging interval)", xLabel: "step", yLabel: "loss",
                                    series: losses).svg)
        }
        let penalties = [("gp", "WGAN-GP", ChartColors.cycle[2]), ("r1", "R1", ChartColors.cycle[3])]
            .map { LineChart.Series(name: $0.1, color: $0.2, points: points($0.0)) }.filter { !$0.points.isEmpty }
        if !penalties.isEmpty {
            charts.append(LineChart(title: "Penalties (before weighting)", xLabel: "step", yLabel: "penalty",
                                    series: penalties).svg)
        }
        let rate = points("steps_per_second")
        if !rate.isEmpty {
            charts.append(LineChart(title: "Speed", xLabel: "step", yLabel: "steps per second",
                                    series: [LineChart.Series(name: "steps/s", color: ChartColors.cycle[4], points: rate)]).svg)
        }
        page.heading("Training curves")
        if charts.isEmpty { page.paragraph("metrics.jsonl has no logged steps yet.") } else { page.grid(charts) }

        let keys = Set(run.metrics.flatMap(\.keys)).subtracting(trainingKeys).sorted {
            (metricOrder.firstIndex(of: $0) ?? 99, $0) < (metricOrder.firstIndex(of: $1) ?? 99, $1)
        }
        page.heading("Quality at checkpoints")
        if keys.isEmpty {
            page.paragraph("No quality figures were logged (evaluation off, or no checkpoint yet).")
            return
        }
        page.grid(keys.map { key in
            LineChart(title: metricNames[key] ?? key, xLabel: "step", yLabel: key,
                      series: [LineChart.Series(name: key, color: ChartColors.cycle[2], points: points(key))]).svg
        })
        let lastRow = run.metrics.last { line in keys.contains { line[$0] != nil } }
        if let lastRow {
            page.table(header: ["figure at step \(Int(lastRow["step"] ?? 0))", "value"],
                       rows: keys.compactMap { k in lastRow[k].map { [metricNames[k] ?? k, String(format: "%.4g", $0)] } })
        }
    }

    static let metricOrder = ["fd", "quality", "acf_distance", "marginal_ks", "column_shapes", "pair_trends", "ndb_k",
                              "d_self", "d_train"]

    private static func previews(_ run: RunFolder, into page: inout HTMLDocument) throws {
        page.heading("Preview clips")
        let folders = evenlySpaced(run.previewFolders, limit: maxPreviewCheckpoints)
        let real = audioFiles(in: run.url.appendingPathComponent("previews/real"))
        guard !folders.isEmpty || !real.isEmpty else {
            page.paragraph("No previews yet: they are written at each checkpoint.")
            return
        }
        page.paragraph("The same latent vectors at each checkpoint (\(folders.count) of \(run.previewFolders.count) "
                       + "shown), then real training clips. Spectrograms: log-mel, 128 bands from 40 Hz to 7.8 kHz "
                       + "over the first 1.02 s at 16 kHz, 80 dB below each clip's peak.")
        let view = try AudioClipView()
        for (step, folder) in folders.reversed() {
            page.heading("Step \(step)", level: 3)
            page.grid(try audioFiles(in: folder).prefix(maxClipsPerCheckpoint).map {
                try view.figure(file: $0, caption: "step \(step) · \($0.lastPathComponent)")
            })
        }
        if !real.isEmpty {
            page.heading("Real training clips", level: 3)
            page.grid(try real.prefix(maxClipsPerCheckpoint).map {
                try view.figure(file: $0, caption: "real · \($0.lastPathComponent)")
            })
        }
    }
}
