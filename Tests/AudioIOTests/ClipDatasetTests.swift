import Foundation
import Testing
@testable import AudioIO
import DSP
import _TestSupport

/// A labelled folder with good and bad files:
/// - `dog/long.wav`: 8 kHz mono, 2600 samples, peak 0.5; `dog/fast.wav`: 24 kHz mono (resampled to 8 kHz);
/// - `cat/quiet.flac`: 8 kHz, a tone then silence; `cat/stereo.wav`: stereo (a mismatch unless mixed down);
/// - `cat/short.wav` (shorter than a clip), `cat/silent.wav`, `cat/notes.wav` (text), `cat/cut.wav` (truncated),
///   `cat/empty.wav` (zero bytes), `readme.txt` and `top.wav` (outside any label folder).
func makeCorpus(_ dir: URL) throws {
    let fm = FileManager.default
    for sub in ["dog", "cat"] { try fm.createDirectory(at: dir.appendingPathComponent(sub), withIntermediateDirectories: true) }
    func write(_ samples: [Float], _ name: String, rate: Int = 8000, channels: Int = 1, _ format: AudioFileFormat = .wavFloat) throws {
        try AudioFile.write(AudioBuffer(samples: samples, channels: channels, sampleRate: rate),
                            to: dir.appendingPathComponent(name), format: format)
    }
    try write(tone(300, rate: 8000, count: 2600, amplitude: 0.5), "dog/long.wav")
    try write(tone(500, rate: 24000, count: 6000, amplitude: 0.9), "dog/fast.wav", rate: 24000)
    try write(tone(200, rate: 8000, count: 1000) + [Float](repeating: 0, count: 1500), "cat/quiet.flac", .flac16)
    try write(tone(250, rate: 8000, count: 1200) + tone(350, rate: 8000, count: 1200), "cat/stereo.wav", channels: 2)
    try write(tone(250, rate: 8000, count: 700), "cat/short.wav")
    try write([Float](repeating: 0, count: 3000), "cat/silent.wav")
    try Data("not audio".utf8).write(to: dir.appendingPathComponent("cat/notes.wav"))
    try write(tone(100, rate: 8000, count: 8000), "cat/whole.wav", .wav16)
    let whole = try Data(contentsOf: dir.appendingPathComponent("cat/whole.wav"))
    try whole.prefix(4000).write(to: dir.appendingPathComponent("cat/cut.wav"))
    try fm.removeItem(at: dir.appendingPathComponent("cat/whole.wav"))
    try Data().write(to: dir.appendingPathComponent("cat/empty.wav"))
    try Data("hello".utf8).write(to: dir.appendingPathComponent("readme.txt"))
    try write(tone(300, rate: 8000, count: 2000), "top.wav")
}

let smallClips = ClipOptions(sampleRate: 8000, sliceLength: 1000, labels: true)

@Suite struct ClipDatasetTests {
    @Test func oneShotFoldersAreToldFromLongRecordings() throws {
        try withTemporaryDirectory { dir in
            let options = ClipOptions(sampleRate: 8000, sliceLength: 1000)
            func folder(_ name: String, lengths: [Int]) throws -> ClipPlan {
                let sub = dir.appendingPathComponent(name)
                try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
                for (i, n) in lengths.enumerated() {
                    try AudioFile.write(AudioBuffer(samples: tone(300, rate: 8000, count: n), channels: 1, sampleRate: 8000),
                                        to: sub.appendingPathComponent("\(i).wav"), format: .wavFloat)
                }
                return try ClipPlan(directory: sub, options: options)
            }
            // Up to two slices long (2000 samples): one-shots, even with one longer file among five.
            let hits = try folder("hits", lengths: [600, 1500, 2000, 900, 7000])
            #expect(hits.looksLikeOneShots)
            #expect(hits.fileSeconds.sorted() == [600, 900, 1500, 2000, 7000].map { Double($0) / 8000 })
            // Two of five files longer than two slices: recordings, every slice is used.
            #expect(try !folder("takes", lengths: [600, 1500, 2001, 900, 7000]).looksLikeOneShots)
        }
    }

