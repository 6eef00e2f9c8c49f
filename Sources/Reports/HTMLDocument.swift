import Foundation
import TensorCore

/// One self-contained HTML page: inline CSS, inline SVG, images and audio as `data:` URIs, no scripts. Its
/// Content-Security-Policy forbids every network request, so a report that renders is a report that travels.
public struct HTMLDocument {
    public var title: String
    /// The body, appended to by the helpers below.
    public private(set) var body = ""

    public init(title: String) {
        self.title = title
    }

    /// The complete page.
    public var html: String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; media-src data:; \
        style-src 'unsafe-inline'">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escapeHTML(title))</title>
        <style>\(Self.style)</style></head>
        <body><h1>\(escapeHTML(title))</h1>
        \(body)
        <footer>Made by SwiftGAN.</footer>
        </body></html>

        """
    }

    static let style = """
        body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1180px;padding:0 16px;color:#222}\
        h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ddd}h3{font-size:15px}\
        table{border-collapse:collapse;margin:8px 0}td,th{padding:3px 10px;border-bottom:1px solid #eee;\
        text-align:left;vertical-align:top}td.num{text-align:right;font-variant-numeric:tabular-nums}\
        .grid{display:flex;flex-wrap:wrap;gap:12px}.pair{gap:6px;padding:6px;border:1px solid #ddd;border-radius:4px}figure{margin:0}figcaption{font-size:12px;color:#555}\
        svg.chart text{font:11px system-ui,sans-serif;fill:#333}svg.chart .chart-title{font-weight:600}\
        img.spec{width:192px;height:128px;display:block}audio{width:192px;height:32px;display:block}\
        .clip{width:192px}.labels{font-size:11px;line-height:var(--row);margin:0;padding:0 6px 0 0;\
        list-style:none;text-align:right;white-space:nowrap}img.heat{image-rendering:pixelated}\
        pre{background:#f6f6f6;padding:8px;overflow:auto;font-size:12px}footer{margin-top:40px;color:#777;font-size:12px}
        """

    /// Appends raw HTML (already escaped).
    public mutating func append(_ html: String) { body += html + "\n" }

    /// `<h2>` (level 2) or `<h3>`.
    public mutating func heading(_ text: String, level: Int = 2) {
        append("<h\(level)>\(escapeHTML(text))</h\(level)>")
    }

    public mutating func paragraph(_ text: String) { append("<p>\(escapeHTML(text))</p>") }

    /// A table of text cells; cells that parse as numbers are right-aligned.
    public mutating func table(header: [String], rows: [[String]]) {
        var s = "<table><tr>" + header.map { "<th>\(escapeHTML($0))</th>" }.joined() + "</tr>"
        for row in rows {
            s += "<tr>" + row.map { cell in
                (Double(cell.replacingOccurrences(of: " ", with: "")) != nil ? "<td class=\"num\">" : "<td>")
                    + escapeHTML(cell) + "</td>"
            }.joined() + "</tr>"
        }
        append(s + "</table>")
    }

    /// Preformatted text (a command's readable report, a configuration).
    public mutating func preformatted(_ text: String, summary: String? = nil) {
        let pre = "<pre>\(escapeHTML(text))</pre>"
        append(summary.map { "<details><summary>\(escapeHTML($0))</summary>\(pre)</details>" } ?? pre)
    }

    /// A flex row of figures (charts, clips).
    public mutating func grid(_ items: [String]) { append("<div class=\"grid\">" + items.joined() + "</div>") }
}

/// `text` with `&`, `<`, `>` and `"` escaped for HTML text and attribute values.
public func escapeHTML(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for c in text {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        default: out.append(c)
        }
    }
    return out
}

/// `data:` URIs and the HTML elements that embed them.
public enum Embed {
    /// `data:<mime>;base64,…`.
    public static func dataURI(_ bytes: [UInt8], mime: String) -> String {
        "data:\(mime);base64," + Data(bytes).base64EncodedString()
    }

    /// An `<img>` of a PNG image, with alternative text.
    public static func image(_ png: PNGImage, alt: String, cssClass: String? = nil, width: Int? = nil) -> String {
        "<img src=\"\(dataURI(png.encoded, mime: "image/png"))\" alt=\"\(escapeHTML(alt))\""
            + (cssClass.map { " class=\"\($0)\"" } ?? "") + (width.map { " width=\"\($0)\"" } ?? "") + ">"
    }

    /// An `<audio>` player of WAV bytes (metadata preloaded, so its length shows without pressing play).
    public static func audio(wav: [UInt8], title: String) -> String {
        "<audio controls preload=\"metadata\" title=\"\(escapeHTML(title))\" "
            + "src=\"\(dataURI(wav, mime: "audio/wav"))\"></audio>"
    }
}

/// Sizes as people read them: `820 KB`, `3.4 MB` (powers of 1000).
public func formatFileSize(_ bytes: Int) -> String {
    if bytes < 1000 { return "\(bytes) B" }
    if bytes < 1_000_000 { return "\(Int((Double(bytes) / 1000).rounded())) KB" }
    return String(format: "%.1f MB", Double(bytes) / 1e6)
}

extension HTMLDocument {
    /// Writes the page to `url` and returns its size in bytes.
    @discardableResult
    public func write(to url: URL) throws -> Int {
        let data = Data(html.utf8)
        do { try AtomicFile.write(data, to: url) } catch {
            throw ReportError.unwritable(path: url.path, reason: (error as NSError).localizedDescription)
        }
        return data.count
    }
}
