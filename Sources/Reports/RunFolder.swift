import Foundation
import Training

/// What a report reads from a training run directory: `config.json`, `metrics.jsonl`, `checkpoints/`, `previews/`
/// and the exported model.
struct RunFolder {
    /// The domain a run trained on, from the shape of `config.json`'s `domain` object.
    enum Domain: String {
        case audio, table, series, unknown
    }

    let url: URL
    let training: GANTrainingConfig
    /// `config.json` as written, pretty-printed.
    let configText: String
    let domain: Domain
    /// One dictionary per line of `metrics.jsonl` (numbers only; nulls become NaN).
    let metrics: [[String: Double]]
    /// Steps of the checkpoints on disk, oldest first.
    let checkpointSteps: [Int]
    let hasModel: Bool

    init(_ url: URL) throws {
        self.url = url
        let configURL = url.appendingPathComponent("config.json")
        guard let data = try? Data(contentsOf: configURL) else {
            throw ReportError.notARun(path: url.path, reason: "it has no readable config.json")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let trainingObject = object["training"],
              let trainingData = try? JSONSerialization.data(withJSONObject: trainingObject),
              let training = try? JSONDecoder().decode(GANTrainingConfig.self, from: trainingData)
        else { throw ReportError.notARun(path: url.path, reason: "its config.json has no valid \"training\" object") }
        self.training = training
        configText = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]))
            .map { String(decoding: $0, as: UTF8.self) } ?? String(decoding: data, as: UTF8.self)
        let domainObject = object["domain"] as? [String: Any] ?? [:]
        if domainObject["clips"] != nil {
            domain = .audio
        } else if domainObject["transformer"] != nil {
            domain = .table
        } else if (domainObject["format"] as? String)?.hasPrefix("swiftgan-series") == true {
            domain = .series
        } else {
            domain = .unknown
        }
        metrics = MetricsLog.read(runDirectory: url)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.appendingPathComponent("checkpoints").path)) ?? []
        checkpointSteps = names.compactMap { name in
            name.hasPrefix("step-") && name.hasSuffix(".safetensors") ? Int(name.dropFirst(5).dropLast(12)) : nil
        }.sorted()
        hasModel = FileManager.default.fileExists(atPath: url.appendingPathComponent("model.safetensors").path)
    }

    /// The last step and wall time the run logged.
    var last: (step: Int, seconds: Double)? {
        guard let line = metrics.last(where: { $0["step"] != nil }) else { return nil }
        return (Int(line["step"]!), line["seconds"] ?? .nan)
    }

    /// A sentence saying where and why the run stopped.
    var stopSummary: String {
        let step = max(last?.step ?? 0, checkpointSteps.last ?? 0)
        let seconds = last?.seconds ?? .nan
        let time = seconds.isFinite ? " after " + formatSeconds(seconds) : ""
        if let maxSteps = training.maxSteps, step >= maxSteps {
            return "Reached its step budget: \(step) of \(maxSteps) steps\(time)."
        }
        if let minutes = training.maxMinutes, seconds >= minutes * 60 {
            return "Reached its time budget of \(formatSeconds(minutes * 60)) at step \(step)."
        }
        let budget = [training.maxSteps.map { "\($0) steps" }, training.maxMinutes.map { formatSeconds($0 * 60) }]
            .compactMap { $0 }.joined(separator: " or ")
        return "Stopped at step \(step)\(time), before its budget of \(budget) (Ctrl-C, a stop signal, an error, or "
            + "still running); resume the training to continue."
    }

    /// The `previews/step-…` folders, oldest first, with their steps.
    var previewFolders: [(step: Int, url: URL)] {
        let previews = url.appendingPathComponent("previews")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: previews.path)) ?? []
        return names.compactMap { name in
            name.hasPrefix("step-") ? Int(name.dropFirst(5)).map { ($0, previews.appendingPathComponent(name)) } : nil
        }.sorted { $0.0 < $1.0 }
    }
}

/// Audio files in `folder` (not recursive), sorted by name.
func audioFiles(in folder: URL) -> [URL] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    let extensions: Set<String> = ["wav", "flac", "ogg", "aif", "aiff"]
    return names.filter { extensions.contains(($0 as NSString).pathExtension.lowercased()) }.sorted()
        .map { folder.appendingPathComponent($0) }
}

/// `42 s`, `3 min 20 s`, `1 h 05 min`.
func formatSeconds(_ seconds: Double) -> String {
    let t = Int(seconds.rounded())
    if t < 60 { return "\(t) s" }
    if t < 3600 { return "\(t / 60) min" + (t % 60 > 0 ? " \(t % 60) s" : "") }
    return String(format: "%d h %02d min", t / 3600, t / 60 % 60)
}

/// At most `limit` elements spread evenly over `items`, always keeping the first and the last.
func evenlySpaced<T>(_ items: [T], limit: Int) -> [T] {
    guard items.count > limit, limit >= 2 else { return Array(items.prefix(max(limit, 0))) }
    return (0..<limit).map { items[Int((Double($0) * Double(items.count - 1) / Double(limit - 1)).rounded())] }
}
