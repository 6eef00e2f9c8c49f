/// An SVG line chart of one or more series of (x, y) points (non-finite points break the line).
public struct LineChart {
    /// One line.
    public struct Series {
        public var name: String
        public var color: String
        public var points: [(x: Double, y: Double)]
        /// Lines drawn in a group share one legend entry (the first's name); later lines of the group pass nil.
        public var showsInLegend: Bool
        public var opacity: Double

        public init(name: String, color: String, points: [(x: Double, y: Double)], showsInLegend: Bool = true,
                    opacity: Double = 1) {
            self.name = name
            self.color = color
            self.points = points
            self.showsInLegend = showsInLegend
            self.opacity = opacity
        }
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var series: [Series]
    public var width = 560.0
    public var height = 260.0

    public init(title: String, xLabel: String, yLabel: String, series: [Series]) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
    }

    /// The chart as an inline `<svg>` element.
    public var svg: String {
        let all = series.flatMap(\.points)
        let frame = ChartFrame(width: width, height: height, xs: all.map(\.x), ys: all.map(\.y), padX: true)
        var s = frame.open(title: title, xLabel: xLabel, yLabel: yLabel,
                           legend: series.filter(\.showsInLegend).map { ($0.name, $0.color) })
        for line in series {
            var d = "", pen = false
            for p in line.points {
                guard p.x.isFinite && p.y.isFinite else { pen = false; continue }
                d += (pen ? "L" : "M") + n(frame.px(p.x)) + " " + n(frame.py(p.y))
                pen = true
            }
            if line.points.count == 1, let p = line.points.first, p.y.isFinite {
                s += "<circle cx=\"\(n(frame.px(p.x)))\" cy=\"\(n(frame.py(p.y)))\" r=\"3\" fill=\"\(line.color)\"/>"
            }
            guard !d.isEmpty else { continue }
            s += "<path d=\"\(d)\" fill=\"none\" stroke=\"\(line.color)\" stroke-width=\"1.5\""
                + (line.opacity < 1 ? " stroke-opacity=\"\(line.opacity)\"" : "") + "/>"
        }
        return s + "</svg>"
    }
}
