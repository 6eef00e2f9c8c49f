import SwiftGAN

/// The PyTorch peer of the wavegan rows, run by the bench itself on the same machine (`--peer PYTHON`):
/// `tools/peers/wavegan_torch_speed.py` times the same work under the same row names and prints JSON.
struct PeerBench {
    /// The Python interpreter that has torch.
    var python: String
    /// The peer script.
    var script: String

    struct Output: Decodable {
        struct Row: Decodable {
            var name: String
            var precision: String
            var seconds: Double
        }
        var torch: String
        var threads: Int
        var rows: [Row]
    }

    /// Runs the peer for the wavegan rows; precisions are "fp32" and, where asked, "bf16".
    func run(sizes: [Int], threads: Int, repeats: Int, precisions: [String], filter: String?) throws -> Output {
        guard FileManager.default.fileExists(atPath: script) else {
            throw BenchError("peer script \(script) not found; run from the SwiftGAN folder or give --peer-script")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let list = { (values: [Int]) -> String in values.map(String.init).joined(separator: ",") }
        var arguments = [python, script, "--sizes", list(sizes), "--batches", list(WaveGANBench.paperBatches)]
        arguments += ["--threads", String(threads), "--repeats", String(repeats)]
        arguments += ["--precision", precisions.joined(separator: ",")]
        if let filter { arguments += ["--filter", filter] }
        process.arguments = arguments
        let (data, status) = try standardOutput(of: process)
        guard status == 0 else {
            throw BenchError("the peer (\(python) \(script)) exited with status \(status)")
        }
        do { return try JSONDecoder().decode(Output.self, from: data) } catch {
            throw BenchError("the peer printed no readable JSON: \(String(decoding: data.prefix(200), as: UTF8.self))")
        }
    }

    /// `rows` with the peer's seconds for the same names: `reference` and `ratio` against the fastest PyTorch
    /// precision, and each precision's time in the note.
    static func attach(_ peer: Output, to rows: [BenchRow]) -> [BenchRow] {
        rows.map { row in
            let matches = peer.rows.filter { $0.name == row.name }
            guard let best = matches.min(by: { $0.seconds < $1.seconds }) else { return row }
            var r = row
            r.reference = best.seconds
            r.ratio = row.seconds / best.seconds
            let each = matches.map { String(format: "%@ %.3f s (×%.2f)", $0.precision, $0.seconds,
                                            row.seconds / $0.seconds) }
            r.note = ([r.note].compactMap { $0 } + ["PyTorch " + each.joined(separator: ", ")])
                .joined(separator: "; ")
            return r
        }
    }
}

/// A bench that cannot run as asked.
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
