/// Per-feature scaling fitted over every series and time step: `x' = (x − offset) / scale`, undone on output with
/// `x = x' · scale + offset`. Codable, so a model file stores it next to its weights.
public struct SeriesScaler: Codable, Sendable, Equatable {
    /// How the offset and scale are chosen.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// Minimum and range: features map onto [0, 1] (TimeGAN's `MinMaxScaler`).
        case minMax = "minmax"
        /// Mean and population standard deviation: features get mean 0 and variance 1.
        case standard
    }

    public let kind: Kind
    /// Per feature: the minimum or the mean.
    public let offset: [Float]
    /// Per feature: the range or the standard deviation (1 for a constant feature, so it maps to 0).
    public let scale: [Float]

    /// A scaler with explicit parameters (e.g. read back from a model file).
    public init(kind: Kind, offset: [Float], scale: [Float]) throws {
        guard offset.count == scale.count, scale.allSatisfy({ $0.isFinite && $0 > 0 }), offset.allSatisfy(\.isFinite)
        else { throw SeriesError.invalidArgument("scaler needs one finite offset and one positive scale per feature") }
        self.kind = kind
        self.offset = offset
        self.scale = scale
    }

    /// Decodes a scaler (e.g. from a model file) through the checks of `init(kind:offset:scale:)`.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(kind: c.decode(Kind.self, forKey: .kind), offset: c.decode([Float].self, forKey: .offset),
                      scale: c.decode([Float].self, forKey: .scale))
    }

    /// Fits the scaler to `data` (statistics in Float64 over all N · T values of each feature).
    public init(fitting data: SeriesArray, kind: Kind) throws {
        try data.checkFinite()
        let c = data.features, rows = data.count * data.length
        guard rows > 0 else { throw SeriesError.invalidArgument("cannot fit a scaler to an empty set of series") }
        var lo = [Double](repeating: .infinity, count: c), hi = [Double](repeating: -.infinity, count: c)
        var sum = [Double](repeating: 0, count: c)
        data.values.withUnsafeBufferPointer { v in
            for r in 0..<rows {
                for f in 0..<c {
                    let x = Double(v[r * c + f])
                    lo[f] = min(lo[f], x); hi[f] = max(hi[f], x); sum[f] += x
                }
            }
        }
        switch kind {
        case .minMax:
            try self.init(kind: kind, offset: lo.map { Float($0) },
                          scale: (0..<c).map { hi[$0] > lo[$0] ? Float(hi[$0] - lo[$0]) : 1 })
        case .standard:
            let mean = sum.map { $0 / Double(rows) }
            var squares = [Double](repeating: 0, count: c)
            data.values.withUnsafeBufferPointer { v in
                for r in 0..<rows {
                    for f in 0..<c {
                        let d = Double(v[r * c + f]) - mean[f]
                        squares[f] += d * d
                    }
                }
            }
            let std = squares.map { ($0 / Double(rows)).squareRoot() }
            try self.init(kind: kind, offset: mean.map { Float($0) }, scale: std.map { $0 > 0 ? Float($0) : 1 })
        }
    }

    /// `data` scaled: `(x − offset) / scale` per feature.
    public func transform(_ data: SeriesArray) throws -> SeriesArray {
        try apply(to: data) { x, f in (x - offset[f]) / scale[f] }
    }

    /// `data` mapped back to the original units: `x · scale + offset` per feature.
    public func inverse(_ data: SeriesArray) throws -> SeriesArray {
        try apply(to: data) { x, f in x * scale[f] + offset[f] }
    }

    private func apply(to data: SeriesArray, _ map: (Float, Int) -> Float) throws -> SeriesArray {
        guard data.features == offset.count else {
            throw SeriesError.invalidArgument(
                "the scaler was fitted to \(offset.count) features but the data has \(data.features)")
        }
        var out = data
        let c = data.features
        out.values.withUnsafeMutableBufferPointer { v in
            for i in 0..<v.count { v[i] = map(v[i], i % c) }
        }
        return out
    }
}
