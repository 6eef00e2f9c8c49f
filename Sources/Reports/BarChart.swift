/// An SVG chart of grouped bars: for each category one bar per group (real beside synthetic), e.g. the histogram of
/// a column or the frequencies of its categories.
public struct BarChart {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    /// Category names along the x axis (shown when few enough to read).
    public var categories: [String]
    /// (name, colour, one value per category).
    public var groups: [(name: String, color: String, values: [Double])]
    public var width = 360.0
    public var height = 220.0

    public init(title: String, xLabel: String, yLabel: String, categories: [String],
                groups: [(name: String, color: String, values: [Double])]) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.categories = categories
        self.groups = groups
    }

    /// The chart as an inline `<svg>` element.
    public var svg: String {
        let values = groups.flatMap(\.values)
        let frame = ChartFrame(width: width, height: height, xs: [0, Double(max(categories.count, 1))],
                               ys: values + [0], padX: true)
        var s = frame.open(title: title, xLabel: xLabel, yLabel: yLabel, legend: groups.map { ($0.name, $0.color) },
                           xTicks: false)
        let slot = frame.plotWidth / Double(max(categories.count, 1))
        let bar = slot * 0.8 / Double(max(groups.count, 1))
        for (g, group) in groups.enumerated() {
            for (c, v) in group.values.enumerated() where v.isFinite && v != 0 {
                let x = ChartFrame.left + Double(c) * slot + slot * 0.1 + Double(g) * bar
                let top = frame.py(max(v, 0)), bottom = frame.py(min(v, 0))
                s += "<rect x=\"\(n(x))\" y=\"\(n(top))\" width=\"\(n(bar))\" height=\"\(n(bottom - top))\" "
                    + "fill=\"\(group.color)\" fill-opacity=\"0.85\"/>"
            }
        }
        if slot >= 24 {
            for (c, name) in categories.enumerated() {
                let x = ChartFrame.left + (Double(c) + 0.5) * slot, y = height - ChartFrame.bottom + 12
                let label = name.count > 10 ? String(name.prefix(9)) + "…" : name
                s += "<text x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"end\" transform=\"rotate(-30 \(n(x)) \(n(y)))\">"
                    + "\(escapeHTML(label))</text>"
            }
        }
        return s + "</svg>"
    }
}
