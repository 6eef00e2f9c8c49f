import SwiftGAN

/// Model files of every domain: the safetensors container and each model description in its metadata (audio
/// config, table config and transform, series description), loaded the way `generate` and `sample` load them.
func fuzz(_ bytes: [UInt8]) {
    let url = scratchFile(bytes, extension: "safetensors")
    _ = try? AudioSynthesizer.load(from: url)
    _ = try? TableSynthesizer.load(from: url)
    _ = try? SeriesSynthesizer.load(from: url)
}
