import Foundation
import SwiftGAN
import Testing
import _TestSupport

/// Data-parallel training and sharded generation under `mpirun -np 2`, each against one process doing the same job:
/// the same global batch gives the same model (to float rounding), a job resumes from its checkpoints, and shards
/// write exactly the files one process writes.
@Suite struct DataParallelTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("swiftgan-mpi-\(UUID().uuidString)")
    func path(_ name: String) -> String { root.appendingPathComponent(name).path }

    init() throws { try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true) }

    /// Trains `arguments` (with `--out` appended) in one process and in two, and checks that both runs took the same
    /// steps and ended with the same weights.
    func expectSameTraining(_ arguments: [String], _ what: String) throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let one = try runSwiftGAN(arguments + ["--out", path("one")])
        #expect(one.status == 0, "\(one.stderr)")
        let two = try runSwiftGANUnderMPI(ranks: 2, arguments + ["--out", path("two")])
        #expect(two.status == 0, "\(two.stderr)")
        try expectSameModels(path("one"), path("two"), what)
    }

    /// The runs in folders `a` and `b` logged the same losses and exported the same weights, within float rounding:
    /// summing gradients over processes adds in another order than one process's GEMMs. (A parameter whose gradient
    /// is zero but for rounding, such as a bias in front of batch normalisation, moves by Adam's step on noise, so
    /// weights are compared by their mean difference.)
    /// A resumed run logs the losses of its sessions apart, so `comparingLogs` false compares the weights alone.
    func expectSameModels(_ a: String, _ b: String, _ what: String, comparingLogs: Bool = true) throws {
        let logs = comparingLogs ? try [a, b].map { try metrics(in: $0) } : [[], []]
        #expect(logs[0].map(\.step) == logs[1].map(\.step) && (!logs[0].isEmpty || !comparingLogs),
                "\(what): steps logged differ")
        for (x, y) in zip(logs[0], logs[1]) {
            for key in ["loss_d", "loss_g"] {
                let u = x.values[key] ?? .nan, v = y.values[key] ?? .nan
                #expect(abs(u - v) <= 1e-4 * max(1, abs(u)), "\(what): \(key) at step \(x.step): \(u) vs \(v)")
            }
        }
        let models = try [a, b].map { try Safetensors.read(URL(fileURLWithPath: $0).appendingPathComponent("model.safetensors")) }
        #expect(Set(models[0].tensors.keys) == Set(models[1].tensors.keys))
        for (name, x) in models[0].tensors {
            guard let y = models[1].tensors[name], y.shape == x.shape else {
                Issue.record("\(what): \(name) missing or reshaped")
                continue
            }
            let u = x.scalars, v = y.scalars
            let difference = zip(u, v).reduce(0.0) { $0 + Double(abs($1.0 - $1.1)) } / Double(u.count)
            let size = u.reduce(0.0) { $0 + Double(abs($1)) } / Double(u.count)
            #expect(difference <= 1e-3 * size + 1e-7, "\(what): \(name) differs by \(difference) on average (size \(size))")
        }
    }

    func metrics(in run: String) throws -> [(step: Int, values: [String: Double])] {
        let text = try String(contentsOfFile: run + "/metrics.jsonl", encoding: .utf8)
        return try text.split(separator: "\n").compactMap { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
            guard let step = object["step"] as? Int, object["loss_d"] != nil else { return nil }
            return (step, object.compactMapValues { $0 as? Double })
        }
    }

    /// Two labels of two short clips each, as label folders.
    func writeClips() throws -> String {
        for label in ["kick", "snare"] {
            let folder = root.appendingPathComponent("clips/\(label)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for i in 0..<2 {
                let samples = (0..<3000).map { t in
                    sin(Float(t) * 0.05 * Float(i + 1) * (label == "kick" ? 1 : 3)) * exp(-Float(t) / 800) / 2
                }
                try AudioFile.write(try AudioBuffer(samples: samples, channels: 1, sampleRate: 16000),
                                    to: folder.appendingPathComponent("\(i).wav"))
            }
        }
        return path("clips")
    }

    /// 60 rows: two numeric columns and a categorical one.
    func writeTable() throws -> String {
        var g = SeededGenerator(seed: 3)
        let rows = (0..<60).map { i -> String in
            let kind = ["a", "b", "c"][i % 3]
            return "\(Double(i % 3) + g.normal()),\(g.uniform(0, 5)),\(kind)"
        }
        try (["x,y,kind"] + rows).joined(separator: "\n").write(toFile: path("t.csv"), atomically: true, encoding: .utf8)
        return path("t.csv")
    }

    @Test func conditionalAudioTrainsAsOneProcess() throws {
        // Conditional: the matching-aware term, phase shuffle, WGAN-GP's per-example weights and the spectral
        // templates' label sums all take part.
        let clips = try writeClips()
        try expectSameTraining(["audio", "train", "--data", clips, "--slice", "4096", "--model-size", "2",
                                "--batch", "4", "--steps", "3", "--conditional", "--seed", "5"], "audio")
    }

    /// Also with the auxiliary classifier of the target, whose step every process takes on the same real rows.
    @Test(arguments: [false, true]) func tableTrainsAsOneProcess(classifier: Bool) throws {
        // The generator's batch normalisation sums its statistics over both processes; the critic's dropout masks
        // are each process's rows of one mask.
        let table = try writeTable()
        var extra: [String] = []
        if classifier {
            try #"{"model": {"targetClassifierWeight": 1}}"#.write(toFile: path("classifier.json"), atomically: true,
                                                                   encoding: .utf8)
            extra = ["--target", "kind", "--options", path("classifier.json")]
        }
        try expectSameTraining(["table", "train", "--data", table, "--epochs", "2", "--batch", "20", "--pac", "10",
                                "--seed", "2"] + extra, classifier ? "table with classifier" : "table")
    }

    @Test func seriesTrainsAsOneProcess() throws {
        #expect(try runSwiftGAN(["series", "sines", "--count", "16", "--length", "8", "--features", "2",
                                 "--out", path("sines.npy")]).status == 0)
        try expectSameTraining(["series", "train", "--data", path("sines.npy"), "--steps", "3", "--batch-size", "8",
                                "--seed", "4"], "series")
    }

    /// A two-process job stopped at its checkpoint and resumed by another two-process job ends where one process
    /// training without a break ends.
    @Test func aJobResumesFromItsCheckpoint() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let table = try writeTable()
        let common = ["table", "train", "--data", table, "--batch", "20", "--pac", "10", "--seed", "2"]
        let whole = try runSwiftGAN(common + ["--epochs", "2", "--out", path("one")])
        #expect(whole.status == 0, "\(whole.stderr)")
        let first = try runSwiftGANUnderMPI(ranks: 2, common + ["--epochs", "1", "--out", path("two")])
        #expect(first.status == 0, "\(first.stderr)")
        let rest = try runSwiftGANUnderMPI(ranks: 2, ["table", "train", "--data", table, "--resume", "--epochs", "2",
                                                      "--out", path("two")])
        #expect(rest.status == 0 && rest.stdout.contains("resuming"), "\(rest.stdout)\(rest.stderr)")
        try expectSameModels(path("one"), path("two"), "resumed table", comparingLogs: false)
    }

    /// `audio generate` and `table sample` under `mpirun -np 2` write, between them, the bytes one process writes.
    @Test func shardsWriteWhatOneProcessWrites() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let clips = try writeClips(), table = try writeTable()
        #expect(try runSwiftGAN(["audio", "train", "--data", clips, "--slice", "4096", "--model-size", "2", "--batch",
                                 "2", "--steps", "1", "--out", path("audio")]).status == 0)
        #expect(try runSwiftGAN(["table", "train", "--data", table, "--epochs", "1", "--batch", "20", "--pac", "10",
                                 "--out", path("table")]).status == 0)

        let generate = ["audio", "generate", "--model", path("audio"), "--count", "5", "--seed", "3", "--out"]
        #expect(try runSwiftGAN(generate + [path("clips-one")]).status == 0)
        let job = try runSwiftGANUnderMPI(ranks: 2, generate + [path("clips-two")])
        #expect(job.status == 0, "\(job.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: path("clips-one")).sorted()
        let shared = try FileManager.default.contentsOfDirectory(atPath: path("clips-two")).sorted()
        #expect(names.count == 5 && names == shared)
        for name in names {
            #expect(FileManager.default.contentsEqual(atPath: path("clips-one/" + name), andPath: path("clips-two/" + name)),
                    "\(name) differs")
        }

        // Shards end on multiples of 256 rows (whole generation groups): 600 rows split 256 + 344.
        let sample = ["table", "sample", "--model", path("table"), "--rows", "600", "--seed", "1", "--out"]
        // OpenBLAS splits a matrix product between threads by their number, which moves a row's rounding: the one
        // process runs with the thread count of each process of the job.
        #expect(try runSwiftGAN(sample + [path("rows.csv")], environment: ["SWIFTGAN_THREADS": "1"]).status == 0)
        let rows = try runSwiftGANUnderMPI(ranks: 2, sample + [path("part.csv")], environment: ["SWIFTGAN_THREADS": "1"])
        #expect(rows.status == 0, "\(rows.stderr)")
        let lines = { (name: String) in try String(contentsOfFile: path(name), encoding: .utf8).split(separator: "\n") }
        let parts = try ["part.0-of-2.csv", "part.1-of-2.csv"].map(lines)
        #expect(parts[0].count == 257 && parts[1].count == 345 && parts[0][0] == parts[1][0])
        let single = try lines("rows.csv")
        #expect(parts[0] + parts[1].dropFirst() == single)
    }

    /// A batch that cannot be shared out: each process says so, naming itself, and the job ends.
    @Test func aBatchTooSmallToShareEndsTheJob() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let table = try writeTable()
        let job = try runSwiftGANUnderMPI(ranks: 2, ["table", "train", "--data", table, "--epochs", "1", "--batch", "10",
                                                     "--pac", "10", "--out", path("run")])
        #expect(job.status != 0 && job.stderr.contains("of 2: training config: batchSize = 1 is invalid")
                && job.stderr.contains("share out each batch"), "\(job.stderr)")
    }

    /// Asked for both, `--shard` and `mpirun` are refused in one line.
    @Test func shardAndMPIRunTogetherAreRefused() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let clips = try writeClips()
        #expect(try runSwiftGAN(["audio", "train", "--data", clips, "--slice", "4096", "--model-size", "2", "--batch",
                                 "2", "--steps", "1", "--out", path("audio")]).status == 0)
        let job = try runSwiftGANUnderMPI(ranks: 2, ["audio", "generate", "--model", path("audio"), "--count", "2",
                                                     "--shard", "0/2", "--out", path("x")])
        #expect(job.status != 0 && job.stderr.contains("--shard 0/2 and mpirun both split the work"), "\(job.stderr)")
    }
}
