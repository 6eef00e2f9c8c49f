import Foundation
import Testing
@testable import AudioIO
import DSP
import _TestSupport

@Suite struct FolderCommandsTests {
    @Test func prepareWritesListenableClipsAndSkipsBadFiles() throws {
        try withTemporaryDirectory { dir in
            let data = dir.appendingPathComponent("data"), out = dir.appendingPathComponent("out")
            try makeCorpus(data)
            let options = ClipOptions(sampleRate: 8000, sliceLength: 1000, channels: .mono)
            let summary = try ClipExport.prepare(from: data, to: out, options: options)
            // long 2, fast 2, quiet 1, stereo (mixed down) 1, top 2.
            #expect(summary.clipsWritten == 8 && summary.filesRead == 5 && summary.silentClips == 1)
            #expect(summary.skipped.map(\.path).sorted() == ["cat/cut.wav", "cat/empty.wav", "cat/notes.wav",
                                                             "cat/short.wav", "cat/silent.wav"])
            #expect(abs(summary.clipSeconds - 1) < 1e-9)
            #expect(listing(out) == ["cat/quiet_0000.wav", "cat/stereo_0000.wav", "dog/fast_0000.wav",
                                     "dog/fast_0001.wav", "dog/long_0000.wav", "dog/long_0001.wav",
                                     "top_0000.wav", "top_0001.wav"])
            let clip = try AudioFile.read(out.appendingPathComponent("dog/long_0001.wav"))
            #expect(clip.sampleRate == 8000 && clip.frames == 1000 && clip.channels == 1)
            #expect(abs(Levels.peak(clip.samples) - 1) < 1e-3, "peak-normalised")
            // A second run into the same (now full) folder refuses instead of mixing old and new clips.
            #expect(throws: AudioIOError.self) { try ClipExport.prepare(from: data, to: out, options: options) }
            #expect(throws: AudioIOError.self) {
                try ClipExport.prepare(from: data, to: data.appendingPathComponent("inside"), options: options)
            }
            // Nothing usable: an error, and no output folder left behind.
            let none = dir.appendingPathComponent("none")
            #expect(throws: AudioIOError.self) {
                try ClipExport.prepare(from: data, to: none, options: ClipOptions(sampleRate: 8000, sliceLength: 100_000))
            }
            #expect(!FileManager.default.fileExists(atPath: none.path))
        }
    }

    @Test func augmentWritesSeededCopies() throws {
        try withTemporaryDirectory { dir in
            let data = dir.appendingPathComponent("data")
            try FileManager.default.createDirectory(at: data.appendingPathComponent("x"), withIntermediateDirectories: true)
            for (name, f) in [("x/a.wav", 300.0), ("b.flac", 500.0)] {
                try AudioFile.write(AudioBuffer(samples: tone(f, rate: 16000, count: 8000), channels: 1, sampleRate: 16000),
                                    to: data.appendingPathComponent(name), format: name.hasSuffix("flac") ? .flac16 : .wav16)
            }
            try Data("junk".utf8).write(to: data.appendingPathComponent("bad.wav"))
            let pipeline = try AudioAugmentationPipeline(["gain", "mix", "pitch"].map { try AudioAugmentation.parse($0) })
            let run = { (name: String, seed: UInt64) in
                try FolderAugmenter.run(from: data, to: dir.appendingPathComponent(name), pipeline: pipeline, copies: 2,
                                        seed: seed)
            }
            let s = try run("one", 7)
            #expect(s.filesRead == 2 && s.filesWritten == 4 && s.skipped.map(\.path) == ["bad.wav"])
            #expect(listing(dir.appendingPathComponent("one")) == ["b_aug0.wav", "b_aug1.wav", "x/a_aug0.wav", "x/a_aug1.wav"])
            _ = try run("two", 7)
            let three = try run("three", 8)
            #expect(three.skipped.count == 1)
            let read = { (folder: String) in try AudioFile.read(dir.appendingPathComponent("\(folder)/x/a_aug1.wav")) }
            #expect(try read("one") == (try read("two")))
            #expect(try read("one") != (try read("three")))
            #expect(try read("one").frames == 8000)
        }
    }
}
