/// An SVG scatter plot of point groups (e.g. a PCA map of real against synthetic windows).
public struct ScatterChart {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    /// (name, colour, points).
    public var groups: [(name: String, color: String, points: [(x: Double, y: Double)])]
    public var width = 420.0
    public var height = 360.0

    public init(title: String, xLabel: String, yLabel: String,
                groups: [(name: String, color: String, points: [(x: Double, y: Double)])]) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.groups = groups
    }

    /// The chart as an inline `<svg>` element.
    public var svg: String {
        let all = groups.flatMap(\.points).filter { $0.x.isFinite && $0.y.isFinite }
        let frame = ChartFrame(width: width, height: height, xs: all.map(\.x), ys: all.map(\.y))
        var s = frame.open(title: title, xLabel: xLabel, yLabel: yLabel, legend: groups.map { ($0.name, $0.color) })
        for group in groups {
            s += "<g fill=\"\(group.color)\" fill-opacity=\"0.5\">"
            for p in group.points where p.x.isFinite && p.y.isFinite {
                s += "<circle cx=\"\(n(frame.px(p.x)))\" cy=\"\(n(frame.py(p.y)))\" r=\"2.2\"/>"
            }
            s += "</g>"
        }
        return s + "</svg>"
    }
}
