import ArgumentParser
import SwiftGAN

/// `swiftgan report RUN_DIR [--out report.html]`: one self-contained HTML page about a training run.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained HTML report of a training run (curves, quality over time, previews).",
        discussion: """
            The page holds loss curves, the quality figures logged at checkpoints, steps per second, the \
            configuration and where the run stopped; for audio runs also the preview clips of up to \
            \(RunReport.maxPreviewCheckpoints) checkpoints (log-mel spectrograms and players) beside real training \
            clips. Everything is embedded (no network, no scripts); open it in any browser.
            """)

    @Argument(help: "The run directory (the folder given to 'train --out').") var runDirectory: String
    @Option(help: "The HTML file to write (default: RUN_DIR/report.html).") var out: String?

    func run() throws {
        let folder = URL(fileURLWithPath: runDirectory)
        let page = try RunReport.make(runDirectory: folder)
        try writeReport(page, to: out ?? folder.appendingPathComponent("report.html").path, json: false)
    }
}

/// Writes `page` and says where and how large it is (on stderr when stdout carries JSON).
func writeReport(_ page: HTMLDocument, to path: String, json: Bool) throws {
    let size = try page.write(to: URL(fileURLWithPath: path))
    let line = "report: \(path) (\(formatFileSize(size)))"
    if json { printError(line) } else { print(line) }
}
