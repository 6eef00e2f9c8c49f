import Foundation
import Testing
import SwiftGAN
import _TestSupport

/// Options for a tiny, quick model.
let tinyTrainArguments = ["--width", "4", "--latent", "3", "--batch-size", "8", "--critic-steps", "1",
                          "--checkpoint-every", "2"]

@Suite struct SeriesCommandLineTests {
    @Test func trainSampleResumeAndEvaluate() throws {
        let folder = temporaryURL("series-cli")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        #expect(try runSwiftGAN(["series", "sines", "--count", "30", "--length", "8", "--features", "2",
                                 "--out", path("real.npy")]).status == 0)
        let trained = try runSwiftGAN(["series", "train", "--data", path("real.npy"), "--out", path("run"),
                                       "--steps", "2"] + tinyTrainArguments)
        #expect(trained.status == 0 && trained.stdout.contains("trained 2 steps"))
        let resumed = try runSwiftGAN(["series", "train", "--data", path("real.npy"), "--out", path("run"),
                                       "--resume", "--steps", "4"])
        #expect(resumed.status == 0 && resumed.stdout.contains("trained 4 steps"))
        let sampled = try runSwiftGAN(["series", "sample", "--model", path("run"), "--count", "12", "--out",
                                       path("fake.csv"), "--seed", "3"])
        #expect(sampled.status == 0)
        let (fake, _) = try SeriesFile.read(path: path("fake.csv"))
        let windows = try fake.stacked()
        #expect(windows.count == 12 && windows.length == 8 && windows.features == 2)
        let evaluated = try runSwiftGAN(["series", "evaluate", "--real", path("real.npy"), "--synthetic", path("fake.csv"),
                                         "--repeats", "1", "--discriminative-steps", "3", "--predictive-steps", "3",
                                         "--json"])
        #expect(evaluated.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(evaluated.stdout.utf8)) as? [String: Any]
        #expect(json?["discriminative"] != nil && json?["predictive"] != nil && json?["predictiveReal"] != nil)
        #expect((json?["marginalKS"] as? [Double])?.count == 2)
        let text = try runSwiftGAN(["series", "evaluate", "--real", path("real.npy"), "--synthetic", path("fake.csv"),
                                    "--repeats", "1", "--discriminative-steps", "3", "--predictive-steps", "3"])
        #expect(text.status == 0 && text.stdout.contains("autocorrelation distance"))
    }

    @Test func badInputGetsOneLineAndNoModel() throws {
        let folder = temporaryURL("series-cli-bad")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        func train(_ file: String, _ extra: [String] = []) throws -> CommandResult {
            try runSwiftGAN(["series", "train", "--data", path(file), "--out", path("run"), "--steps", "1"]
                + tinyTrainArguments + extra)
        }
        func expectFailure(_ result: CommandResult, _ needle: String) {
            #expect(result.status != 0)
            #expect(result.stderr.contains(needle), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1)
            #expect(!FileManager.default.fileExists(atPath: path("run/model.safetensors")))
        }
        let rows = (0..<6).map { "a,\($0),\($0)" } + (0..<4).map { "b,\($0),1" } + (0..<6).map { "c,\($0),2" }
        try ("id,time,v\n" + rows.joined(separator: "\n") + "\n").write(toFile: path("ragged.csv"), atomically: true,
                                                                         encoding: .utf8)
        expectFailure(try train("ragged.csv"), "--window")
        expectFailure(try train("ragged.csv", ["--window", "9"]), "window length 9 is longer than every series")
        try "id,time,v\na,0,1\na,1,nan\nb,0,2\nb,1,3\n".write(toFile: path("nan.csv"), atomically: true, encoding: .utf8)
        expectFailure(try train("nan.csv"), "line 3, column 'v'")
        let labelled = ["id,time,kind,v"] + (0..<3).flatMap { s in (0..<4).map { "s\(s),\($0),\(s == 2 ? "solo" : "pair"),\($0)" } }
        try (labelled.joined(separator: "\n") + "\n").write(toFile: path("labels.csv"), atomically: true, encoding: .utf8)
        expectFailure(try train("labels.csv", ["--label", "kind"]), "class 'solo' has 1 series")
        // The unconditional model trains; asking it for a label is refused with the reason.
        #expect(try train("labels.csv", ["--label", "kind", "--unconditional"]).status == 0)
        let sample = try runSwiftGAN(["series", "sample", "--model", path("run"), "--count", "2", "--out",
                                      path("x.csv"), "--label", "pair"])
        #expect(sample.status != 0 && sample.stderr.contains("trained without labels"))
        #expect(!FileManager.default.fileExists(atPath: path("x.csv")))
        let missing = try runSwiftGAN(["series", "sample", "--model", path("nothing"), "--count", "2", "--out",
                                       path("x.csv")])
        #expect(missing.status != 0 && missing.stderr.contains("no such file"))
        try "id,time,v,w\na,0,1,2\na,1,2,3\na,2,3,4\na,3,4,5\n".write(toFile: path("two.csv"), atomically: true,
                                                                       encoding: .utf8)
        let evaluate = try runSwiftGAN(["series", "evaluate", "--real", path("ragged.csv"), "--synthetic",
                                        path("two.csv"), "--window", "4"])
        #expect(evaluate.status != 0 && evaluate.stderr.contains("4 steps × 2 features"))
    }
}
