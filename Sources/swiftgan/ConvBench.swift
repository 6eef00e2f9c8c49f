import SwiftGAN

/// The `conv` bench suite: SwiftGAN's convolution kernels at WaveGAN's layer shapes (model size d = 64, batch 64,
/// kernel 25, stride 4, padding 11; the generator's transposed convolutions have output padding 1).
///
/// Each layer is measured in its three passes. A transposed layer runs the same three kernels as the convolution
/// it is the adjoint of, with the passes relabelled (its forward is `backwardInput`, its input gradient is `forward`).
/// Useful GFLOP/s count `2·B·Cin·Cout·K·L` with `L` the shorter of the two lengths.
struct ConvBench {
    /// One WaveGAN layer, described by the convolution geometry its kernels run.
    struct Layer {
        var name: String
        var geometry: Conv1dGeometry
        var transposed: Bool
        /// A layer with one waveform channel, run by the direct loops rather than GEMMs.
        var thin: Bool { geometry.inChannels == 1 }
    }

    enum Pass: CaseIterable {
        case forward, inputGradient, weightGradient

        var label: String {
            switch self {
            case .forward: return "forward"
            case .inputGradient: return "input grad"
            case .weightGradient: return "weight grad"
            }
        }
    }

    let repeats: Int
    /// Measures the sgemm n=2048 GFLOP/s figure the rows are compared with. It is taken again before each layer,
    /// so that the ratios stay fair when other work shares the machine.
    let sgemmGflops: () -> Double
    /// Which rows to measure, by name.
    let selected: (String) -> Bool

    static let batch = 64, kernel = 25, stride = 4, padding = 11

    /// WaveGAN's generator: transposed convolutions 1024→512→256→128→64→1, length 16 → 16384.
    static func generator() throws -> [Layer] {
        let channels = [1024, 512, 256, 128, 64, 1]
        return try (0..<5).map { l in
            let lin = 16 << (2 * l)
            let g = try Conv1dGeometry.transposed(
                batch: batch, inChannels: channels[l], outChannels: channels[l + 1], inLength: lin,
                kernelSize: kernel, stride: stride, padding: padding, outputPadding: 1)
            return Layer(
                name: "G convT\(l + 1) \(channels[l])→\(channels[l + 1]) L\(lin)→\(4 * lin)", geometry: g,
                transposed: true)
        }
    }

    /// WaveGAN's critic: convolutions 1→64→128→256→512→1024, length 16384 → 16.
    static func discriminator() throws -> [Layer] {
        let channels = [1, 64, 128, 256, 512, 1024]
        return try (0..<5).map { l in
            let lin = 16384 >> (2 * l)
            let g = try Conv1dGeometry(
                batch: batch, inChannels: channels[l], outChannels: channels[l + 1], inLength: lin,
                kernelSize: kernel, stride: stride, padding: padding)
            return Layer(
                name: "D conv\(l + 1) \(channels[l])→\(channels[l + 1]) L\(lin)→\(lin / 4)", geometry: g,
                transposed: false)
        }
    }

    /// One row per (layer, pass), then a full forward pass of each network with its thin layer's share.
    func rows() throws -> [BenchRow] {
        var rows: [BenchRow] = []
        for (network, layers) in [("G", try Self.generator()), ("D", try Self.discriminator())] {
            let buffers = layers.map(Buffers.init)
            for (layer, b) in zip(layers, buffers) {
                let passes = Pass.allCases.filter { selected("\(layer.name) \($0.label)") }
                let reference = passes.isEmpty ? 0 : sgemmGflops()
                for pass in passes {
                    let s = medianSeconds(repeats: repeats) { b.run(pass, transposed: layer.transposed) }
                    rows.append(row("\(layer.name) \(pass.label)", seconds: s, flops: layer.geometry.flops,
                                    reference: reference))
                }
            }
            let fullName = "\(network) full forward (5 layers)"
            if !selected(fullName) { continue }
            var thinSeconds = 0.0
            let total = medianSeconds(repeats: repeats) {
                for (layer, b) in zip(layers, buffers) {
                    let t0 = DispatchTime.now().uptimeNanoseconds
                    b.run(.forward, transposed: layer.transposed)
                    if layer.thin { thinSeconds += Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9 }
                }
            }
            thinSeconds /= Double(repeats + 1)
            var full = row(fullName, seconds: total, flops: layers.reduce(0) { $0 + $1.geometry.flops },
                           reference: sgemmGflops())
            full.note = (full.note ?? "") + String(format: "; thin layer %.1f%% of the time", 100 * thinSeconds / total)
            rows.append(full)
        }
        return rows
    }

    private func row(_ name: String, seconds: Double, flops: Double, reference: Double) -> BenchRow {
        let gflops = flops / seconds / 1e9
        return BenchRow(name: name, seconds: seconds, gflops: gflops,
                        note: String(format: "%.0f%% of sgemm n=2048 (%.0f GFLOP/s)", 100 * gflops / reference,
                                      reference))
    }

    /// The tensors of one layer, in the convolution's terms: `a` is the convolution's input (a transposed layer's
    /// output), `b` its output (a transposed layer's input).
    final class Buffers {
        let geometry: Conv1dGeometry
        let a, b, weight, weightGradient: TensorStorage

        init(_ layer: Layer) {
            let g = layer.geometry
            geometry = g
            a = Self.filled(g.inputCount, seed: 1)
            b = Self.filled(g.outputCount, seed: 2)
            weight = Self.filled(g.weightCount, seed: 3)
            weightGradient = TensorStorage(count: g.weightCount)
        }

        /// Runs `pass` of the layer (a transposed layer's forward is the convolution's input gradient and back).
        func run(_ pass: Pass, transposed: Bool) {
            switch (pass, transposed) {
            case (.forward, false), (.inputGradient, true):
                Conv1dKernels.forward(x: a.pointer, weight: weight.pointer, y: b.pointer, geometry)
            case (.inputGradient, false), (.forward, true):
                Conv1dKernels.backwardInput(gy: b.pointer, weight: weight.pointer, gx: a.pointer, geometry)
            case (.weightGradient, _):
                Conv1dKernels.backwardWeight(x: a.pointer, gy: b.pointer, gw: weightGradient.pointer, geometry)
            }
        }

        /// Deterministic values in [-0.5, 0.5).
        private static func filled(_ count: Int, seed: Int) -> TensorStorage {
            let s = TensorStorage(count: count)
            for i in 0..<count { s.pointer[i] = Float((i &* 2_654_435_761 &+ seed) & 1023) / 1024 - 0.5 }
            return s
        }
    }
}
