import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Reports

/// Pages are self-contained, script-free and escaped; charts and WAV bytes are well formed.
@Suite struct HTMLDocumentTests {
    @Test func pagesForbidNetworkAndScripts() {
        var page = HTMLDocument(title: "a <b> & \"c\"")
        page.paragraph("x < y")
        let html = page.html
        #expect(html.contains("<title>a &lt;b&gt; &amp; &quot;c&quot;</title>"))
        #expect(html.contains("<p>x &lt; y</p>"))
        #expect(html.contains("Content-Security-Policy\" content=\"default-src 'none'"))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("src=\"http"))
    }

    @Test func chartsAreWellFormedXML() throws {
        let line = LineChart(title: "loss & <gain>", xLabel: "step", yLabel: "loss", series: [
            .init(name: "critic", color: ChartColors.real, points: [(0, 1), (1, .nan), (2, 0.5), (3, 0.25)]),
        ]).svg
        let bars = BarChart(title: "column", xLabel: "category", yLabel: "share", categories: ["a", "b"],
                            groups: [("real", ChartColors.real, [0.4, 0.6]), ("synthetic", ChartColors.synthetic, [0.5, 0.5])]).svg
        let scatter = ScatterChart(title: "PCA", xLabel: "PC 1", yLabel: "PC 2",
                                   groups: [("real", ChartColors.real, [(0, 0), (1, 1)])]).svg
        for svg in [line, bars, scatter] {
            let parser = XMLParser(data: Data(svg.utf8))
            #expect(parser.parse(), "not well-formed: \(svg.prefix(200))")
        }
        #expect(line.contains("M") && line.contains("L"), "no line drawn")
        #expect(bars.components(separatedBy: "<rect").count - 1 >= 4 + 2, "bars missing")
    }

    @Test func wavFilesHaveAPCMHeader() {
        let wav = WAVEncoder.encode([0, 0.5, -1, 2], sampleRate: 16000)
        #expect(wav.count == 44 + 8)
        #expect(Array(wav[0..<4]) == Array("RIFF".utf8) && Array(wav[8..<16]) == Array("WAVEfmt ".utf8))
        #expect(wav[24] == 0x80 && wav[25] == 0x3E, "sample rate 16000")
        #expect(Array(wav[44...]) == [0, 0, 0xFF, 0x3F, 0x01, 0x80, 0xFF, 0x7F], "samples clipped to ±32767")
    }

    @Test func fileSizesReadNaturally() {
        #expect(formatFileSize(999) == "999 B")
        #expect(formatFileSize(440_123) == "440 KB")
        #expect(formatFileSize(3_456_789) == "3.5 MB")
    }

    @Test func evenSpacingKeepsTheEnds() {
        #expect(evenlySpaced(Array(0..<20), limit: 4) == [0, 6, 13, 19])
        #expect(evenlySpaced([1, 2], limit: 8) == [1, 2])
    }
}
