import ArgumentParser
import Foundation
import TensorCore

/// `swiftgan bench`: the project's speed figures (GFLOP/s, ratios), measured as medians over repeats.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measure SwiftGAN's kernels (run on a quiet machine).")

    @Option(help: "Threads to use (default: all cores).") var threads: Int?
    @Option(help: "Repeats per measurement; the median is reported.") var repeats = 5
    @Flag(help: "Print JSON instead of a table.") var json = false

    func run() throws {
        try BLAS.load()
        if let t = threads { Threads.set(t) } else { Threads.set(Threads.count) }
        var rows: [BenchRow] = []
        for n in [512, 1024, 2048] { rows.append(benchSgemm(n: n, repeats: repeats)) }
        rows += try dspBenchRows(repeats: repeats)
        rows += try seriesBenchRows(repeats: repeats)
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
}

/// One benchmark figure.
struct BenchRow: Codable {
    var name: String
    var seconds: Double
    var gflops: Double?
    var note: String?
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

/// Median wall time of `body` over `repeats` runs after one warm-up run.
func medianSeconds(repeats: Int, _ body: () -> Void) -> Double {
    body()
    var times: [Double] = []
    for _ in 0..<max(1, repeats) {
        let t0 = DispatchTime.now().uptimeNanoseconds
        body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9)
    }
    times.sort()
    return times[times.count / 2]
}

func benchSgemm(n: Int, repeats: Int) -> BenchRow {
    let a = TensorStorage(count: n * n), b = TensorStorage(count: n * n), c = TensorStorage(count: n * n)
    for i in 0..<(n * n) { a.pointer[i] = Float(i % 7) * 0.1; b.pointer[i] = Float(i % 5) * 0.1 }
    let s = medianSeconds(repeats: repeats) {
        BLAS.sgemm(m: n, n: n, k: n, a: a.pointer, lda: n, b: b.pointer, ldb: n, c: c.pointer, ldc: n)
    }
    return BenchRow(name: "sgemm n=\(n)", seconds: s, gflops: 2 * Double(n * n * n) / s / 1e9)
}
