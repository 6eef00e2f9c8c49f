import Foundation
import Testing
import _TestSupport

/// `swiftgan bench --peer`: the peer's figures are run by the bench and matched to its rows by name.
@Suite struct BenchCommandTests {
    /// A stand-in peer: prints the JSON the PyTorch script prints, with fixed figures, and records its arguments.
    static func fakePeer(exitStatus: Int = 0) throws -> (script: URL, folder: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("swiftgan-peer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let script = folder.appendingPathComponent("peer.py")
        try """
            import json, sys
            open(sys.argv[0] + ".args", "w").write(" ".join(sys.argv[1:]))
            if \(exitStatus): sys.exit(\(exitStatus))
            rows = [{"name": "G forward d=2 B=64", "precision": p, "seconds": s} for p, s in (("fp32", 1000.0), ("bf16", 500.0))]
            print(json.dumps({"torch": "fake", "threads": 2, "rows": rows}))
            """.write(to: script, atomically: true, encoding: .utf8)
        return (script, folder)
    }

    /// The conditional training rows train a labelled model, with and without its spectral templates.
    @Test func conditionalRowsTrainALabelledModel() throws {
        let result = try runSwiftGAN(["bench", "--suite", "wavegan", "--sizes", "2", "--filter", "conditional",
                                      "--repeats", "1", "--threads", "2", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        let rows = (report["rows"] as! [[String: Any]]).filter { ($0["name"] as? String)?.hasPrefix("conditional") == true }
        #expect(rows.map { $0["name"] as? String } == ["conditional iter d=2 B=16", "conditional no templates iter d=2 B=16"])
        #expect(rows.allSatisfy { ($0["note"] as? String)?.contains("steps/s") == true })
    }

    @Test func peerFiguresJoinTheRowsOfTheSameName() throws {
        let (script, folder) = try Self.fakePeer()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try runSwiftGAN(["bench", "--suite", "wavegan", "--sizes", "2", "--filter", "G forward",
                                      "--repeats", "1", "--threads", "2", "--json", "--peer", "python3",
                                      "--peer-script", script.path])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        let rows = report["rows"] as! [[String: Any]]
        let forward = try #require(rows.first { $0["name"] as? String == "G forward d=2 B=64" })
        let seconds = try #require(forward["seconds"] as? Double), ratio = try #require(forward["ratio"] as? Double)
        #expect(forward["reference"] as? Double == 500, "the fastest precision is the reference")
        #expect(abs(ratio - seconds / 500) < 1e-9)
        #expect((forward["note"] as? String)?.contains("PyTorch fp32 1000.000 s") == true)
        #expect((forward["gflops"] as? Double).map { $0 > 0 } == true, "GEMM work was counted")
        #expect(rows.contains { $0["name"] as? String == "fp32 peak (sgemm n=2048)" })
        let arguments = try String(contentsOf: URL(fileURLWithPath: script.path + ".args"), encoding: .utf8)
        #expect(arguments.contains("--sizes 2") && arguments.contains("--threads 2") && arguments.contains("--filter"))
    }

    @Test func aFailingPeerIsOneLineAndStatusOne() throws {
        let (script, folder) = try Self.fakePeer(exitStatus: 3)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try runSwiftGAN(["bench", "--suite", "wavegan", "--sizes", "2", "--filter", "G forward",
                                      "--repeats", "1", "--peer", "python3", "--peer-script", script.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("exited with status 3"), "\(result.stderr)")
        let missing = try runSwiftGAN(["bench", "--suite", "wavegan", "--sizes", "2", "--filter", "G forward",
                                       "--repeats", "1", "--peer", "python3", "--peer-script", "/nonexistent/peer.py"])
        #expect(missing.status == 1 && missing.stderr.contains("not found"), "\(missing.stderr)")
    }
}
