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

    /// Scans `root` recursively for audio files (by extension, see `AudioFile.audioExtensions`). With `labels`,
    /// each file's label is the name of the first-level subfolder it lies in, and files directly in `root` are
    /// skipped.
    public static func scan(_ root: URL, labels: Bool = false) throws -> AudioCorpus {
        let root = root.standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue
        else { throw AudioIOError.notADirectory(path: root.path) }
        var audio: [String] = [], skipped: [SkippedFile] = [], other = 0
        let enumerator = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [],
            errorHandler: { url, error in
                skipped.append(SkippedFile(path: url.path, reason: "cannot be listed (\(error.localizedDescription))"))
                return true
            })
        while let url = enumerator?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(root.path.count + 1))
            let name = url.lastPathComponent
            if name.hasPrefix(".") || !AudioFile.audioExtensions.contains(url.pathExtension.lowercased()) {
                other += 1
            } else if labels && !relative.contains("/") {
                skipped.append(SkippedFile(path: relative, reason: "not inside a label subfolder; move it into one"))
            } else {
                audio.append(relative)
            }
        }
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
