import AudioIO
import DSP
import Foundation
import Testing

@Suite struct FolderTailGateTests {
    func write(_ samples: [Float], _ url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try AudioFile.write(try AudioBuffer(samples: samples, channels: 1, sampleRate: 16000), to: url)
    }

    /// Real clips: a tone over their first 2 000 samples, then digital silence. Clips to gate: the same tone, then a
    /// noise floor at −50 dB to the end. The calibrated gate silences the floor from the tone's last block on and
    /// keeps the tone; label subfolders are kept.
    @Test func silencesAnotherModelsNoiseFloorWhereTheRealClipsFallSilent() throws {
        try withTemporaryDirectory { dir in
            let sound = tone(440, rate: 16000, count: 2000, amplitude: 0.9)
            var random = SystemRandomNumberGenerator()
            for i in 0..<8 {
                try write(sound + [Float](repeating: 0, count: 2096), dir.appendingPathComponent("real/\(i).wav"))
                let floor = (0..<2096).map { _ in Float.random(in: -0.003...0.003, using: &random) }
                try write(sound + floor, dir.appendingPathComponent("clips/\(i % 2 == 0 ? "kick" : "snare")/\(i).wav"))
            }
            let options = ClipOptions(sampleRate: 16000, sliceLength: 4096, firstSliceOnly: true, padEnd: true,
                                      normalize: false, silenceThreshold: nil, channels: .mono, labels: true)
            let out = dir.appendingPathComponent("out")
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            let result = try FolderTailGate.apply(real: dir.appendingPathComponent("real"),
                                                  clips: dir.appendingPathComponent("clips"), to: out, options: options)
            #expect(result.count == 8)
            let threshold = try #require(result.threshold)
            #expect(threshold > -50 && threshold < -3, "threshold \(threshold) dB")
            let files = listing(out)
            #expect(files.count == 8 && files.filter { $0.hasPrefix("kick/") }.count == 4
                    && files.filter { $0.hasPrefix("snare/") }.count == 4)
            for file in files {
                let clip = try AudioFile.read(out.appendingPathComponent(file)).samples
                #expect(clip.count == 4096)
                // Silent after the block holding the tone's end (256-sample blocks: it ends at 2 048). The mean onset
                // matches the real 2 000 by cutting some clips one block earlier (1 792, fade from 1 728), so the
                // tone before that is untouched (two 16-bit roundings apart).
                #expect(clip[2048...].allSatisfy { $0 == 0 }, "\(file) keeps a tail")
                #expect(zip(clip[0..<1728], sound[0..<1728]).allSatisfy { abs($0 - $1) < 1e-4 }, "\(file) changed the tone")
            }
        }
    }
}
