import Foundation

/// Where a run is: what the progress line shows.
public struct TrainingProgress: Sendable {
    /// Generator updates done.
    public var step: Int
    /// The step budget, when there is one.
    public var totalSteps: Int?
    /// Generator updates per second over this session.
    public var stepsPerSecond: Double
    /// Critic and generator losses of the last step.
    public var lossD: Float, lossG: Float
    /// Estimated seconds until the step or time budget is reached.
    public var etaSeconds: Double?
    /// The latest evaluation figures to show (name, value), e.g. a quality estimate.
    public var metrics: [(String, Double)]

    public init(step: Int, totalSteps: Int?, stepsPerSecond: Double, lossD: Float, lossG: Float, etaSeconds: Double?,
                metrics: [(String, Double)] = []) {
        self.step = step
        self.totalSteps = totalSteps
        self.stepsPerSecond = stepsPerSecond
        self.lossD = lossD
        self.lossG = lossG
        self.etaSeconds = etaSeconds
        self.metrics = metrics
    }

    /// `step 120/1000  3.41 steps/s  loss_d -0.1234  loss_g 0.4567  quality 0.871  ETA 4m18s`
    public var line: String {
        let total = totalSteps.map { "/\($0)" } ?? ""
        var s = "step \(step)\(total)  " + String(format: "%.2f steps/s  loss_d %.4f  loss_g %.4f", stepsPerSecond,
                                                   lossD, lossG)
        for (name, value) in metrics { s += "  \(name) " + String(format: "%.3f", value) }
        if let eta = etaSeconds { s += "  ETA " + Self.duration(eta) }
        return s
    }

    /// `1h02m`, `4m18s`, `12s`.
    static func duration(_ seconds: Double) -> String {
        let t = Int(seconds.rounded())
        if t >= 3600 { return String(format: "%dh%02dm", t / 3600, t / 60 % 60) }
        if t >= 60 { return String(format: "%dm%02ds", t / 60, t % 60) }
        return "\(t)s"
    }
}

/// Shows training progress: on a terminal one line rewritten in place (`\r`) a few times a second; otherwise (logs,
/// pipes) a plain line every `interval` seconds. The output sink is injectable.
public final class ProgressDisplay {
    private let output: (String) -> Void
    private let interactive: Bool
    private let interval: Double
    private var lastShown = -Double.infinity
    private var width = 0

    /// - Parameters:
    ///   - output: receives text exactly as it should be written (with `\r` / `\n`).
    ///   - interactive: rewrite one line in place (a terminal) instead of printing lines.
    ///   - interval: seconds between plain lines (interactive updates come every 0.1 s).
    public init(interactive: Bool, interval: Double = 10, output: @escaping (String) -> Void) {
        self.output = output
        self.interactive = interactive
        self.interval = interactive ? 0.1 : interval
    }

    /// Standard output, in place when it is a terminal.
    public static func standardOutput() -> ProgressDisplay {
        ProgressDisplay(interactive: isatty(STDOUT_FILENO) != 0) { text in
            fputs(text, stdout)
            fflush(stdout)
        }
    }

    /// Shows `progress` unless the last update was less than the interval ago (or `force`).
    func update(_ progress: TrainingProgress, now: Double, force: Bool = false) {
        guard force || now - lastShown >= interval else { return }
        lastShown = now
        let line = progress.line
        if interactive {
            output("\r" + line + String(repeating: " ", count: max(0, width - line.count)))
            width = line.count
        } else {
            output(line + "\n")
        }
    }

    /// Shows one line of text (e.g. which checkpoint a resumed run starts from).
    public func note(_ text: String) {
        finish()
        output(text + "\n")
    }

    /// Ends the in-place line.
    func finish() {
        if interactive && width > 0 { output("\n") }
        width = 0
    }
}
