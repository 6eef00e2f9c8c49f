import TensorCore

/// K-means clustering (k-means++ seeding, Lloyd iterations), seeded and deterministic.
public struct KMeans: Sendable {
    /// `k × dimension` centres, row-major.
    public let centres: FeatureMatrix

    /// Fits `k` centres to `data`. Throws when there are fewer distinct points than `k`.
    public init(_ data: FeatureMatrix, k: Int, iterations: Int = 50, seed: UInt64 = 0) throws {
        guard k >= 1 else { throw EvaluationError.invalidInput("K-means needs k ≥ 1") }
        guard data.count >= k else {
            throw EvaluationError.tooFewSamples("K-means with k = \(k) needs at least \(k) samples, got \(data.count)")
        }
        let d = data.dimension
        var g = SeededGenerator(seed: seed)
        var centres = [Double]()
        centres.append(contentsOf: data.row(g.int(below: data.count)))
        var nearest = (0..<data.count).map { KMeans.distance2(data.row($0), centres[0..<d]) }
        for c in 1..<k {
            let total = nearest.reduce(0, +)
            guard total > 0 else {
                throw EvaluationError.tooFewSamples("K-means with k = \(k): only \(c) distinct samples")
            }
            var r = g.uniform() * total, pick = data.count - 1
            for i in 0..<data.count {
                r -= nearest[i]
                if r <= 0 { pick = i; break }
            }
            centres.append(contentsOf: data.row(pick))
            let new = centres[(c * d)..<((c + 1) * d)]
            for i in 0..<data.count { nearest[i] = Swift.min(nearest[i], KMeans.distance2(data.row(i), new)) }
        }
        var model = try FeatureMatrix(count: k, dimension: d, values: centres)
        for _ in 0..<iterations {
            let assignment = KMeans.assign(data, to: model)
            var sums = [Double](repeating: 0, count: k * d), counts = [Int](repeating: 0, count: k)
            for i in 0..<data.count {
                counts[assignment[i]] += 1
                for j in 0..<d { sums[assignment[i] * d + j] += data.values[i * d + j] }
            }
            var next = model.values
            for c in 0..<k where counts[c] > 0 {
                for j in 0..<d { next[c * d + j] = sums[c * d + j] / Double(counts[c]) }
            }
            if next == model.values { break }
            model.values = next
        }
        self.centres = model
    }

    /// Index of the nearest centre for every row of `data`.
    public func assign(_ data: FeatureMatrix) -> [Int] { KMeans.assign(data, to: centres) }

    static func assign(_ data: FeatureMatrix, to centres: FeatureMatrix) -> [Int] {
        (0..<data.count).map { i in
            var best = 0, bestD = Double.infinity
            for c in 0..<centres.count {
                let dist = distance2(data.row(i), centres.row(c))
                if dist < bestD { bestD = dist; best = c }
            }
            return best
        }
    }

    @inline(__always)
    static func distance2(_ a: ArraySlice<Double>, _ b: ArraySlice<Double>) -> Double {
        var s = 0.0
        var i = a.startIndex, j = b.startIndex
        while i < a.endIndex {
            let t = a[i] - b[j]
            s += t * t
            i += 1
            j += 1
        }
        return s
    }
}
