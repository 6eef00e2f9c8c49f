import Foundation
import SwiftGAN
import Testing
import _TestSupport

/// The command line as a thin layer: one module to import, OpenBLAS loaded once up front, library messages turned
/// into flags.
@Suite struct CommandLineTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    @Test func commandLineFilesImportSwiftGANAndArgumentParserOnly() throws {
        let folder = Self.sources.appendingPathComponent("swiftgan")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }
        #expect(files.count > 20)
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            let imports = text.split(separator: "\n").filter { $0.hasPrefix("import ") || $0.contains(" import ") }
            for line in imports {
                #expect(line == "import SwiftGAN" || line == "import ArgumentParser", "\(file): \(line)")
            }
        }
    }

    @Test func aMissingOpenBLASIsOneLineBeforeAnyWork() throws {
        let out = temporaryURL("no-blas").path + ".npy"
        let result = try runSwiftGAN(["series", "sines", "--count", "2", "--out", out],
                                     environment: ["SWIFTGAN_OPENBLAS": "/nonexistent/libopenblas.so.0"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1 && result.stderr.contains("OpenBLAS not found"),
                "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        // Help needs no OpenBLAS.
        let help = try runSwiftGAN(["series", "sines", "--help"],
                                   environment: ["SWIFTGAN_OPENBLAS": "/nonexistent/libopenblas.so.0"])
        #expect(help.status == 0 && help.stdout.contains("--count"))
    }

    @Test func enumeratedOptionsListTheirValues() throws {
        let result = try runSwiftGAN(["audio", "train", "--data", "x", "--out", "y", "--loss", "wgan"])
        #expect(result.status != 0 && result.stderr.contains("'wgan-gp'") && result.stderr.contains("'lsgan'"),
                "\(result.stderr)")
    }

    @Test func libraryMessagesNameFlagsOnTheCommandLineOnly() throws {
        let library = TableError.raggedRow(file: "a.csv", line: 3, expected: 2, found: 3).description
        #expect(library.contains("`CSVOptions.delimiter`") && !library.contains("--"))
        let folder = temporaryURL("ragged-csv")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("t.csv").path
        try "a,b\n1,2\n3,4,5\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let result = try runSwiftGAN(["table", "inspect", "--data", csv])
        #expect(result.status == 1 && result.stderr.contains("pass the right --delimiter") == false
                && result.stderr.contains("give the right --delimiter"), "\(result.stderr)")
    }
}
