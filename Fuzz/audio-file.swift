import AudioIO

/// Audio file headers and data through libsndfile and SwiftGAN's reader.
func fuzz(_ bytes: [UInt8]) {
    let url = scratchFile(bytes, extension: "wav")
    _ = try? AudioFile.info(url)
    _ = try? AudioFile.read(url)
}
