import Foundation

/// A file left out of a dataset, and why.
public struct SkippedFile: Sendable, Equatable, CustomStringConvertible {
    /// Path relative to the dataset folder.
    public var path: String
    public var reason: String

    public var description: String { "\(path): \(reason)" }
}

/// The audio files found under a folder, in a fixed (sorted) order, with optional labels from subfolder names.
public struct AudioCorpus: Sendable {
    /// One audio file.
    public struct Entry: Sendable, Equatable {
        public var url: URL
        /// Path relative to the root, with `/` separators.
        public var relativePath: String
        /// Index into `labelNames`, or 0 when the corpus is unlabelled.
        public var label: Int
    }

    public let root: URL
    /// Audio files by relative path.
    public let files: [Entry]
    /// Sorted names of the first-level subfolders that hold audio (empty when unlabelled).
    public let labelNames: [String]
    /// Audio files left out while scanning (e.g. not inside a label folder).
    public let skipped: [SkippedFile]
    /// Count of files that are not audio (by extension) and were ignored, hidden files included.
    public let otherFiles: Int

    /// Scans `root` recursively for audio files (by extension, see `AudioFile.audioExtensions`), following links
    /// (each real folder once) and passing over hidden files and folders. With `labels`, each file's label is the
    /// name of the first-level subfolder it lies in, and files directly in `root` are skipped.
    public static func scan(_ root: URL, labels: Bool = false) throws -> AudioCorpus {
        let root = root.standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue
        else { throw AudioIOError.notADirectory(path: root.path) }
        var audio: [String] = [], skipped: [SkippedFile] = [], other = 0
        var visited: Set<String> = [root.resolvingSymlinksInPath().path]
        // Walks folders (following links, each real folder once) and sorts files into audio and other.
        func walk(_ folder: URL, _ prefix: String) {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
                skipped.append(SkippedFile(path: prefix.isEmpty ? "." : prefix, reason: "folder cannot be listed"))
                return
            }
            for name in names.sorted() {
                let url = folder.appendingPathComponent(name), relative = prefix + name
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                    skipped.append(SkippedFile(path: relative, reason: "broken link"))
                    continue
                }
                if isDirectory.boolValue {
                    if !name.hasPrefix("."), visited.insert(url.resolvingSymlinksInPath().path).inserted {
                        walk(url, relative + "/")
                    }
                } else if name.hasPrefix(".") || !AudioFile.audioExtensions.contains(url.pathExtension.lowercased()) {
                    other += 1
                } else if labels && prefix.isEmpty {
                    skipped.append(SkippedFile(path: relative, reason: "not inside a label subfolder; move it into one"))
                } else {
                    audio.append(relative)
                }
            }
        }
        walk(root, "")
        audio.sort()
        if audio.isEmpty && skipped.isEmpty {
            if other == 0 { throw AudioIOError.emptyDirectory(path: root.path) }
            throw AudioIOError.noAudioFiles(path: root.path, otherFiles: other)
        }
        let names = labels ? Array(Set(audio.map { String($0.prefix { $0 != "/" }) })).sorted() : []
        let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        let files = audio.map { rel in
            Entry(url: root.appendingPathComponent(rel), relativePath: rel,
                  label: labels ? index[String(rel.prefix { $0 != "/" })]! : 0)
        }
        return AudioCorpus(root: root, files: files, labelNames: names, skipped: skipped, otherFiles: other)
    }
}
