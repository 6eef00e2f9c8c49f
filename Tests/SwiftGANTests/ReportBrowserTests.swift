import Foundation
import SwiftGAN
import Testing
import _TestSupport

/// Every kind of report, made by the real `swiftgan` binary from tiny runs, opened in headless Chromium: no console
/// errors, every image decoded, every clip loaded, with JavaScript off. Screenshots go to
/// `.build/test-output/reports/`. A deliberately broken page of each kind must fail the same check.
@Suite(.serialized, .enabled(if: BrowserCheck.available || BrowserCheck.inCI,
                             "chromium is not installed; make test installs it (Debian package chromium)"))
struct ReportBrowserTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("swiftgan-reports-\(UUID().uuidString)")

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// Runs `swiftgan` and expects success and a "report:" line naming `report`.
    func swiftgan(_ arguments: [String], report: String? = nil) throws {
        let result = try runSwiftGAN(arguments)
        #expect(result.status == 0, "\(arguments.joined(separator: " ")): \(result.stderr)")
        if let report { #expect((result.stdout + result.stderr).contains("report: \(report) ("), "\(result.stdout)") }
    }

    /// Opens `page` in Chromium and expects it to pass with at least the given images and clips.
    func expectRenders(_ page: String, screenshot: String, images: Int = 0, audio: Int = 0) throws {
        try #require(BrowserCheck.available, "chromium is not installed in CI; make test installs it")
        let outcome = try BrowserCheck.check(URL(fileURLWithPath: page), screenshot: screenshot)
        #expect(outcome.ok, "\(screenshot): \(outcome.problems)")
        #expect(outcome.images >= images && outcome.audio >= audio, "\(screenshot): \(outcome)")
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(!html.lowercased().contains("<script"), "reports must work with JavaScript off")
    }

    /// Writes 16 kHz sine clips (`count` per label) under `root/label/`.
    func writeClips(_ root: String, labels: [String], count: Int, detune: Double) throws {
        for (k, label) in labels.enumerated() {
            let dir = URL(fileURLWithPath: root).appendingPathComponent(label)
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            for i in 0..<count {
                let f = 200.0 * Double(k + 1) * (1 + 0.05 * Double(i)) * detune
                let samples = (0..<16384).map { Float(0.5 * sin(2 * Double.pi * f * Double($0) / 16000) * exp(-Double($0) / 4000)) }
                try AudioFile.write(try AudioBuffer(samples: samples, channels: 1, sampleRate: 16000),
                                    to: dir.appendingPathComponent("\(i).wav"))
            }
        }
    }

    @Test func audioReports() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try writeClips(path("real"), labels: ["low", "high"], count: 6, detune: 1)
        try writeClips(path("generated"), labels: ["low", "high"], count: 3, detune: 1.1)
        // A tiny run at 16 kHz (slice 4096, d = 2, two steps): previews, real clips, metrics.
        var options = AudioSynthesizerTests.tinyOptions(steps: 2)
        options.clips.labels = false
        _ = try AudioSynthesizer.fit(folder: URL(fileURLWithPath: path("real")), options: options,
                                       runDirectory: folder.appendingPathComponent("run"), progress: nil)
        try swiftgan(["report", path("run"), "--out", path("run.html")], report: path("run.html"))
        try expectRenders(path("run.html"), screenshot: "audio-run.png", images: 8, audio: 8)

        // The layout of a default 10-minute drum run: previews at five checkpoints (4 one-second clips each, noise:
        // the worst case for compression) and 48 logged lines. Under 10 MB and open in under 2 s.
        for step in [480, 960, 1440, 1920, 2376] {
            let dir = folder.appendingPathComponent("run/previews/step-" + String(format: "%08d", step))
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            var g = SeededGenerator(seed: UInt64(step))
            for i in 0..<4 {
                let noise = (0..<16384).map { _ in Float(g.uniform() - 0.5) }
                try AudioFile.write(try AudioBuffer(samples: noise, channels: 1, sampleRate: 16000),
                                    to: dir.appendingPathComponent(String(format: "%06d.wav", i)))
            }
        }
        let lines = (1...48).map { "{\"step\":\($0 * 50),\"seconds\":\(Double($0) * 12.5),\"loss_d\":1,\"loss_g\":1,\"fd\":\(900 - $0)}" }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path("run/metrics.jsonl"), atomically: true, encoding: .utf8)
        try swiftgan(["report", path("run"), "--out", path("long.html")], report: path("long.html"))
        let size = try FileManager.default.attributesOfItem(atPath: path("long.html"))[.size] as? Int ?? 0
        #expect(size > 0 && size < 10_000_000, "a 10-minute run's report is \(size) bytes")
        let long = try BrowserCheck.check(URL(fileURLWithPath: path("long.html")))
        #expect(long.ok && long.audio == 28 && long.images == 28, "\(long)")  // six checkpoints and the real clips
        #expect(long.loadSeconds < 2, "the report took \(long.loadSeconds) s to load")

        try swiftgan(["audio", "evaluate", "--real", path("real"), "--generated", path("generated"), "--bins", "2",
                      "--classifier-epochs", "2", "--report", path("eval.html")], report: path("eval.html"))
        try expectRenders(path("eval.html"), screenshot: "audio-evaluate.png", images: 12, audio: 12)
        let html = try String(contentsOfFile: path("eval.html"), encoding: .utf8)
        #expect(html.contains("Nearest real neighbours") && html.contains("<h3>high</h3>"))
    }

    @Test func tableReports() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try TableSynthesizerTests.toyTable().write(csvFile: path("real.csv"))
        try swiftgan(["table", "train", "--data", path("real.csv"), "--out", path("run"), "--epochs", "2"])
        try swiftgan(["report", path("run")], report: path("run") + "/report.html")
        try expectRenders(path("run/report.html"), screenshot: "table-run.png")
        try swiftgan(["table", "sample", "--model", path("run"), "--rows", "60", "--out", path("synthetic.csv")])
        try swiftgan(["table", "evaluate", "--real", path("real.csv"), "--synthetic", path("synthetic.csv"), "--json",
                      "--report", path("eval.html")], report: path("eval.html"))
        try expectRenders(path("eval.html"), screenshot: "table-evaluate.png", images: 4)
        let html = try String(contentsOfFile: path("eval.html"), encoding: .utf8)
        #expect(html.contains("distance to closest record") && html.contains("synthetic − real"))
    }

    @Test func seriesReports() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try swiftgan(["series", "sines", "--count", "40", "--out", path("real.npy")])
        try swiftgan(["series", "train", "--data", path("real.npy"), "--out", path("run"), "--steps", "3"])
        try swiftgan(["report", path("run"), "--out", path("run.html")], report: path("run.html"))
        try expectRenders(path("run.html"), screenshot: "series-run.png")
        try swiftgan(["series", "sample", "--model", path("run"), "--count", "40", "--out", path("synthetic.npy")])
        try swiftgan(["series", "evaluate", "--real", path("real.npy"), "--synthetic", path("synthetic.npy"),
                      "--repeats", "1", "--discriminative-steps", "10", "--predictive-steps", "10",
                      "--report", path("eval.html")], report: path("eval.html"))
        try expectRenders(path("eval.html"), screenshot: "series-evaluate.png")
        let html = try String(contentsOfFile: path("eval.html"), encoding: .utf8)
        #expect(html.contains("PCA map") && html.contains("Autocorrelation per feature"))
    }

    /// The check itself: a good page passes; a broken image, a clip without a source and a console error each fail.
    @Test func brokenPagesFail() throws {
        try #require(BrowserCheck.available, "chromium is not installed in CI; make test installs it")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var page = HTMLDocument(title: "fixture")
        let png = try Colormap.viridis.image((0..<64).map(Double.init), width: 8, height: 8, low: 0, high: 63)
        let wav = WAVEncoder.encode((0..<1600).map { Float(sin(Double($0) * 0.1)) }, sampleRate: 16000)
        page.append(Embed.image(png, alt: "fixture image") + Embed.audio(wav: wav, title: "fixture clip"))
        let good = page.html
        func outcome(_ html: String, javascript: Bool = false) throws -> BrowserCheck.Outcome {
            let file = folder.appendingPathComponent("\(UUID().uuidString).html")
            try html.write(to: file, atomically: true, encoding: .utf8)
            return try BrowserCheck.check(file, javascript: javascript)
        }
        let fine = try outcome(good)
        #expect(fine.ok && fine.images == 1 && fine.audio == 1, "\(fine)")

        let brokenImage = try outcome(good.replacingOccurrences(of: "data:image/png;base64,iVBOR",
                                                                 with: "data:image/png;base64,AAAA"))
        #expect(!brokenImage.ok && brokenImage.problems.contains { $0.contains("image not decoded: fixture image") },
                "\(brokenImage)")

        let dataURI = Embed.dataURI(wav, mime: "audio/wav")
        let noClip = try outcome(good.replacingOccurrences(of: " src=\"\(dataURI)\"", with: ""))
        #expect(!noClip.ok && noClip.problems.contains { $0.contains("audio not loaded: fixture clip") }, "\(noClip)")
        let badClip = try outcome(good.replacingOccurrences(of: dataURI, with: "data:audio/wav;base64,UklGRg=="))
        #expect(!badClip.ok && badClip.problems.contains { $0.contains("audio not loaded: fixture clip") }, "\(badClip)")

        let noisy = good.replacingOccurrences(of: "<meta http-equiv=\"Content-Security-Policy\"", with: "<meta name=\"x\"")
            .replacingOccurrences(of: "</body>", with: "<script>console.error('deliberate error')</script></body>")
        let console = try outcome(noisy, javascript: true)
        #expect(!console.ok && console.problems.contains { $0.contains("deliberate error") }, "\(console)")
    }
}
