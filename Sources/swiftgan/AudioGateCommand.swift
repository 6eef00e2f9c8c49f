import ArgumentParser
import SwiftGAN

/// `swiftgan audio gate --real DIR --clips DIR --out DIR`
struct AudioGateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gate",
        abstract: "Apply SwiftGAN's tail gate to clips made elsewhere, calibrated against real clips.",
        discussion: """
            The gate that `audio generate` applies to a SwiftGAN model's clips (silence after the last block above a \
            threshold, chosen so that the clips fall silent, on average, where the real ones do), for another \
            model's clips: a comparison that gates one side's clips should gate the other's the same way. Clips are \
            read as `audio evaluate` reads them (16 kHz, mono, first 16384 samples, peak-normalised) and written as \
            16-bit WAV files, in label subfolders when --clips has them.
            """)

    @Option(help: "Folder of real recordings (where they fall silent sets the threshold).") var real: String
    @Option(help: "Folder of clips to gate.") var clips: String
    @Option(help: "Output folder (new or empty).") var out: String

    func run() throws {
        let output = URL(fileURLWithPath: out)
        if FileManager.default.fileExists(atPath: out),
           !((try? FileManager.default.contentsOfDirectory(atPath: out))?.isEmpty ?? false) {
            throw ValidationError("output folder \(out) is not empty; choose a new or empty folder")
        }
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let labelled = try AudioCorpus.scan(URL(fileURLWithPath: clips)).files.allSatisfy { $0.relativePath.contains("/") }
        let options = AudioEvaluation.clipOptions(labels: labelled)
        let result = try FolderTailGate.apply(real: URL(fileURLWithPath: real), clips: URL(fileURLWithPath: clips),
                                              to: output, options: options)
        print(result.threshold.map { "gated \(result.count) clips at \(String(format: "%.1f", $0)) dB re peak" }
              ?? "wrote \(result.count) clips ungated: few real clips end in silence")
    }
}
