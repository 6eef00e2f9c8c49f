/// A labelled square heatmap of a matrix in [−1, 1] (correlations, their differences) as an `<img>` with the row
/// names beside it, and the colour scale under it.
struct Heatmap {
    let names: [String]
    /// `[k, k]` values, row-major.
    let values: [Double]
    let caption: String
    let showsNames: Bool

    /// Pixels per cell: the map stays near 360 px wide and names stay readable.
    var cell: Int { max(12, min(24, 360 / max(names.count, 1))) }

    func figure() throws -> String {
        let k = names.count
        let png = try Colormap.diverging.image(values.map { ($0 + 1) / 2 }, width: k, height: k, low: 0, high: 1,
                                              scale: cell)
        var s = "<figure><div style=\"display:flex\">"
        if showsNames {
            s += "<ol class=\"labels\" style=\"--row:\(cell)px\">"
                + names.map { "<li>\(escapeHTML($0.count > 24 ? String($0.prefix(23)) + "…" : $0))</li>" }.joined()
                + "</ol>"
        }
        s += Embed.image(png, alt: caption, cssClass: "heat") + "</div>"
        return s + "<figcaption>\(escapeHTML(caption))</figcaption></figure>"
    }

    /// The colour bar from −1 to +1.
    static func scale() throws -> String {
        let png = try Colormap.diverging.image((0..<128).map { Double($0) / 127 }, width: 128, height: 1, low: 0,
                                               high: 1, scale: 2)
        return "<figure>" + Embed.image(png, alt: "colour scale from −1 (blue) through 0 (white) to +1 (red)",
                                        cssClass: "heat")
            + "<figcaption>−1 (blue) · 0 (white) · +1 (red); differences beyond ±1 show at the ends</figcaption></figure>"
    }
}
