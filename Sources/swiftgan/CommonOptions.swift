import ArgumentParser
import SwiftGAN

/// The options every `train` command shares: the data, the run folder, resuming and the seed.
struct TrainRunOptions: ParsableArguments {
    @Option(help: "Training data: a folder of recordings (audio), a CSV table with a header line, or a series file.")
    var data: String
    @Option(help: "Run folder for checkpoints, metrics and the model (new or empty unless --resume).") var out: String
    @Flag(help: "Continue the run in --out from its newest checkpoint that verifies (give the same data and options).")
    var resume = false
    @Option(help: "Random seed (ignored with --resume: the run keeps its own).") var seed: UInt64 = 0

    var runURL: URL { URL(fileURLWithPath: out) }
}

/// `base` with the fields named in the JSON file at `path` replaced (`--options`); `base` itself when `path` is nil.
func overridden<Settings: Codable>(_ base: Settings, by path: String?) throws -> Settings {
    guard let path else { return base }
    let data: Data
    do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
        throw ValidationError("cannot read --options file \(path)")
    }
    do { return try overriding(base, with: data) } catch let e as SettingsError {
        throw ValidationError("--options \(path): \(e)")
    }
}

extension TrainingOutcome.Status {
    /// How a run ended, as `train` commands print it.
    var summary: String {
        switch self {
        case .reachedStepBudget: return "step budget reached"
        case .reachedTimeBudget: return "time budget reached"
        case .stoppedByUser: return "stopped; continue with --resume"
        case .converged: return "the quality estimate stopped improving"
        }
    }
}

// MARK: Enumerated options

extension GANLoss: ExpressibleByArgument {}
extension AudioCritics: ExpressibleByArgument {}
extension WaveGANConfig.OutputGate: ExpressibleByArgument {}
extension AudioFileFormat: ExpressibleByArgument {}
extension SeriesGANConfig.Architecture: ExpressibleByArgument {}
extension SeriesCSV.Layout: ExpressibleByArgument {}
extension SeriesScaler.Kind: ExpressibleByArgument {}
extension SeriesMetricScaling: ExpressibleByArgument {}

/// `audio train --preset`.
enum AudioPreset: String, CaseIterable, ExpressibleByArgument {
    /// The published WaveGAN configuration (`AudioTrainingOptions.paper`).
    case paper
}

/// `audio train --tail-gate`.
enum TailGateSetting: String, CaseIterable, ExpressibleByArgument {
    case auto, off
}

/// `audio generate --format`: the container; with `--bits` it names an `AudioFileFormat`.
enum AudioContainer: String, CaseIterable, ExpressibleByArgument {
    case wav, flac
}

/// `audio generate --bits`.
enum SampleBits: String, CaseIterable, ExpressibleByArgument {
    case int16 = "16", int24 = "24", float32 = "32f"
}

/// `table train --preset`.
enum TablePreset: String, CaseIterable, ExpressibleByArgument {
    /// CTGAN 0.12's defaults (`TableTrainingOptions.ctgan`).
    case ctgan
}

/// `table augment --method`: an `OversamplingMethod`, or the table GAN.
enum TableAugmentMethod: String, CaseIterable, ExpressibleByArgument {
    case smote, random, gan
}

/// `series augment --space`: the scale the augmentations run in.
enum AugmentationSpace: String, CaseIterable, ExpressibleByArgument {
    case standard, minmax, raw
}

/// The help of every generation command's `--shard`.
let shardHelp = ArgumentHelp(
    "Write only part k of n (k from 0), e.g. 0/4: n processes or machines share the work, and their outputs joined in "
        + "order are what one process writes. Under mpirun, process k of n writes part k.", valueName: "k/n")

/// The part of a generation job this process writes: `given` (`--shard`), or under `mpirun` with several processes,
/// the process's rank of their number.
func jobShard(_ given: Shard) throws -> Shard {
    guard let world = try MPIWorld.joined(), world.size > 1 else { return given }
    guard given == .whole else {
        throw ValidationError("--shard \(given) and mpirun both split the work; run one process per shard, or drop --shard")
    }
    return try Shard(index: world.rank, of: world.size)
}

/// Where a generation command writes `out`'s part for `shard`: `out` itself when it was given with `--shard` (one
/// process per shard names its own file), else, under `mpirun`, `out` with the part before its extension
/// (`synth.csv` → `synth.0-of-2.csv`).
func shardFile(_ out: String, _ shard: Shard, given: Shard) -> String {
    guard shard != given else { return out }
    let url = URL(fileURLWithPath: out), ext = url.pathExtension
    let stem = url.deletingPathExtension().path
    return stem + ".\(shard.index)-of-\(shard.count)" + (ext.isEmpty ? "" : "." + ext)
}
