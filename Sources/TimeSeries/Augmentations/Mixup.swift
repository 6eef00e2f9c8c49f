/// Mixup within a class (Zhang et al. 2018, applied per class as is usual for series): each series is blended with a
/// partner drawn uniformly from the other series of its class, `x' = λ x_i + (1 − λ) x_j` with `λ ~ Beta(α, α)`.
/// Without labels all series form one class. Every class needs at least two series. Default α = 0.2.
public struct Mixup: SeriesAugmenter {
    public static let name = "mixup"
    /// The Beta distribution's parameter; small α keeps λ near 0 or 1.
    public var alpha: Double

    public init(alpha: Double = 0.2) {
        self.alpha = alpha
    }

    public init(parameters: inout AugmentationParameters) throws {
        self.init(alpha: try parameters.number("alpha", default: 0.2, in: 1e-3...1e3))
    }

    public func augment(_ data: SeriesArray, streams: AugmentationStreams) throws -> SeriesArray {
        let labels = data.labels ?? Array(repeating: "(all series)", count: data.count)
        var members: [String: [Int]] = [:]
        for (i, label) in labels.enumerated() { members[label, default: []].append(i) }
        if let small = members.filter({ $0.value.count < 2 }).keys.sorted().first {
            throw SeriesError.labelTooSmall(label: small, members: members[small]!.count, needed: 2, operation: "mixup")
        }
        let classOf = labels.map { members[$0]! }
        let stride = data.seriesStride, alpha = self.alpha
        return data.values.withUnsafeBufferPointer { all in
            mapSeries(data, streams: streams) { i, input, output, rng in
                let group = classOf[i]
                var j = group[rng.int(below: group.count - 1)]
                if j == i { j = group[group.count - 1] }
                let lambda = Float(rng.beta(alpha, alpha))
                let partner = all.baseAddress! + j * stride
                for e in 0..<stride { output[e] = lambda * input[e] + (1 - lambda) * partner[e] }
            }
        }
    }
}
