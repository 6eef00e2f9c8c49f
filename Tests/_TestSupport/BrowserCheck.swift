import Foundation

/// Opens HTML pages in headless Chromium through `Tests/BrowserCheck/check_report.py` (DevTools protocol over a
/// pipe): console errors, undecoded images and audio elements that did not load make a page fail.
public enum BrowserCheck {
    /// What the checker saw.
    public struct Outcome: CustomStringConvertible {
        public var ok: Bool
        public var problems: [String]
        public var images: Int
        public var audio: Int
        public var loadSeconds: Double
        public var raw: String
        public var description: String { raw }
    }

    /// Chromium is on the PATH.
    public static var available: Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/chromium")
        }
    }

    /// Running under CI (`CI` set), where a missing Chromium is a failure rather than a skip.
    public static var inCI: Bool { ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty } ?? false }

    /// The package's root folder.
    public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Where tests save screenshots: `.build/test-output/reports/`.
    public static var screenshotFolder: URL {
        let folder = packageRoot.appendingPathComponent(".build/test-output/reports")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Checks `page` (JavaScript off unless `javascript`), saving a screenshot named `screenshot` (`NAME.png`) in
    /// `screenshotFolder` when given.
    public static func check(_ page: URL, screenshot: String? = nil, javascript: Bool = false) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        var arguments = ["python3", packageRoot.appendingPathComponent("Tests/BrowserCheck/check_report.py").path,
                         page.path, "--javascript", javascript ? "on" : "off"]
        if let screenshot { arguments += ["--screenshot", screenshotFolder.appendingPathComponent(screenshot).path] }
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
        return Outcome(ok: object["ok"] as? Bool == true && process.terminationStatus == 0,
                       problems: object["problems"] as? [String] ?? ["checker printed: \(text)"],
                       images: object["images"] as? Int ?? 0, audio: object["audio"] as? Int ?? 0,
                       loadSeconds: object["load_seconds"] as? Double ?? .nan, raw: text)
    }
}
