import Foundation
import SwiftGAN
import Testing
import _TestSupport

/// The audio synthesizer end to end on tiny models (slice 4096, d = 2, a few steps).
@Suite struct AudioSynthesizerTests {
    static func tinyOptions(steps: Int) -> AudioTrainingOptions {
        var o = AudioTrainingOptions()
        o.model.wavegan.sliceLength = 4096
        o.model.wavegan.modelSize = 2
        o.clips.sliceLength = 4096
        o.training.batchSize = 2
        o.training.maxSteps = steps
        o.training.maxMinutes = nil
        o.training.checkpointEveryMinutes = nil
        o.training.logEvery = 1
        return o
    }

    static func sines(count: Int, length: Int = 4096) -> [Float] {
        (0..<count).flatMap { c in (0..<length).map { Float(0.5 * sin(Double($0) * 0.05 * Double(c + 1))) } }
    }

    func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("swiftgan-audio-\(UUID().uuidString)")
    }

    @Test func generationIsAPureFunctionOfSeedAndIndex() throws {
        let run = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: run) }
        let synth = try AudioSynthesizer.fit(.clips(Self.sines(count: 4)), options: Self.tinyOptions(steps: 2),
                                               runDirectory: run, progress: nil)
        // The checkpoint at the end logged quality figures beside the losses.
        let metrics = try String(contentsOf: run.appendingPathComponent("metrics.jsonl"), encoding: .utf8)
        let last = try JSONSerialization.jsonObject(with: Data(metrics.split(separator: "\n").last!.utf8)) as! [String: Any]
        #expect((last["fd"] as? Double).map { $0.isFinite && $0 > 0 } == true, "metrics: \(last.keys.sorted())")
        #expect(last["d_self"] != nil && last["d_train"] != nil)
        let all = try synth.sample(count: 5, seed: 9, batchSize: 5).scalars
        let small = try synth.sample(count: 5, seed: 9, batchSize: 2).scalars
        let tail = try synth.sample(count: 2, seed: 9, first: 3, batchSize: 1).scalars
        #expect(all == small, "batch size changed the clips")
        #expect(Array(all[(3 * 4096)...]) == tail, "the first index changed the clips")
        #expect(try synth.sample(count: 1, seed: 10).scalars != Array(all[..<4096]), "seed ignored")
        // The exported model reproduces the same clips.
        let loaded = try AudioSynthesizer.load(from: run)
        #expect(try loaded.sample(count: 5, seed: 9).scalars == all, "the model file changed the clips")
    }

    /// Clips are computed a group at a time and written behind the next group: files of several groups hold the
    /// sampled clips, and a file that cannot be written stops the writing with its error.
    @Test func clipsAreWrittenGroupByGroupAndWriteFailuresAreThrown() throws {
        let run = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: run) }
        let synth = try AudioSynthesizer.fit(.clips(Self.sines(count: 4)), options: Self.tinyOptions(steps: 1),
                                               runDirectory: run.appendingPathComponent("run"), progress: nil)
        let count = AudioSynthesizer.generationGroup * 2 + 3, out = run.appendingPathComponent("clips")
        let files = try synth.writeClips(count: count, seed: 4, to: out, first: 5)
        #expect(files.count == count && files.first?.lastPathComponent == "000005.wav")
        let clips = try synth.sample(count: count, seed: 4, first: 5)
        for (i, file) in files.enumerated() {
            let written = try AudioFile.read(file).samples
            let expected = clips.scalars[(i * 4096)..<((i + 1) * 4096)].map { (($0 * 32767).rounded()) / 32767 }
            #expect(written.count == 4096 && zip(written, expected).allSatisfy { abs($0 - $1) <= 1.5 / 32767 },
                    "\(file.lastPathComponent) is not its clip")
        }
        // A folder in place of clip 20 (in the second group): the rename fails, the error reaches the caller.
        let blocked = run.appendingPathComponent("blocked")
        try FileManager.default.createDirectory(at: blocked.appendingPathComponent("000020.wav/inside"),
                                                withIntermediateDirectories: true)
        #expect(throws: AudioIOError.self) {
            try synth.writeClips(count: count, seed: 4, to: blocked, overwrite: true)
        }
    }

    @Test func tailGateIsCalibratedOnSilentTailsAndAppliedToGeneratedClips() throws {
        let run = temporaryFolder(), plain = temporaryFolder()
        defer { for u in [run, plain] { try? FileManager.default.removeItem(at: u) } }
        // Sounds that stop after 1000 samples, the rest of each clip digital silence.
        let oneShots = Self.sines(count: 4).enumerated().map { $0.offset % 4096 < 1000 ? $0.element : 0 }
        let synth = try AudioSynthesizer.fit(.clips(oneShots), options: Self.tinyOptions(steps: 2),
                                               runDirectory: run, progress: nil)
        let threshold = try #require(synth.config.tailGate, "no gate calibrated on clips with silent tails")
        var expected = try synth.sample(count: 3, seed: 4, gated: false).scalars
        expected.withUnsafeMutableBufferPointer { p in
            for c in 0..<3 { TailGate.apply(UnsafeMutableBufferPointer(rebasing: p[(c * 4096)..<((c + 1) * 4096)]), threshold: threshold) }
        }
        #expect(try synth.sample(count: 3, seed: 4).scalars == expected)
        #expect(try AudioSynthesizer.load(from: run).config.tailGate == threshold)
        // Clips that never fall silent give no gate.
        let sustained = try AudioSynthesizer.fit(.clips(Self.sines(count: 4)),
                                                   options: Self.tinyOptions(steps: 2), runDirectory: plain, progress: nil)
        #expect(sustained.config.tailGate == nil)
    }

    @Test func oneShotFoldersTrainOnFirstSlicesOnly() throws {
        let data = temporaryFolder(), run = temporaryFolder()
        defer { for u in [data, run] { try? FileManager.default.removeItem(at: u) } }
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        // Two hits of 1.5 slices: with every slice used they would give four clips, two of them tails.
        for i in 0..<2 {
            let rate = 0.3 * Double(i + 1)
            let hit: [Float] = (0..<6144).map { (t: Int) -> Float in
                let x = Double(t)
                return Float(0.8 * exp(-x / 800) * sin(x * rate))
            }
            try AudioFile.write(try AudioBuffer(samples: hit, channels: 1, sampleRate: 16000),
                                to: data.appendingPathComponent("hit\(i).wav"), format: .wavFloat)
        }
        var options = Self.tinyOptions(steps: 1)
        options.evaluateEvery = 0
        _ = try AudioSynthesizer.fit(folder: data, options: options, runDirectory: run, progress: nil)
        let stored = try GANTrainer<AudioGANProblem>.storedConfiguration(in: run)
        let used = try JSONDecoder().decode(AudioTrainingOptions.self, from: try #require(stored.domain))
        #expect(used.clips.firstSliceOnly)
        #expect(try ClipDataset(directory: data, options: used.clips).labels.count == 2)
    }

    @Test func resumeEqualsUninterrupted() throws {
        let a = temporaryFolder(), b = temporaryFolder()
        defer { for u in [a, b] { try? FileManager.default.removeItem(at: u) } }
        let clips = Self.sines(count: 3)
        let straight = try AudioSynthesizer.fit(.clips(clips), options: Self.tinyOptions(steps: 4),
                                                  runDirectory: a, progress: nil)
        _ = try AudioSynthesizer.fit(.clips(clips), options: Self.tinyOptions(steps: 2), runDirectory: b,
                                       progress: nil)
        let resumed = try AudioSynthesizer.resume(runDirectory: b, data: .clips(clips), budget: .steps(4), progress: nil)
        #expect(resumed.trainingOutcome?.step == 4)
        #expect(resumed.generator.stateDict().map(\.tensor.scalars) == straight.generator.stateDict().map(\.tensor.scalars),
                "resumed weights differ")
    }

    @Test func commandLineTrainsGeneratesAndRefusesBadInput() throws {
        let root = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let data = root.appendingPathComponent("data"), run = root.appendingPathComponent("run")
        let out = root.appendingPathComponent("out"), empty = root.appendingPathComponent("empty")
        for label in ["kick", "snare"] {
            let folder = data.appendingPathComponent(label)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for i in 0..<2 {
                let samples = Self.sines(count: 1, length: 3000).map { $0 * Float(i + 1) / 2 }
                try AudioFile.write(try AudioBuffer(samples: samples, channels: 1, sampleRate: 22050),
                                    to: folder.appendingPathComponent("\(i).wav"))
            }
        }
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let train = try runSwiftGAN(["audio", "train", "--data", data.path, "--out", run.path, "--slice", "4096",
                                     "--model-size", "2", "--batch", "2", "--steps", "2", "--conditional"])
        #expect(train.status == 0, "\(train.stderr)")
        #expect(FileManager.default.fileExists(atPath: run.appendingPathComponent("model.safetensors").path))
        let gen = try runSwiftGAN(["audio", "generate", "--model", run.path, "--count", "3", "--out", out.path,
                                   "--label", "snare", "--format", "flac"])
        #expect(gen.status == 0, "\(gen.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
                == ["000000.flac", "000001.flac", "000002.flac"])
        let clip = try AudioFile.read(out.appendingPathComponent("000001.flac"))
        #expect(clip.sampleRate == 16000 && clip.frames == 4096)

        // Bad input: one line on stderr, non-zero exit, nothing lost.
        for (args, fragment) in [
            (["audio", "generate", "--model", run.path, "--count", "1", "--out", out.path], "--overwrite"),
            (["audio", "generate", "--model", run.path, "--count", "1", "--out", empty.path, "--label", "tom"],
             "unknown label 'tom'"),
            (["audio", "generate", "--model", data.appendingPathComponent("kick/0.wav").path, "--count", "1",
              "--out", empty.path], "not a valid safetensors file"),
            (["audio", "train", "--data", empty.path, "--out", root.appendingPathComponent("run2").path], "empty"),
        ] {
            let r = try runSwiftGAN(args)
            #expect(r.status != 0)
            #expect(r.stderr.contains(fragment), "\(args): \(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).count == 3)
    }
}
