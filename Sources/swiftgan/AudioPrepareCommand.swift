import ArgumentParser
import SwiftGAN

/// `swiftgan audio prepare --data DIR --out DIR …`
struct AudioPrepareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prepare",
        abstract: "Write the training clips of a folder of recordings as audio files.",
        discussion: """
            Scans --data recursively, resamples every file to --sample-rate, peak-normalises it, cuts it into \
            clips of --slice samples and writes clip i of dir/name.ext as dir/name_000i.wav under --out. Files \
            that give no clip are skipped with a warning.
            """)

    @Option(help: "Folder of recordings (searched recursively).") var data: String
    @Option(help: "New or empty folder for the clips.") var out: String
    @Option(help: "Training sample rate in Hz.") var sampleRate = 16000
    @Option(help: "Samples per clip (16384 is about one second at 16 kHz).") var slice = 16384
    @Option(help: "Fraction of a clip shared with the next, in [0, 1).") var overlap = 0.0
    @Flag(help: "Mix every file down to one channel.") var mono = false
    @Option(help: "Keep only this channel (counting from 0).") var channel: Int?
    @Flag(help: "Take only the first clip of each file.") var firstSliceOnly = false
    @Flag(help: "Zero-pad the end so the tail (or a short file) still gives a clip.") var padEnd = false
    @Flag(help: "Do not peak-normalise files.") var noNormalize = false
    @Option(help: "Drop clips whose RMS is below this many dBFS.") var silenceThreshold = -60.0
    @Flag(help: "Keep silent clips.") var keepSilence = false
    @Option(help: "Output format: wav16, wav24, wav-float, flac16, flac24.") var format = AudioFileFormat.wav16

    func validate() throws {
        if mono && channel != nil { throw ValidationError("--mono and --channel exclude each other") }
    }

    func run() throws {
        let options = ClipOptions(
            sampleRate: sampleRate, sliceLength: slice, overlap: overlap, firstSliceOnly: firstSliceOnly,
            padEnd: padEnd, normalize: !noNormalize, silenceThreshold: keepSilence ? nil : silenceThreshold,
            channels: channel.map { .channel($0) } ?? (mono ? .mono : .keep))
        let summary = try ClipExport.prepare(from: URL(fileURLWithPath: data), to: URL(fileURLWithPath: out),
                                             options: options, format: format)
        warn(summary.skipped)
        print("read \(summary.filesRead) file(s), \(formatDuration(summary.sourceSeconds)) of audio; "
              + "skipped \(summary.skipped.count) file(s)")
        print("wrote \(summary.clipsWritten) clip(s) of \(slice) samples at \(sampleRate) Hz, "
              + "\(summary.channels) channel(s), \(formatDuration(summary.clipSeconds)) in total, to \(out)"
              + (summary.silentClips > 0 ? "; dropped \(summary.silentClips) silent clip(s)" : ""))
    }
}
