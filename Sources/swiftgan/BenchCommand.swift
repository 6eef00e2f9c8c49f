import ArgumentParser
import SwiftGAN

/// `swiftgan bench`: the project's speed figures (GFLOP/s, ratios), measured as medians over repeats.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measure SwiftGAN's kernels (run on a quiet machine).")

    @Option(help: "Threads to use (default: all cores).") var threads: Int?
    @Option(help: "Repeats per measurement; the median is reported.") var repeats = 5
    @Option(help: "Which measurements to run.")
    var suite = BenchSuite.all
    @Option(help: "Only measurements whose name contains this text.") var filter: String?
    @Option(help: "Model sizes d for the wavegan suite (comma-separated).") var sizes = "16,32,64"
    @Flag(help: "Print JSON instead of a table.") var json = false
    @Option(help: "A Python with torch: run the PyTorch peer of the wavegan rows on this machine, in this command.")
    var peer: String?
    @Option(help: "The peer script.") var peerScript = "tools/peers/wavegan_torch_speed.py"
    @Option(help: "Peer precisions: fp32, or fp32,bf16 (PyTorch's bf16 autocast).") var peerPrecision = "fp32,bf16"

    var waveganSizes: [Int] { sizes.split(separator: ",").compactMap { Int($0) } }

    func run() throws {
        if let t = threads { Threads.set(t) } else { Threads.set(Threads.count) }
        var rows: [BenchRow] = []
        if suite.includes(.blas) {
            for n in [512, 1024, 2048] where selected("sgemm n=\(n)") { rows.append(benchSgemm(n: n, repeats: repeats)) }
        }
        if suite.includes(.conv) {
            let reference = { benchSgemm(n: 2048, repeats: 3).gflops ?? 1 }
            rows += try ConvBench(repeats: repeats, sgemmGflops: reference, selected: selected).rows()
        }
        if suite.includes(.dsp) { rows += try dspBenchRows(repeats: repeats) }
        if suite.includes(.wavegan) {
            let peak = benchSgemm(n: 2048, repeats: 3)
            var wavegan = try WaveGANBench.rows(repeats: repeats, sizes: waveganSizes, selected: selected)
            if let fp32 = peak.gflops {
                wavegan = wavegan.map { r in
                    var r = r
                    if let g = r.gflops {
                        let share = String(format: "%.0f%% of fp32 peak", 100 * g / fp32)
                        r.note = r.note.map { "\($0), \(share)" } ?? share
                    }
                    return r
                }
            }
            if let peer {
                let output = try PeerBench(python: peer, script: peerScript).run(
                    sizes: waveganSizes, threads: Threads.count, repeats: repeats,
                    precisions: peerPrecision.split(separator: ",").map(String.init), filter: filter)
                wavegan = PeerBench.attach(output, to: wavegan)
                rows.append(BenchRow(name: "peer", seconds: 0,
                                     note: "PyTorch \(output.torch), \(output.threads) threads, same machine, same run"))
            }
            rows.append(BenchRow(name: "fp32 peak (sgemm n=2048)", seconds: peak.seconds, gflops: peak.gflops))
            rows.append(BenchRow(name: "bf16 peak", seconds: 0,
                                 note: BLAS.cpuHasBF16 ? "AVX512-BF16 present; SwiftGAN has no bf16 path yet"
                                                       : "this CPU has no AVX512-BF16"))
            rows += wavegan
        }
        if suite.includes(.series) { rows += try seriesBenchRows(repeats: repeats) }
        if suite.includes(.tables) { rows += try TableBench.rows(repeats: repeats) }
        if suite.includes(.mpi) {
            guard let mpi = try MPIBench.rows(repeats: repeats, filter: filter, selected: selected) else { return }
            rows += mpi
        }
        let report = BenchReport(blasCore: BLAS.coreName, chosenCoreType: BLAS.chosenCoreType,
                                 threads: Threads.count, rows: rows)
        if json {
            let enc = JSONEncoder()
            enc.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try enc.encode(report), as: UTF8.self))
        } else {
            report.printTable()
        }
    }

    /// Whether the measurement called `name` passes `--filter`.
    func selected(_ name: String) -> Bool { filter.map { name.contains($0) } ?? true }
}

/// A group of bench rows, chosen with `--suite`; `all` runs every group but `mpi`, which runs `mpirun`.
enum BenchSuite: String, CaseIterable, ExpressibleByArgument {
    case all, blas, conv, dsp, wavegan, series, tables, mpi

    /// Whether running `self` includes the rows of `group`.
    func includes(_ group: BenchSuite) -> Bool { self == group || (self == .all && group != .mpi) }
}

/// One benchmark figure.
struct BenchRow: Codable {
    var name: String
    var seconds: Double
    var gflops: Double? = nil
    var note: String? = nil
    /// The PyTorch peer's seconds for the same work (its fastest precision), measured in the same run.
    var reference: Double? = nil
    /// `seconds / reference`: below 1 is faster than PyTorch.
    var ratio: Double? = nil
}

struct BenchReport: Codable {
    var blasCore: String
    var chosenCoreType: String?
    var threads: Int
    var rows: [BenchRow]

    func printTable() {
        print("BLAS kernels: \(blasCore)\(chosenCoreType.map { " (chosen by SwiftGAN: \($0))" } ?? ""), threads: \(threads)")
        let w = max(20, rows.map(\.name.count).max() ?? 0)
        print("\("measurement".padding(toLength: w, withPad: " ", startingAt: 0))  median ms   GFLOP/s  note")
        for r in rows {
            let ms = String(format: "%10.3f", r.seconds * 1000)
            let gf = r.gflops.map { String(format: "%9.1f", $0) } ?? "        -"
            print("\(r.name.padding(toLength: w, withPad: " ", startingAt: 0))  \(ms)  \(gf)  \(r.note ?? "")")
        }
    }
}

/// Runs `process` to its end; returns what it wrote to standard output and its exit status.
func standardOutput(of process: Process) throws -> (data: Data, status: Int32) {
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (data, process.terminationStatus)
}

/// Median wall time of `body` over `repeats` runs after one warm-up run.
func medianSeconds(repeats: Int, _ body: () throws -> Void) rethrows -> Double {
    try body()
    var times: [Double] = []
    for _ in 0..<max(1, repeats) {
        let t0 = DispatchTime.now().uptimeNanoseconds
        try body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9)
    }
    return median(times)
}

/// The middle value of `values` (the upper one of the middle two for an even count); `values` is not empty.
func median(_ values: [Double]) -> Double {
    values.sorted()[values.count / 2]
}

func benchSgemm(n: Int, repeats: Int) -> BenchRow {
    let a = TensorStorage(count: n * n), b = TensorStorage(count: n * n), c = TensorStorage(count: n * n)
    for i in 0..<(n * n) { a.pointer[i] = Float(i % 7) * 0.1; b.pointer[i] = Float(i % 5) * 0.1 }
    let s = medianSeconds(repeats: repeats) {
        BLAS.sgemm(m: n, n: n, k: n, a: a.pointer, lda: n, b: b.pointer, ldb: n, c: c.pointer, ldc: n)
    }
    return BenchRow(name: "sgemm n=\(n)", seconds: s, gflops: 2 * Double(n * n * n) / s / 1e9)
}
