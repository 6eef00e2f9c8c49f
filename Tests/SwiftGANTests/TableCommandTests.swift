import Foundation
import SwiftGAN
import Testing
import _TestSupport

/// `swiftgan table train / sample / augment --method gan`, run as the real binary.
@Suite struct TableCommandTests {
    /// A folder holding `toy.csv` (the synthesizer tests' table).
    static func folderWithTable() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("swiftgan-tablecli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try TableSynthesizerTests.toyTable().write(csvFile: folder.appendingPathComponent("toy.csv").path)
        return folder
    }

    @Test func trainThenSampleUnderConditions() throws {
        let folder = try Self.folderWithTable()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = { (name: String) in folder.appendingPathComponent(name).path }
        let train = try runSwiftGAN(["table", "train", "--data", path("toy.csv"), "--out", path("run"), "--epochs", "2",
                                     "--target", "color", "--seed", "4"])
        #expect(train.status == 0, "\(train.stderr)")
        #expect(train.stdout.contains("model written to"))
        #expect(FileManager.default.fileExists(atPath: path("run/model.safetensors")))

        let sample = try runSwiftGAN(["table", "sample", "--model", path("run"), "--rows", "30", "--out", path("g.csv"),
                                      "--condition", "color=green", "--condition", "size=L"])
        #expect(sample.status == 0, "\(sample.stderr)")
        let rows = try Table.read(csvFile: path("g.csv"))
        #expect(rows.rowCount == 30 && rows.columnNames == ["color", "size", "x", "y"])
        #expect((0..<30).allSatisfy { try! rows.column("color").text($0) == "green" && rows.column("size").text($0) == "L" })

        // Bad conditions: one line naming the problem, exit code 1, no output file.
        for (condition, expected) in [("shade=red", "no discrete column named 'shade'"), ("color=pink", "no value 'pink'"),
                                      ("x=3", "column 'x' is numeric")] {
            let bad = try runSwiftGAN(["table", "sample", "--model", path("run"), "--rows", "5", "--out", path("bad.csv"),
                                       "--condition", condition])
            #expect(bad.status != 0)
            #expect(bad.stderr.contains(expected), "\(condition): \(bad.stderr)")
            #expect(!FileManager.default.fileExists(atPath: path("bad.csv")))
        }
        let notModel = try runSwiftGAN(["table", "sample", "--model", path("toy.csv"), "--rows", "5", "--out", path("n.csv")])
        #expect(notModel.status != 0 && notModel.stderr.contains("valid safetensors"), "\(notModel.stderr)")
    }

    @Test func idAndConstantColumnsAreNotedAndCanBeLeftOut() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("swiftgan-tableids-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = { (name: String) in folder.appendingPathComponent(name).path }
        try TableColumnsAndBudgetTests.tableWithExtras().write(csvFile: path("t.csv"))

        let inspect = try runSwiftGAN(["table", "inspect", "--data", path("t.csv")])
        #expect(inspect.status == 0, "\(inspect.stderr)")
        #expect(inspect.stdout.contains("note: column 'id' looks like a row identifier") && inspect.stdout.contains("--id id"))
        #expect(inspect.stdout.contains("note: column 'source' is constant"))

        let train = try runSwiftGAN(["table", "train", "--data", path("t.csv"), "--out", path("run"), "--epochs", "1",
                                     "--id", "id", "--drop", "source"])
        #expect(train.status == 0, "\(train.stderr)")
        #expect(!train.stdout.contains("note:") && train.stdout.contains("step budget reached"), "\(train.stdout)")
        let sample = try runSwiftGAN(["table", "sample", "--model", path("run"), "--rows", "12", "--out", path("s.csv")])
        #expect(sample.status == 0, "\(sample.stderr)")
        let rows = try Table.read(csvFile: path("s.csv"))
        #expect(rows.columnNames == ["id", "color", "size", "x", "y"])
        let ids = try rows.column("id")
        #expect(ids.numbers == (1...12).map(Double.init))

        let evaluate = try runSwiftGAN(["table", "evaluate", "--real", path("t.csv"), "--synthetic", path("s.csv"),
                                        "--id", "id", "--drop", "source", "--json"])
        #expect(evaluate.status == 0 && !evaluate.stdout.contains("\"id\""), "\(evaluate.stderr)")

        let typo = try runSwiftGAN(["table", "train", "--data", path("t.csv"), "--out", path("run2"), "--drop", "sorce"])
        #expect(typo.status != 0 && typo.stderr.contains("sorce"), "\(typo.stderr)")
    }

    @Test func augmentWithTheGANBalancesTheClasses() throws {
        let folder = try Self.folderWithTable()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = { (name: String) in folder.appendingPathComponent(name).path }
        let result = try runSwiftGAN(["table", "augment", "--data", path("toy.csv"), "--method", "gan", "--target", "color",
                                      "--out", path("balanced.csv"), "--epochs", "2"])
        #expect(result.status == 0, "\(result.stderr)")
        let table = try Table.read(csvFile: path("balanced.csv"))
        let colors = (0..<table.rowCount).map { try! table.column("color").text($0) }
        let counts = Dictionary(grouping: colors, by: { $0 }).mapValues(\.count)
        let original = try TableSynthesizerTests.toyTable()
        let largest = Dictionary(grouping: (0..<original.rowCount).map { try! original.column("color").text($0) },
                                 by: { $0 }).mapValues(\.count).values.max()!
        #expect(counts == ["red": largest, "blue": largest, "green": largest], "\(counts)")
        #expect(result.stdout.contains("table GAN on 'color'"))
        let wrong = try runSwiftGAN(["table", "augment", "--data", path("toy.csv"), "--method", "gans", "--target", "color",
                                     "--out", path("x.csv")])
        #expect(wrong.status != 0 && wrong.stderr.contains("'gans' is invalid for '--method") && wrong.stderr.contains("'smote'"))
    }

    /// `table utility` with two methods, GAN included: a report per method, as text and as JSON.
    @Test func utilityReportsTheGainOfEachMethod() throws {
        let folder = try Self.folderWithTable()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = { (name: String) in folder.appendingPathComponent(name).path }
        let common = ["table", "utility", "--data", path("toy.csv"), "--target", "color", "--splits", "2", "--epochs", "1"]
        let text = try runSwiftGAN(common + ["--method", "random,gan"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("random on 'color': 2 splits") && text.stdout.contains("gan on 'color': 2 splits")
                && text.stdout.contains("random forest        balanced accuracy"), "\(text.stdout)")
        let json = try runSwiftGAN(common + ["--method", "smote", "--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let reports = try JSONDecoder().decode([String: TableUtility].self, from: Data(json.stdout.utf8))
        #expect(reports["smote"]?.gains.count == 6 && reports["smote"]?.splits == 2)
        let wrong = try runSwiftGAN(common + ["--method", "smote,gans"])
        #expect(wrong.status != 0 && wrong.stderr.contains("not 'gans'"), "\(wrong.stderr)")
    }
}
