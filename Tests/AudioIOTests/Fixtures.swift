import Foundation

/// A fresh folder under the system's temporary directory, removed when the test's `body` ends.
func withTemporaryDirectory<R>(_ body: (URL) throws -> R) throws -> R {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("swiftgan-audio-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    return try body(dir)
}

/// `amplitude · sin(2π f n / rate + phase)` for `count` samples.
func tone(_ frequency: Double, rate: Int, count: Int, amplitude: Double = 0.5, phase: Double = 0) -> [Float] {
    (0..<count).map { Float(amplitude * sin(2 * Double.pi * frequency * Double($0) / Double(rate) + phase)) }
}

/// Files in `dir` and below (hidden ones included), as paths relative to it, sorted.
func listing(_ dir: URL) -> [String] {
    let e = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: [.isRegularFileKey])
    var out: [String] = []
    while let url = e?.nextObject() as? URL {
        if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            out.append(String(url.path.dropFirst(dir.path.count + 1)))
        }
    }
    return out.sorted()
}

/// Bytes of a canonical WAV file holding `samples` (interleaved) as `bits`-bit integer PCM, or 32-bit float when
/// `float` is set, built by hand as an independent check on the reader.
func handMadeWAV(samples: [Double], channels: Int, rate: Int, bits: Int, float: Bool = false) -> Data {
    var data = Data()
    func u32(_ v: Int) { withUnsafeBytes(of: UInt32(v).littleEndian) { data.append(contentsOf: $0) } }
    func u16(_ v: Int) { withUnsafeBytes(of: UInt16(v).littleEndian) { data.append(contentsOf: $0) } }
    let bytesPerSample = bits / 8, payload = samples.count * bytesPerSample
    data.append(contentsOf: Array("RIFF".utf8)); u32(36 + payload); data.append(contentsOf: Array("WAVE".utf8))
    data.append(contentsOf: Array("fmt ".utf8)); u32(16); u16(float ? 3 : 1); u16(channels); u32(rate)
    u32(rate * channels * bytesPerSample); u16(channels * bytesPerSample); u16(bits)
    data.append(contentsOf: Array("data".utf8)); u32(payload)
    for s in samples {
        if float {
            withUnsafeBytes(of: Float(s).bitPattern.littleEndian) { data.append(contentsOf: $0) }
        } else if bits == 8 {
            data.append(UInt8(Int((s * 128).rounded()) + 128))  // 8-bit WAV is unsigned
        } else {
            let v = Int64((s * Double(1 << (bits - 1))).rounded())
            for b in 0..<bytesPerSample { data.append(UInt8(truncatingIfNeeded: v >> (8 * b))) }
        }
    }
    return data
}

/// Bytes of an AIFF file holding `samples` (interleaved) as 16-bit big-endian PCM, built by hand.
func handMadeAIFF(samples: [Double], channels: Int, rate: Int) -> Data {
    var data = Data()
    func u32(_ v: Int) { withUnsafeBytes(of: UInt32(v).bigEndian) { data.append(contentsOf: $0) } }
    func u16(_ v: Int) { withUnsafeBytes(of: UInt16(v).bigEndian) { data.append(contentsOf: $0) } }
    let frames = samples.count / channels, payload = samples.count * 2
    data.append(contentsOf: Array("FORM".utf8)); u32(4 + 26 + 16 + payload); data.append(contentsOf: Array("AIFF".utf8))
    data.append(contentsOf: Array("COMM".utf8)); u32(18); u16(channels); u32(frames); u16(16)
    // Sample rate as an 80-bit IEEE extended float.
    let exponent = 16383 + Int(log2(Double(rate)))
    let mantissa = UInt64(rate) << (63 - UInt64(log2(Double(rate))))
    u16(exponent)
    withUnsafeBytes(of: mantissa.bigEndian) { data.append(contentsOf: $0) }
    data.append(contentsOf: Array("SSND".utf8)); u32(8 + payload); u32(0); u32(0)
    for s in samples { u16(Int(UInt16(bitPattern: Int16((s * 32768).rounded())))) }
    return data
}

/// Amplitude of the `frequency` component of `x` (Hann-weighted correlation; exact for an isolated tone).
func toneAmplitude(_ x: ArraySlice<Float>, frequency: Double, rate: Int) -> Double {
    var re = 0.0, im = 0.0, wsum = 0.0
    for (i, v) in x.enumerated() {
        let w = 0.5 - 0.5 * cos(2 * Double.pi * Double(i) / Double(x.count))
        let theta = 2 * Double.pi * frequency * Double(i) / Double(rate)
        re += w * Double(v) * cos(theta)
        im -= w * Double(v) * sin(theta)
        wsum += w
    }
    return 2 * (re * re + im * im).squareRoot() / wsum
}
