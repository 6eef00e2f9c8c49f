import Foundation

/// The folder a command writes its audio into, mirroring the layout of the input folder.
struct OutputFolder {
    let root: URL
    /// Whether this run created `root` (and so may remove it again).
    private let created: Bool
    /// Output stem (relative path without extension) per input relative path.
    private let stems: [String: String]

    /// Checks that `output` is new or empty and does not lie inside `input` (a later scan would pick the results up),
    /// creates it, and plans names for `files`: `dir/name` from `dir/name.ext`, or `dir/name.ext` when two inputs
    /// share a name.
    init(_ output: URL, input: URL, files: [String]) throws {
        let out = output.standardizedFileURL, data = input.standardizedFileURL
        if out.path == data.path || out.path.hasPrefix(data.path + "/") {
            throw AudioIOError.invalidOption("output folder \(out.path) lies inside the data folder; choose another")
        }
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        let exists = fm.fileExists(atPath: out.path, isDirectory: &isDirectory)
        if exists {
            guard isDirectory.boolValue else { throw AudioIOError.notADirectory(path: out.path) }
            if let contents = try? fm.contentsOfDirectory(atPath: out.path), !contents.isEmpty {
                throw AudioIOError.invalidOption(
                    "output folder \(out.path) is not empty; choose a new folder so results do not mix with old ones")
            }
        }
        do {
            try fm.createDirectory(at: out, withIntermediateDirectories: true)
        } catch {
            throw AudioIOError.writeFailed(path: out.path, reason: "cannot create the folder (\(error.localizedDescription))")
        }
        root = out
        created = !exists
        let bare = files.map { ($0 as NSString).deletingPathExtension }
        let counts = Dictionary(bare.map { ($0, 1) }, uniquingKeysWith: +)
        stems = Dictionary(uniqueKeysWithValues: zip(files, bare).map { ($0, counts[$1]! > 1 ? $0 : $1) })
    }

    /// Removes the folder again when this run created it and wrote nothing (only empty subfolders).
    func removeIfUnused() {
        guard created else { return }
        let e = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = e?.nextObject() as? URL {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true { return }
        }
        try? FileManager.default.removeItem(at: root)
    }

    /// `root/<stem><suffix>.<ext>` for the input `relativePath`, creating its subfolder.
    func url(for relativePath: String, suffix: String, format: AudioFileFormat) throws -> URL {
        let url = root.appendingPathComponent("\(stems[relativePath]!)\(suffix).\(format.fileExtension)")
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw AudioIOError.writeFailed(path: folder.path, reason: "cannot create the folder (\(error.localizedDescription))")
        }
        return url
    }
}
