import SwiftGAN

/// Bench rows for the DSP layer: STFT throughput (frames per second, n_fft 512 and 1024, hop n_fft/4, on a batch of
/// one-second 16 kHz clips) and resampling speed (seconds of audio per second, 44.1 → 16 kHz and 48 → 22.05 kHz),
/// each on one thread and on all of them.
func dspBenchRows(repeats: Int) throws -> [BenchRow] {
    let all = Threads.count
    defer { Threads.set(all) }
    let clips = 16, clipLength = 16000
    let signal: [Float] = (0..<(10 * 48000)).map { i in
        let t = Double(i)
        return Float(sin(t * 0.01) + 0.1 * sin(t * 1.7))
    }
    var rows: [BenchRow] = []
    for threads in Set([1, all]).sorted() {
        Threads.set(threads)
        for n in [512, 1024] {
            let stft = try STFT(fftSize: n, hopLength: n / 4)
            let frames = clips * stft.frameCount(signalLength: clipLength)
            var re = [Float](repeating: 0, count: frames * stft.bins), im = re
            let s = try signal.withUnsafeBufferPointer { x in
                try re.withUnsafeMutableBufferPointer { r in
                    try im.withUnsafeMutableBufferPointer { i in
                        try medianSeconds(repeats: repeats) {
                            try stft.forward(x.baseAddress!, batch: clips, length: clipLength,
                                             real: r.baseAddress!, imag: i.baseAddress!)
                        }
                    }
                }
            }
            rows.append(BenchRow(name: "stft n=\(n) hop=\(n / 4) t=\(threads)", seconds: s, gflops: nil,
                                 note: String(format: "%.0f frames/s", Double(frames) / s)))
        }
        for (from, to) in [(44100, 16000), (48000, 22050)] {
            let resampler = try Resampler(from: from, to: to)
            let input = Array(signal.prefix(10 * from))  // 10 s of audio
            var output = [Float](repeating: 0, count: resampler.outputLength(inputLength: input.count))
            let s = input.withUnsafeBufferPointer { x in
                output.withUnsafeMutableBufferPointer { y in
                    medianSeconds(repeats: repeats) {
                        resampler.process(x.baseAddress!, count: x.count, output: y.baseAddress!)
                    }
                }
            }
            rows.append(BenchRow(name: "resample \(from)->\(to) t=\(threads)", seconds: s, gflops: nil,
                                 note: String(format: "%.0f s of audio/s (%d taps)", 10 / s, resampler.taps)))
        }
    }
    return rows
}
