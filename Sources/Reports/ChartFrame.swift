import Foundation

/// The plotting area of an SVG chart: linear scales from data to pixels, axes with rounded ticks, title and legend.
struct ChartFrame {
    static let left = 58.0, right = 14.0, top = 30.0, bottom = 40.0

    let width: Double, height: Double
    let x: ClosedRange<Double>, y: ClosedRange<Double>

    /// A frame whose ranges cover `xs` and `ys` (widened when empty or flat; rounded out to ticks).
    init(width: Double, height: Double, xs: [Double], ys: [Double], padX: Bool = false) {
        self.width = width
        self.height = height
        x = ChartFrame.range(xs.filter(\.isFinite), round: !padX)
        y = ChartFrame.range(ys.filter(\.isFinite), round: true)
    }

    static func range(_ values: [Double], round: Bool) -> ClosedRange<Double> {
        guard var lo = values.min(), var hi = values.max() else { return 0...1 }
        if hi - lo < 1e-12 * max(1, abs(hi)) {
            lo -= max(0.5, abs(lo) * 0.1)
            hi += max(0.5, abs(hi) * 0.1)
        }
        guard round else { return lo...hi }
        let step = ChartFrame.tickStep(hi - lo)
        return (floor(lo / step) * step)...(ceil(hi / step) * step)
    }

    /// A 1, 2 or 5 × 10ⁿ step giving about five ticks over `span`.
    static func tickStep(_ span: Double) -> Double {
        let raw = span / 5, power = pow(10, floor(log10(raw)))
        let m = raw / power
        return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * power
    }

    var plotWidth: Double { width - Self.left - Self.right }
    var plotHeight: Double { height - Self.top - Self.bottom }

    func px(_ v: Double) -> Double { Self.left + (v - x.lowerBound) / (x.upperBound - x.lowerBound) * plotWidth }
    func py(_ v: Double) -> Double { Self.top + (y.upperBound - v) / (y.upperBound - y.lowerBound) * plotHeight }

    /// The SVG opening tag, background, grid, axes, tick labels, axis titles, chart title and legend.
    func open(title: String, xLabel: String, yLabel: String, legend: [(String, String)], xTicks: Bool = true) -> String {
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(n(width))\" height=\"\(n(height))\" "
            + "viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" class=\"chart\">"
            + "<title>\(escapeHTML(title))</title>"
            + "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
        let yStep = Self.tickStep(y.upperBound - y.lowerBound)
        var t = y.lowerBound
        while t <= y.upperBound + yStep * 1e-6 {
            s += "<line x1=\"\(n(Self.left))\" x2=\"\(n(width - Self.right))\" y1=\"\(n(py(t)))\" y2=\"\(n(py(t)))\" "
                + "stroke=\"#e5e5e5\"/>"
            s += "<text x=\"\(n(Self.left - 4))\" y=\"\(n(py(t) + 3.5))\" text-anchor=\"end\">\(tick(t, yStep))</text>"
            t += yStep
        }
        if xTicks {
            let xStep = Self.tickStep(x.upperBound - x.lowerBound)
            var u = (x.lowerBound / xStep).rounded(.up) * xStep
            while u <= x.upperBound + xStep * 1e-6 {
                s += "<text x=\"\(n(px(u)))\" y=\"\(n(height - Self.bottom + 14))\" text-anchor=\"middle\">"
                    + "\(tick(u, xStep))</text>"
                u += xStep
            }
        }
        s += "<rect x=\"\(n(Self.left))\" y=\"\(n(Self.top))\" width=\"\(n(plotWidth))\" height=\"\(n(plotHeight))\" "
            + "fill=\"none\" stroke=\"#999\"/>"
        s += "<text x=\"\(n(Self.left + plotWidth / 2))\" y=\"\(n(height - 6))\" text-anchor=\"middle\">"
            + "\(escapeHTML(xLabel))</text>"
        s += "<text transform=\"translate(13 \(n(Self.top + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\">"
            + "\(escapeHTML(yLabel))</text>"
        var lx = width - Self.right
        let legendWidth = legend.reduce(0.0) { $0 + Self.legendEntryWidth($1.0) }
        // The title gets the width the legend leaves (about 6.5 px per character at 11 px, bold).
        let room = max(8, Int((width - Self.left - Self.right - legendWidth - 8) / 6.8))
        let shown = title.count > room ? String(title.prefix(room - 1)) + "…" : title
        s += "<text x=\"\(n(Self.left))\" y=\"18\" class=\"chart-title\">\(escapeHTML(shown))</text>"
        for (name, color) in legend.reversed() {
            lx -= Self.legendEntryWidth(name)
            s += "<rect x=\"\(n(lx))\" y=\"10\" width=\"10\" height=\"10\" fill=\"\(color)\"/>"
                + "<text x=\"\(n(lx + 13))\" y=\"19\">\(escapeHTML(name))</text>"
        }
        return s
    }

    static func legendEntryWidth(_ name: String) -> Double { Double(name.count) * 6.5 + 18 }

    /// The tick label of `v` with as many decimals as the step needs.
    private func tick(_ v: Double, _ step: Double) -> String {
        let decimals = max(0, Int(-floor(log10(step))))
        if abs(v) >= 1e5 || (abs(v) < 1e-4 && v != 0) { return String(format: "%.1e", v) }
        return String(format: "%.\(decimals)f", abs(v) < step * 1e-6 ? 0 : v)
    }
}

/// A coordinate with one decimal (enough for screen pixels, short in the file).
func n(_ v: Double) -> String {
    let r = (v * 10).rounded() / 10
    return r == r.rounded() ? String(Int(r)) : String(format: "%.1f", r)
}

/// Colours of the two sides of every comparison, and of further lines.
public enum ChartColors {
    public static let real = "#1f77b4"
    public static let synthetic = "#ff7f0e"
    public static let cycle = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"]
}
