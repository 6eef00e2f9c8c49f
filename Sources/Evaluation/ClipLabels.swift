/// The labels of a set of clips: the label names and, for every clip, the index of its name (as `ClipDataset`
/// reads them from first-level subfolder names).
public struct ClipLabels: Sendable, Equatable {
    /// Label names, indexed by `indices`.
    public let names: [String]
    /// One label index per clip, each in `0..<names.count`.
    public let indices: [Int]

    /// Throws when an index lies outside `names`.
    public init(names: [String], indices: [Int]) throws {
        if let bad = indices.firstIndex(where: { !names.indices.contains($0) }) {
            throw EvaluationError.invalidInput(
                "clip \(bad) has label index \(indices[bad]), but there are \(names.count) label names")
        }
        self.names = names
        self.indices = indices
    }

    /// Clips per label, in the order of `names`.
    public var counts: [Int] {
        var c = [Int](repeating: 0, count: names.count)
        for i in indices { c[i] += 1 }
        return c
    }

    /// Why a classifier cannot be trained and tested on these labels (fewer than 2 labels, or a label with fewer
    /// than 2 clips: one to train on and one to hold out), or nil when it can.
    public var classifierProblem: String? {
        guard names.count >= 2 else {
            return "the real clips have \(names.count) label(s) (\(names.joined(separator: ", "))); "
                + "a classifier needs at least 2 label subfolders"
        }
        if let k = counts.firstIndex(where: { $0 < 2 }) {
            return "real label '\(names[k])' has \(counts[k]) clip(s); a classifier needs at least 2 per label"
        }
        return nil
    }
}
