import DSP
import Evaluation
import Foundation
import TensorCore

/// The report of `swiftgan audio evaluate`: the metric table, nearest-real-neighbour pairs to listen to side by side
/// and, for labelled clips, a section per label with generated and real clips.
public enum AudioEvaluationReport {
    /// Generated clips shown with their nearest real clip.
    public static let maxPairs = 8
    /// Clips of each side shown per label.
    public static let maxClipsPerLabel = 3

    /// Clips are `[count, 16384]` arrays at 16 kHz mono, as `swiftgan audio evaluate` reads them.
    public static func make(
        real: [Float], realLabels: ClipLabels?, generated: [Float], generatedLabels: ClipLabels?,
        result: AudioEvaluation, title: String
    ) throws -> HTMLDocument {
        let length = LogMelFeatures.clipLength
        guard real.count % length == 0, generated.count % length == 0, real.count > 0, generated.count > 0 else {
            throw ReportError.invalidInput("audio report clips must be whole 16384-sample clips")
        }
        let realCount = real.count / length, generatedCount = generated.count / length
        func clip(_ all: [Float], _ i: Int) -> [Float] { Array(all[(i * length)..<((i + 1) * length)]) }
        var page = HTMLDocument(title: title)
        page.heading("Metrics")
        page.table(header: ["metric", "value", "note"], rows: result.text.split(separator: "\n").map { line in
            var cells = line.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            while cells.count < 3 { cells.append("") }
            return [cells[0], cells[1], cells[2...].joined(separator: " ")]
        })

        let view = try AudioClipView()
        let features = try LogMelFeatures()
        let realFeatures = try features(real.chunkedPeakNormalised(length), count: realCount)
        let shown = min(maxPairs, generatedCount)
        let generatedFeatures = try features(Array(generated[..<(shown * length)]).chunkedPeakNormalised(length),
                                             count: shown)
        page.heading("Nearest real neighbours")
        page.paragraph("The first \(shown) generated clips, each beside the real clip nearest to it on the log-mel "
                       + "features (Euclidean distance, as D_train). A distance near 0 means a copy. Spectrograms: "
                       + "128 mel bands, 40 Hz–7.8 kHz, 80 dB range.")
        let featureSize = LogMelFeatures.featureCount
        let neighbours = NearestNeighbors.search(queries: Array(generatedFeatures[..<(shown * featureSize)]),
                                                 reference: realFeatures, dimension: featureSize, k: 1)
        guard neighbours.k == 1 || shown == 0 else { throw ReportError.invalidInput("no real clips to compare with") }
        page.grid(try (0..<shown).map { g in
            let (index, distance) = (neighbours.indices[g], neighbours.distances[g])
            return "<div class=\"grid pair\">"
                + (try view.figure(samples: clip(generated, g), caption: "generated #\(g)"))
                + (try view.figure(samples: clip(real, index),
                                   caption: "nearest real #\(index) · distance " + String(format: "%.1f", distance)))
                + "</div>"
        })

        if let generatedLabels {
            page.heading("Per label")
            for (k, name) in generatedLabels.names.enumerated() {
                page.heading(name, level: 3)
                let mine = generatedLabels.indices.indices.filter { generatedLabels.indices[$0] == k }
                let theirs = realLabels.map { labels in
                    labels.indices.indices.filter { labels.names[labels.indices[$0]] == name }
                } ?? []
                page.grid(try mine.prefix(maxClipsPerLabel).map {
                    try view.figure(samples: clip(generated, $0), caption: "generated \(name) #\($0)")
                } + theirs.prefix(maxClipsPerLabel).map {
                    try view.figure(samples: clip(real, $0), caption: "real \(name) #\($0)")
                })
            }
        }
        return page
    }
}

extension Array where Element == Float {
    /// Each `length`-sample clip scaled to peak 1, as the audio metrics see them.
    func chunkedPeakNormalised(_ length: Int) -> [Float] {
        stride(from: 0, to: count, by: length).flatMap { peakNormalised(Array(self[$0..<Swift.min($0 + length, count)])) }
    }
}
