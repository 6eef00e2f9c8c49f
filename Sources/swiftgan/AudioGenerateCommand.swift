import ArgumentParser
import SwiftGAN

/// `swiftgan audio generate --model RUN_OR_FILE --count N --out DIR …`
struct AudioGenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write new clips from a trained model.",
        discussion: """
            Clip i is a pure function of (model, --seed, i): the same seed gives the same files whatever --batch \
            or --count. Files are named by index (000000.wav, …). --shard k/n writes only part k of n of the clips \
            into --out, which the other shards share: n processes or machines write together what one would. \
            Under mpirun -np n, process k writes part k.
            """)

    @Option(help: "A run folder (its model.safetensors) or a model file.") var model: String
    @Option(help: "Number of clips.") var count = 16
    @Option(help: "Output folder (new or empty unless --overwrite).") var out: String
    @Option(help: "Random seed.") var seed: UInt64 = 0
    @Option(help: "Label for a conditional model (default: cycle through all labels).") var label: String?
    @Option(help: "File format: wav or flac.") var format = AudioContainer.wav
    @Option(help: "Bit depth: 16, 24 or 32f (32-bit float, WAV only).") var bits = SampleBits.int16
    @Option(help: "Clips generated at once (memory vs speed).") var batch = 16
    @Flag(help: "Write into a folder that already holds other files.") var overwrite = false
    @Flag(help: "Skip the model's tail gate (keep the generator's noise floor after each sound).") var noTailGate = false
    @Option(help: shardHelp, transform: Shard.init(parsing:)) var shard: Shard = .whole

    func run() throws {
        let fileFormat: AudioFileFormat
        switch (format, bits) {
        case (.wav, .int16): fileFormat = .wav16
        case (.wav, .int24): fileFormat = .wav24
        case (.wav, .float32): fileFormat = .wavFloat
        case (.flac, .int16): fileFormat = .flac16
        case (.flac, .int24): fileFormat = .flac24
        case (.flac, .float32):
            throw ValidationError("--format flac takes --bits 16 or 24; 32-bit float is WAV only")
        }
        guard count >= 1, batch >= 1 else { throw ValidationError("--count and --batch must be at least 1") }
        let shard = try jobShard(shard)
        let synth = try AudioSynthesizer.load(from: URL(fileURLWithPath: model))
        let files = try synth.writeClips(count: count, seed: seed, label: label, to: URL(fileURLWithPath: out),
                                         format: fileFormat, batchSize: batch, shard: shard, overwrite: overwrite,
                                         gated: !noTailGate)
        print("wrote \(files.count) clip(s) at \(synth.sampleRate) Hz to \(out)" + (shard == .whole ? "" : " (shard \(shard))"))
    }
}
