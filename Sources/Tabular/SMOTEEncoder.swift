import TensorCore

/// The feature space SMOTE and SMOTE-NC measure distances in, and the interpolation that makes new rows.
struct SMOTEEncoder {
    let table: Table
    /// Table columns used as features (all but the target).
    let features: [Int]
    /// Value of a hot category entry: half the median standard deviation of the numeric features (SMOTE-NC).
    let categoryScale: Float
    /// Encoded width: one per numeric feature, levels + 1 (missing) per categorical feature.
    let width: Int

    init(table: Table, features: [Int], smallestClass: [Int]) {
        self.table = table
        self.features = features
        var sds: [Double] = []
        var width = 0
        for c in features {
            let column = table.columns[c]
            if let v = column.numbers {
                let present = smallestClass.map { v[$0] }.filter { !$0.isNaN }
                if !present.isEmpty {
                    let mean = present.reduce(0, +) / Double(present.count)
                    sds.append((present.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(present.count)).squareRoot())
                }
                width += 1
            } else {
                width += column.categories!.levels.count + 1
            }
        }
        sds.sort()
        let median = sds.isEmpty ? 1 : sds.count % 2 == 1 ? sds[sds.count / 2] : (sds[sds.count / 2 - 1] + sds[sds.count / 2]) / 2
        categoryScale = Float(median / 2)
        self.width = width
    }

    /// The rows [n, width] in the distance space; a missing number counts as the mean over `rows`.
    func encode(_ rows: [Int]) -> [Float] {
        var out = [Float](repeating: 0, count: rows.count * width)
        var offset = 0
        for c in features {
            let column = table.columns[c]
            switch column.data {
            case .numeric(let v):
                let present = rows.map { v[$0] }.filter { !$0.isNaN }
                let mean = present.isEmpty ? 0 : present.reduce(0, +) / Double(present.count)
                for (i, r) in rows.enumerated() { out[i * width + offset] = Float(v[r].isNaN ? mean : v[r]) }
                offset += 1
            case .discrete(let codes, let levels):
                for (i, r) in rows.enumerated() {
                    out[i * width + offset + (codes[r] < 0 ? levels.count : codes[r])] = categoryScale
                }
                offset += levels.count + 1
            }
        }
        return out
    }

    /// `count` new rows for the class made of `rows` (at least 2).
    func synthesize<G: RandomNumberGenerator>(rows: [Int], count: Int, neighbors: Int,
                                              using rng: inout G) -> [[FeatureValue]] {
        let x = encode(rows)
        let nn = NearestNeighbors.search(queries: x, reference: x, dimension: width, k: neighbors, excludeSelf: true)
        let k = nn.k
        var out: [[FeatureValue]] = []
        out.reserveCapacity(count)
        for _ in 0..<count {
            let pick = Int(rng.next() % UInt64(rows.count * k))
            let base = pick / k
            let neighbour = nn.indices[base * k + pick % k]
            let step = rng.uniform()
            let a = rows[base], b = rows[neighbour]
            var row: [FeatureValue] = []
            for c in features {
                switch table.columns[c].data {
                case .numeric(let v):
                    if v[a].isNaN {
                        row.append(FeatureValue(number: .nan))
                    } else if v[b].isNaN {
                        row.append(FeatureValue(number: v[a]))
                    } else {
                        row.append(FeatureValue(number: v[a] + step * (v[b] - v[a])))
                    }
                case .discrete(let codes, let levels):
                    var votes = [Int](repeating: 0, count: levels.count + 1)
                    for t in 0..<k {
                        let code = codes[rows[nn.indices[base * k + t]]]
                        votes[code < 0 ? levels.count : code] += 1
                    }
                    let top = votes.max()!
                    let tied = votes.indices.filter { votes[$0] == top }
                    let chosen = tied[Int(rng.next() % UInt64(tied.count))]
                    row.append(FeatureValue(code: chosen == levels.count ? -1 : chosen))
                }
            }
            out.append(row)
        }
        return out
    }
}
