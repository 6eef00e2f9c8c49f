import Foundation
import Testing
import SwiftGAN
import _TestSupport

/// `series augment --methods gan…` and `series utility` on a tiny labelled set.
@Suite struct SeriesAugmentCommandTests {
    /// 24 labelled series of 16 steps in the long CSV layout: class "up" rises, "down" (one in three) falls.
    static func labelledCSV(in folder: URL) throws -> String {
        var g = SeededGenerator(seed: 3)
        var text = "id,time,label,x\n"
        for s in 0..<24 {
            let label = s % 3 == 2 ? "down" : "up"
            for t in 0..<16 {
                let x = (label == "up" ? 1.0 : -1.0) * Double(t) / 16 + 0.2 * g.normal()
                text += "s\(s),\(t),\(label),\(x)\n"
            }
        }
        let path = folder.appendingPathComponent("labelled.csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func ganAugmentationAddsSeriesOfEveryClass() throws {
        let folder = temporaryURL("series-augment-gan")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try Self.labelledCSV(in: folder)
        let out = folder.appendingPathComponent("out.csv").path
        let result = try runSwiftGAN(["series", "augment", "--data", data, "--label", "label", "--out", out,
                                      "--methods", "gan,jitter", "--steps", "3", "--copies", "2"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("series GAN → jitter, 2 copies"), "\(result.stdout)")
        let (written, _) = try SeriesFile.read(path: out, csv: SeriesCSV.Options(labelColumn: "label"))
        let series = try written.stacked()
        #expect(series.count == 24 * 3 && series.length == 16)
        let labels = series.labels ?? []
        #expect(labels.filter { $0 == "up" }.count == 16 * 3 && labels.filter { $0 == "down" }.count == 8 * 3)
        #expect(series.ids.prefix(24).allSatisfy { !$0.hasPrefix("synthetic") } && series.ids.last!.hasPrefix("synthetic-up"))
        let perClass = try runSwiftGAN(["series", "augment", "--data", data, "--label", "label", "--out", out,
                                        "--method", "gan", "--steps", "2", "--per-class", "5"])
        #expect(perClass.status == 0 && perClass.stdout.contains("note: on the small public sets"), "\(perClass.stderr)")
        #expect(try SeriesFile.read(path: out, csv: SeriesCSV.Options(labelColumn: "label")).0.stacked().count == 34)
        let late = try runSwiftGAN(["series", "augment", "--data", data, "--label", "label", "--out", out,
                                    "--methods", "jitter,gan"])
        #expect(late.status != 0 && late.stderr.contains("gan makes new series and must come first"), "\(late.stderr)")
        let stray = try runSwiftGAN(["series", "augment", "--data", data, "--out", out, "--methods", "jitter",
                                     "--per-class", "3"])
        #expect(stray.status != 0 && stray.stderr.contains("add gan to --methods"), "\(stray.stderr)")
    }

    @Test func utilityReportsEachMethodList() throws {
        let folder = temporaryURL("series-utility")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try Self.labelledCSV(in: folder)
        let common = ["series", "utility", "--data", data, "--label", "label", "--splits", "2"]
        let text = try runSwiftGAN(common + ["--method", "jitter", "--method", "gan", "--steps", "2"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("jitter on 'label': 2 splits, 30 % held out, training series 17 → 34")
                && text.stdout.contains("gan on 'label'") && text.stdout.contains("1-D CNN"), "\(text.stdout)")
        let json = try runSwiftGAN(common + ["--method", "timewarp,jitter", "--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let reports = try JSONDecoder().decode([String: SeriesUtility].self, from: Data(json.stdout.utf8))
        #expect(reports["timewarp,jitter"]?.gains.count == 6 && reports["timewarp,jitter"]?.splits == 2)
        let unlabelled = try runSwiftGAN(["series", "utility", "--data", data, "--splits", "2"])
        #expect(unlabelled.status != 0 && unlabelled.stderr.contains("--label"), "\(unlabelled.stderr)")
    }
}

/// `audio augment --methods gan…` and `audio utility` on a tiny labelled folder.
@Suite struct AudioAugmentCommandTests {
    /// `data/low` and `data/high`, 6 one-second tones each, 16 kHz.
    static func labelledFolder(in root: URL) throws -> URL {
        let data = root.appendingPathComponent("data")
        for kind in [ClipKind.low, .high] {
            let folder = data.appendingPathComponent(kind.rawValue)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for i in 0..<6 {
                try AudioFile.write(try AudioBuffer(samples: kind.clip(index: i, seed: 1, length: 16000), channels: 1,
                                                    sampleRate: 16000), to: folder.appendingPathComponent("\(i).wav"))
            }
        }
        return data
    }

    @Test func ganAugmentationWritesTheOriginalsAndNewClipsPerLabel() throws {
        let root = temporaryURL("audio-augment-gan")
        defer { try? FileManager.default.removeItem(at: root) }
        let data = try Self.labelledFolder(in: root), out = root.appendingPathComponent("out")
        let result = try runSwiftGAN(["audio", "augment", "--data", data.path, "--out", out.path, "--method", "gan,gain",
                                      "--steps", "2", "--per-class", "3", "--format", "wav16"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("copied 12 file(s) and wrote 6 new clip(s)"), "\(result.stdout)")
        let fm = FileManager.default
        for label in ["low", "high"] {
            let listing = try fm.contentsOfDirectory(atPath: out.appendingPathComponent(label).path).sorted()
            #expect(listing == ["0.wav", "1.wav", "2.wav", "3.wav", "4.wav", "5.wav", "synthetic"], "\(listing)")
            let made = try fm.contentsOfDirectory(atPath: out.appendingPathComponent("\(label)/synthetic").path).sorted()
            #expect(made == ["000000.wav", "000001.wav", "000002.wav"])
            let clip = try AudioFile.read(out.appendingPathComponent("\(label)/synthetic/000002.wav"))
            #expect(clip.sampleRate == 16000 && clip.frames == 16384)
        }
        let again = try runSwiftGAN(["audio", "augment", "--data", data.path, "--out", out.path, "--methods", "gan",
                                     "--steps", "1"])
        #expect(again.status != 0 && again.stderr.contains("not empty"), "\(again.stderr)")
        let stray = try runSwiftGAN(["audio", "augment", "--data", data.path, "--out", root.appendingPathComponent("x").path,
                                     "--methods", "gain", "--steps", "1"])
        #expect(stray.status != 0 && stray.stderr.contains("add gan to --methods"), "\(stray.stderr)")
    }

    @Test func utilityReportsEachMethodList() throws {
        let root = temporaryURL("audio-utility")
        defer { try? FileManager.default.removeItem(at: root) }
        let data = try Self.labelledFolder(in: root)
        let text = try runSwiftGAN(["audio", "utility", "--data", data.path, "--splits", "2", "--method", "noise=20:30",
                                    "--method", "gan", "--steps", "1", "--per-class", "2"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("noise=20:30 on 2 labels: 2 splits, 30 % held out, training clips 8 → 16")
                && text.stdout.contains("gan on 2 labels") && text.stdout.contains("training clips 8 → 12")
                && text.stdout.contains("random forest"), "\(text.stdout)")
        let json = try runSwiftGAN(["audio", "utility", "--data", data.path, "--splits", "2", "--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let reports = try JSONDecoder().decode([String: AudioUtility].self, from: Data(json.stdout.utf8))
        #expect(reports.keys.sorted() == ["noise=20:30", "pitch=-2:2", "stretch=0.9:1.1"] && reports["pitch=-2:2"]?.gains.count == 6)
    }
}