    @Test func scanFindsAudioLabelsAndIgnoresTheRest() throws {
        try withTemporaryDirectory { dir in
            try makeCorpus(dir)
            let corpus = try AudioCorpus.scan(dir, labels: true)
            #expect(corpus.labelNames == ["cat", "dog"])
            #expect(corpus.files.map(\.relativePath) == [
                "cat/cut.wav", "cat/empty.wav", "cat/notes.wav", "cat/quiet.flac", "cat/short.wav", "cat/silent.wav",
                "cat/stereo.wav", "dog/fast.wav", "dog/long.wav",
            ])
            #expect(corpus.files.last!.label == 1)
            #expect(corpus.otherFiles == 1)
            #expect(corpus.skipped.map(\.path) == ["top.wav"])
            #expect(try AudioCorpus.scan(dir).files.count == 10, "unlabelled: the top-level file counts too")
        }
    }

    @Test func scanFollowsLinksOnceAndSkipsHiddenFolders() throws {
        try withTemporaryDirectory { dir in
            let fm = FileManager.default
            let real = dir.appendingPathComponent("real"), data = dir.appendingPathComponent("data")
            try fm.createDirectory(at: real.appendingPathComponent("sub"), withIntermediateDirectories: true)
            try fm.createDirectory(at: data.appendingPathComponent(".cache"), withIntermediateDirectories: true)
            let audio = try AudioBuffer(samples: tone(300, rate: 8000, count: 100), channels: 1, sampleRate: 8000)
            try AudioFile.write(audio, to: real.appendingPathComponent("sub/x.wav"))
            try AudioFile.write(audio, to: real.appendingPathComponent("y.wav"))
            try AudioFile.write(audio, to: data.appendingPathComponent(".cache/hidden.wav"))
            try fm.createSymbolicLink(at: data.appendingPathComponent("link.wav"), withDestinationURL: real.appendingPathComponent("y.wav"))
            try fm.createSymbolicLink(at: data.appendingPathComponent("linked"), withDestinationURL: real.appendingPathComponent("sub"))
            try fm.createSymbolicLink(at: real.appendingPathComponent("sub/loop"), withDestinationURL: real)
            try fm.createSymbolicLink(at: data.appendingPathComponent("gone.wav"), withDestinationURL: real.appendingPathComponent("nope.wav"))
            let corpus = try AudioCorpus.scan(data)
            #expect(corpus.files.map(\.relativePath) == ["link.wav", "linked/loop/y.wav", "linked/x.wav"])
            #expect(corpus.skipped.map(\.path) == ["gone.wav"])
        }
    }

    @Test func emptyOrAudioFreeFoldersAreErrors() throws {
        try withTemporaryDirectory { dir in
            #expect(throws: AudioIOError.emptyDirectory(path: dir.path)) { try AudioCorpus.scan(dir) }
            try Data("x".utf8).write(to: dir.appendingPathComponent("a.txt"))
            #expect(throws: AudioIOError.noAudioFiles(path: dir.path, otherFiles: 1)) { try AudioCorpus.scan(dir) }
            let missing = dir.appendingPathComponent("nope")
            #expect(throws: AudioIOError.notADirectory(path: missing.path)) { try AudioCorpus.scan(missing) }
            #expect(throws: AudioIOError.self) { try ClipDataset(directory: dir) }
        }
    }

    @Test func slicingFollowsOverlapPadAndFirstSliceOptions() throws {
        func starts(_ o: ClipOptions, _ frames: Int) throws -> [Int] { try ClipMaker(options: o, channels: 1).clipStarts(frames: frames) }
        let base = ClipOptions(sliceLength: 100)
        #expect(try starts(base, 350) == [0, 100, 200])
        #expect(try starts(ClipOptions(sliceLength: 100, overlap: 0.5), 350) == [0, 50, 100, 150, 200, 250])
        #expect(try starts(ClipOptions(sliceLength: 100, padEnd: true), 350) == [0, 100, 200, 300])
        #expect(try starts(ClipOptions(sliceLength: 100, overlap: 0.25, padEnd: true), 160) == [0, 75, 150])
        #expect(try starts(ClipOptions(sliceLength: 100, firstSliceOnly: true), 350) == [0])
        #expect(try starts(ClipOptions(sliceLength: 100, firstSliceOnly: true), 60) == [])
        #expect(try starts(ClipOptions(sliceLength: 100, firstSliceOnly: true, padEnd: true), 60) == [0])
        #expect(try starts(base, 99) == [])
    }

    @Test func clipsAreNormalisedSlicesOfTheFile() throws {
        try withTemporaryDirectory { dir in
            try makeCorpus(dir)
            let corpus = try AudioCorpus.scan(dir, labels: true)
            let entry = corpus.files.first { $0.relativePath == "dog/long.wav" }!
            let options = ClipOptions(sampleRate: 8000, sliceLength: 1000, overlap: 0.5, padEnd: true, labels: true)
            let fc = try ClipMaker(options: options, channels: 1).clips(of: entry)
            let source = tone(300, rate: 8000, count: 2600, amplitude: 0.5).map { $0 * 2 }  // peak 0.5 → 1
            #expect(fc.count == 6 && fc.label == 1)  // starts 0, 500, …, 2500 (the last mostly padding)
            for c in 0..<fc.count {
                let start = c * 500
                let expected = (0..<1000).map { start + $0 < 2600 ? source[start + $0] : 0 }
                #expect(maxAbsDifference(Array(fc.samples[(c * 1000)..<((c + 1) * 1000)]), expected) < 1e-4)
            }
            let raw = try ClipMaker(options: ClipOptions(sampleRate: 8000, sliceLength: 1000, normalize: false), channels: 1)
                .clips(of: entry)
            #expect(abs(Levels.peak(raw.samples) - 0.5) < 1e-3)
        }
    }

    @Test func resampledFilesAreAtTheTrainingRate() throws {
        try withTemporaryDirectory { dir in
            try makeCorpus(dir)
            let entry = try AudioCorpus.scan(dir, labels: true).files.first { $0.relativePath == "dog/fast.wav" }!
            let fc = try ClipMaker(options: smallClips, channels: 1).clips(of: entry)
            #expect(fc.count == 2)  // 6000 samples at 24 kHz = 2000 at 8 kHz
            let clip = fc.samples[0..<1000]
            #expect(abs(toneAmplitude(clip, frequency: 500, rate: 8000) - 1) < 0.01, "normalised 500 Hz tone at 8 kHz")
        }
    }

    @Test func silentClipsAreDroppedUnlessTheThresholdIsOff() throws {
        try withTemporaryDirectory { dir in
            try makeCorpus(dir)
            let entry = try AudioCorpus.scan(dir, labels: true).files.first { $0.relativePath == "cat/quiet.flac" }!
            let on = try ClipMaker(options: smallClips, channels: 1).clips(of: entry)
            #expect(on.count == 1 && on.silentClips == 1)
            var off = smallClips
            off.silenceThreshold = nil
            #expect(try ClipMaker(options: off, channels: 1).clips(of: entry).count == 2)
        }
    }

    @Test func datasetSkipsBadFilesWithReasonsAndLabelsClips() throws {
        try withTemporaryDirectory { dir in
            try makeCorpus(dir)
            let data = try ClipDataset(directory: dir, options: smallClips)
            #expect(data.storage == .memory && data.channels == 1)
            let reasons = Dictionary(uniqueKeysWithValues: data.skipped.map { ($0.path, $0.reason) })
            #expect(reasons["top.wav"]?.contains("label subfolder") == true)
            #expect(reasons["cat/notes.wav"]?.contains("cannot read audio") == true)
            #expect(reasons["cat/cut.wav"]?.contains("truncated") == true)
            #expect(reasons["cat/empty.wav"]?.contains("no audio frames") == true)
            #expect(reasons["cat/stereo.wav"]?.contains("ClipOptions.channels = .mono") == true)
            #expect(reasons["cat/short.wav"]?.contains("shorter than one clip") == true)
            #expect(reasons["cat/silent.wav"]?.contains("silent") == true)
            #expect(reasons.count == 7)
            // quiet.flac 1 clip (cat), fast.wav 2 and long.wav 2 (dog).
            #expect(data.clipCount == 5)
            #expect(data.labels == [0, 1, 1, 1, 1])
            #expect(data.clips.count == 5 * 1000)
            var mono = smallClips
            mono.channels = .mono
            let mixed = try ClipDataset(directory: dir, options: mono)
            #expect(mixed.clipCount == 6 && !mixed.skipped.contains { $0.path == "cat/stereo.wav" })
        }
    }

    @Test func batchesAreReproducibleAndVisitEveryClipOncePerEpoch() throws {
        try withTemporaryDirectory { dir in
            try makeCorpus(dir)
            let data = try ClipDataset(directory: dir, options: smallClips)
            let a = try data.batches(size: 5, seed: 1), b = try data.batches(size: 5, seed: 1)
            let c = try data.batches(size: 5, seed: 2)
            let first = try a.next()
            #expect(first == (try b.next()))
            #expect(first.shape == [5, 1, 1000])
            // One epoch of 5 clips holds each clip exactly once.
            let clipsOf = { (batch: ClipBatch) in (0..<5).map { Array(batch.samples[($0 * 1000)..<($0 * 1000 + 1000)]) } }
            let seen = clipsOf(first).map { $0.prefix(50).map { $0 } }
            let all = (0..<5).map { Array(data.clips[($0 * 1000)..<($0 * 1000 + 50)]) }
            #expect(seen.sorted { $0.lexicographicallyPrecedes($1) } == all.sorted { $0.lexicographicallyPrecedes($1) })
            var differs = false
            for _ in 0..<4 { let (x, y) = (try a.next(), try c.next()); differs = differs || x != y }
            #expect(differs, "another seed gives another order")
            #expect(a.epoch == 4)
        }
    }

    @Test func streamingGivesTheSameClipsReproducibly() throws {
        try withTemporaryDirectory { dir in
            try makeCorpus(dir)
            let memory = try ClipDataset(directory: dir, options: smallClips)
            let streaming = try ClipDataset(directory: dir, options: smallClips, memoryBudget: 0)
            #expect(streaming.storage == .streaming && streaming.clipCount == nil)
            let a = try streaming.batches(size: 5, seed: 3), b = try streaming.batches(size: 5, seed: 3)
            let batch = try a.next()
            #expect(batch == (try b.next()))
            // The shuffle buffer holds all 5 clips, so one batch is one epoch: the same clips as in memory.
            let key = { (s: [Float], i: Int) in Array(s[(i * 1000)..<(i * 1000 + 50)]) }
            let streamed = (0..<5).map { key(batch.samples, $0) }.sorted { $0.lexicographicallyPrecedes($1) }
            let stored = (0..<5).map { key(memory.clips, $0) }.sorted { $0.lexicographicallyPrecedes($1) }
            #expect(streamed == stored)
            #expect(batch.labels.sorted() == [0, 1, 1, 1, 1])
            #expect(a.warnings.map(\.path).sorted() == ["cat/cut.wav", "cat/short.wav", "cat/silent.wav"])
        }
    }

    @Test func aFolderWithoutUsableClipsSaysWhy() throws {
        try withTemporaryDirectory { dir in
            try AudioFile.write(AudioBuffer(samples: tone(200, rate: 8000, count: 500), channels: 1, sampleRate: 8000),
                                to: dir.appendingPathComponent("tiny.wav"))
            #expect { try ClipDataset(directory: dir, options: ClipOptions(sampleRate: 8000, sliceLength: 1000)) }
                throws: { error in
                    guard case AudioIOError.noClips(_, let reasons) = error else { return false }
                    return reasons.count == 1 && reasons[0].contains("tiny.wav") && reasons[0].contains("shorter")
                }
            let streaming = try ClipDataset(directory: dir, options: ClipOptions(sampleRate: 8000, sliceLength: 1000),
                                            memoryBudget: 0)
            #expect(throws: AudioIOError.self) { try streaming.batches(size: 2, seed: 0).next() }
        }
    }
}
