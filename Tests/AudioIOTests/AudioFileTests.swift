import Foundation
import Testing
@testable import AudioIO
import DSP
import _TestSupport

@Suite struct AudioFileTests {
    static let rate = 16000
    /// Stereo test audio: a tone on the left, a quieter tone on the right.
    static let stereo = try! AudioBuffer(
        samples: tone(440, rate: rate, count: 4000, amplitude: 0.8) + tone(1234, rate: rate, count: 4000, amplitude: 0.3),
        channels: 2, sampleRate: rate)

    /// Each lossless format with its quantisation step.
    static let lossless: [(AudioFileFormat, Float)] = [
        (.wav16, 1.0 / 32768), (.wav24, 1.0 / 8_388_608), (.wavFloat, 0), (.flac16, 1.0 / 32768),
        (.flac24, 1.0 / 8_388_608), (.aiff16, 1.0 / 32768),
    ]

    @Test(arguments: lossless)
    func roundTripKeepsSamplesToTheFormatsResolution(format: AudioFileFormat, step: Float) throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("x.\(format.fileExtension)")
            try AudioFile.write(Self.stereo, to: url, format: format)
            let info = try AudioFile.info(url)
            #expect(info.channels == 2 && info.sampleRate == Self.rate && info.frames == 4000)
            let back = try AudioFile.read(url)
            #expect(back.channels == 2 && back.sampleRate == Self.rate)
            #expect(maxAbsDifference(back.samples, Self.stereo.samples) <= step, "\(format)")
            #expect(listing(dir) == ["x.\(format.fileExtension)"], "no temporary file left behind")
        }
    }

    @Test func oggVorbisRoundTripKeepsTheTones() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("x.ogg")
            try AudioFile.write(Self.stereo, to: url, format: .oggVorbis)
            let info = try AudioFile.info(url)
            #expect(info.format.contains("OGG"))
            let back = try AudioFile.read(url)
            #expect(back.channels == 2 && back.frames == 4000)
            let level = Levels.rms(back.channel(0)) / Levels.rms(Self.stereo.channel(0))
            #expect(abs(level - 1) < 0.05, "lossy codec keeps the level: \(level)")
        }
    }

    static let wavEncodings: [(Int, Bool)] = [(8, false), (16, false), (24, false), (32, false), (32, true)]

    @Test(arguments: wavEncodings)
    func readsHandMadeWAVFiles(bits: Int, float: Bool) throws {
        try withTemporaryDirectory { dir in
            // Interleaved stereo: values exactly representable at 8 bits.
            let values: [Double] = [0, 0.5, -0.5, 0.25, -1, 0.75, 0.125, -0.125]
            let url = dir.appendingPathComponent("hand.wav")
            try handMadeWAV(samples: values, channels: 2, rate: 22050, bits: bits, float: float).write(to: url)
            let buffer = try AudioFile.read(url)
            #expect(buffer.sampleRate == 22050 && buffer.channels == 2 && buffer.frames == 4)
            let planar = [0, 2, 4, 6, 1, 3, 5, 7].map { Float(values[$0]) }
            #expect(maxAbsDifference(buffer.samples, planar) < 1e-6, "\(bits) bits float \(float)")
        }
    }

    @Test func readsAHandMadeAIFFFile() throws {
        try withTemporaryDirectory { dir in
            let values: [Double] = [0.5, -0.25, 0.125, 1 - 1.0 / 32768, -1, 0]
            let url = dir.appendingPathComponent("hand.aiff")
            try handMadeAIFF(samples: values, channels: 1, rate: 44100).write(to: url)
            let buffer = try AudioFile.read(url)
            #expect(buffer.sampleRate == 44100 && buffer.channels == 1)
            #expect(maxAbsDifference(buffer.samples, values.map(Float.init)) < 1e-6)
            #expect(try AudioFile.info(url).format.contains("AIFF"))
        }
    }

    @Test func channelPolicies() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("s.wav")
            try AudioFile.write(Self.stereo, to: url, format: .wavFloat)
            let mono = try AudioFile.read(url, channels: .mono)
            #expect(mono.channels == 1)
            let mean = (0..<4000).map { (Self.stereo.samples[$0] + Self.stereo.samples[4000 + $0]) / 2 }
            #expect(maxAbsDifference(mono.samples, mean) < 1e-6)
            let right = try AudioFile.read(url, channels: .channel(1))
            #expect(right.samples == Array(Self.stereo.channel(1)))
            #expect(throws: AudioIOError.noSuchChannel(path: url.path, channel: 2, channels: 2)) {
                try AudioFile.read(url, channels: .channel(2))
            }
        }
    }

    @Test func integerFormatsClipInsteadOfWrapping() throws {
        try withTemporaryDirectory { dir in
            let loud = try AudioBuffer(samples: [1.5, -2, 0.5], channels: 1, sampleRate: 8000)
            let url = dir.appendingPathComponent("loud.wav")
            try AudioFile.write(loud, to: url, format: .wav16)
            let back = try AudioFile.read(url)
            #expect(back.samples[0] > 0.999 && back.samples[1] == -1 && abs(back.samples[2] - 0.5) < 1e-4)
        }
    }

    @Test func badFilesGiveClearErrors() throws {
        try withTemporaryDirectory { dir in
            let text = dir.appendingPathComponent("notes.wav")
            try Data("these are not samples\n".utf8).write(to: text)
            #expect { try AudioFile.read(text) } throws: { error in
                guard case AudioIOError.unreadable(let path, _) = error else { return false }
                return path == text.path && "\(error)".contains("cannot read audio")
            }
            let empty = dir.appendingPathComponent("empty.flac")
            try Data().write(to: empty)
            #expect(throws: AudioIOError.empty(path: empty.path)) { try AudioFile.read(empty) }
            let missing = dir.appendingPathComponent("missing.wav")
            #expect(throws: AudioIOError.self) { try AudioFile.read(missing) }

            let long = try AudioBuffer(samples: tone(300, rate: 16000, count: 16000), channels: 1, sampleRate: 16000)
            for format in [AudioFileFormat.wav16, .flac16] {
                let whole = dir.appendingPathComponent("whole.\(format.fileExtension)")
                try AudioFile.write(long, to: whole, format: format)
                let bytes = try Data(contentsOf: whole)
                let cut = dir.appendingPathComponent("cut.\(format.fileExtension)")
                try bytes.prefix(bytes.count / 3).write(to: cut)
                #expect("\(format)", performing: { try AudioFile.read(cut) }, throws: { error in
                    guard case AudioIOError.truncated(let path, _) = error else { return false }
                    return path == cut.path
                })
            }
        }
    }

    @Test func failedWritesLeaveNothingBehind() throws {
        try withTemporaryDirectory { dir in
            let nan = try AudioBuffer(samples: [0, .nan, 0], channels: 1, sampleRate: 8000)
            #expect(throws: AudioIOError.self) { try AudioFile.write(nan, to: dir.appendingPathComponent("n.wav")) }
            let missingFolder = dir.appendingPathComponent("no/such/folder/x.wav")
            #expect(throws: AudioIOError.self) { try AudioFile.write(Self.stereo, to: missingFolder) }
            #expect(listing(dir).isEmpty)
        }
    }
}
