/// Colour scales for images: `viridis` for magnitudes (spectrograms), `diverging` for signed values in [−1, 1]
/// (correlations and their differences).
public struct Colormap: Sendable {
    /// Evenly spaced anchor colours, interpolated linearly.
    let anchors: [(Double, Double, Double)]

    /// Matplotlib's viridis (dark blue → green → yellow), nine anchors.
    public static let viridis = Colormap(anchors: [
        (68, 1, 84), (72, 40, 120), (62, 74, 137), (49, 104, 142), (38, 130, 142), (31, 158, 137), (53, 183, 121),
        (109, 205, 89), (180, 222, 44), (253, 231, 37),
    ])

    /// Blue (−1) → white (0) → red (+1), as matplotlib's RdBu reversed.
    public static let diverging = Colormap(anchors: [
        (33, 102, 172), (103, 169, 207), (209, 229, 240), (247, 247, 247), (253, 219, 199), (239, 138, 98),
        (178, 24, 43),
    ])

    /// The colour at `t` in [0, 1] (clamped; NaN gives mid-grey).
    public func color(_ t: Double) -> RGB {
        guard t.isFinite else { return RGB(128, 128, 128) }
        let x = Swift.min(Swift.max(t, 0), 1) * Double(anchors.count - 1)
        let i = Swift.min(Int(x), anchors.count - 2), f = x - Double(i)
        let a = anchors[i], b = anchors[i + 1]
        func mix(_ u: Double, _ v: Double) -> UInt8 { UInt8((u + (v - u) * f).rounded()) }
        return RGB(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
    }

    /// 256 colours for an indexed PNG: entry k is `color(k / 255)`.
    public var palette: [RGB] { (0..<256).map { color(Double($0) / 255) } }

    /// An indexed image of `values` (`[height, width]`, row 0 at the top) mapped from [`low`, `high`] onto the
    /// colormap, each value drawn as a `scale`×`scale` block. NaN becomes palette index 0.
    public func image(_ values: [Double], width: Int, height: Int, low: Double, high: Double, scale: Int = 1) throws
        -> PNGImage
    {
        guard values.count == width * height, scale >= 1 else {
            throw ReportError.invalidInput("\(values.count) values do not fill a \(width)×\(height) image")
        }
        let span = high > low ? high - low : 1
        let levels = values.map { v -> UInt8 in
            v.isFinite ? UInt8(Swift.min(Swift.max((v - low) / span, 0), 1) * 255) : 0
        }
        var indices = [UInt8](repeating: 0, count: width * height * scale * scale)
        for y in 0..<(height * scale) {
            for x in 0..<(width * scale) { indices[y * width * scale + x] = levels[(y / scale) * width + x / scale] }
        }
        return try PNGImage(width: width * scale, height: height * scale, indices: indices, palette: palette)
    }
}
