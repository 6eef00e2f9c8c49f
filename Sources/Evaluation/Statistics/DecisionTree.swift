/// What a tree predicts.
public enum TreeTask: Sendable, Equatable {
    /// Classes 0..<count, split by Gini impurity; leaves hold class fractions.
    case classification(classes: Int)
    /// A number, split by squared error; leaves hold the mean.
    case regression
}

/// The training matrix as trees need it: feature-major values and, per feature, the dense rank of each row's value
/// (equal values share a rank), so a node sorts its rows by packed integer keys.
struct TreeData {
    let rows: Int
    let features: Int
    /// [features, rows]
    let values: [Double]
    /// [features, rows]
    let ranks: [UInt32]
    /// Class index (classification) per row.
    let labels: [Int]
    /// Target (regression) per row.
    let targets: [Double]
    /// Bits needed for the largest rank.
    let rankBits: Int

    init(x: [Double], features d: Int, labels: [Int], targets: [Double]) {
        let n = x.count / max(d, 1)
        rows = n
        features = d
        var values = [Double](repeating: 0, count: n * d)
        var ranks = [UInt32](repeating: 0, count: n * d)
        for j in 0..<d {
            for i in 0..<n { values[j * n + i] = x[i * d + j] }
            let order = (0..<n).sorted { values[j * n + $0] < values[j * n + $1] }
            var rank: UInt32 = 0
            for (p, i) in order.enumerated() {
                if p > 0 && values[j * n + i] != values[j * n + order[p - 1]] { rank += 1 }
                ranks[j * n + i] = rank
            }
        }
        self.values = values
        self.ranks = ranks
        rankBits = max(1, UInt32.bitWidth - (ranks.max() ?? 0).leadingZeroBitCount)
        self.labels = labels
        self.targets = targets
    }
}

/// A CART decision tree grown to purity (scikit-learn's defaults: no depth limit, 2 rows to split, 1 per leaf),
/// trying `maxFeatures` random features per node (more when none of them splits), thresholds midway between
/// neighbouring distinct values.
struct DecisionTree: Sendable {
    /// Split feature per node, -1 for a leaf.
    var feature: [Int32] = []
    var threshold: [Double] = []
    var left: [Int32] = []
    var right: [Int32] = []
    /// Offset of a leaf's values in `leafValues`.
    var leafOffset: [Int32] = []
    /// Class fractions (classification) or the mean (regression) per leaf.
    var leafValues: [Double] = []
    let width: Int

    /// Grows a tree on the rows `sample` of `data` (repeats allowed: a bootstrap sample).
    init<G: RandomNumberGenerator>(data: TreeData, sample: [Int], task: TreeTask, maxFeatures: Int,
                                   using rng: inout G) {
        if case .classification(let k) = task { width = k } else { width = 1 }
        var rows = sample
        var stack: [(start: Int, end: Int, node: Int)] = [(0, rows.count, newNode())]
        var keys: [UInt64] = []
        var scratch: [UInt64] = []
        var order = Array(0..<data.features)
        while let (start, end, node) = stack.popLast() {
            let stats = NodeStatistics(data: data, rows: rows[start..<end], task: task, width: width)
            if end - start < 2 || stats.isPure {
                makeLeaf(node, stats)
                continue
            }
            // A random order of features; look at maxFeatures of them, more only while no split was found.
            for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
            var best: (gain: Double, feature: Int, threshold: Double)? = nil
            for (tried, f) in order.enumerated() {
                if tried >= maxFeatures && best != nil { break }
                keys.removeAll(keepingCapacity: true)
                for p in start..<end {
                    keys.append(UInt64(data.ranks[f * data.rows + rows[p]]) << 32 | UInt64(rows[p]))
                }
                Self.sortByRank(&keys, scratch: &scratch, rankBits: data.rankBits)
                if let split = stats.bestSplit(keys: keys, feature: f, data: data, task: task),
                   best == nil || split.gain > best!.gain {
                    best = (split.gain, f, split.threshold)
                }
            }
            guard let split = best else {
                makeLeaf(node, stats)
                continue
            }
            // Partition rows[start..<end] in place: value <= threshold to the left.
            var mid = start
            for p in start..<end where data.values[split.feature * data.rows + rows[p]] <= split.threshold {
                rows.swapAt(p, mid)
                mid += 1
            }
            let l = newNode(), r = newNode()
            feature[node] = Int32(split.feature)
            threshold[node] = split.threshold
            left[node] = Int32(l)
            right[node] = Int32(r)
            stack.append((start, mid, l))
            stack.append((mid, end, r))
        }
    }

    /// Sorts keys (rank << 32 | row) by rank: an LSD radix sort on 8-bit digits of the rank for large nodes, the
    /// standard sort for small ones.
    static func sortByRank(_ keys: inout [UInt64], scratch: inout [UInt64], rankBits: Int) {
        guard keys.count >= 512 else {
            keys.sort()
            return
        }
        // Ties (equal ranks) may come out in any order: splits are only tried between different ranks, so the
        // counts at every candidate split, and the tree, are the same as after a full sort.
        if scratch.count < keys.count { scratch = [UInt64](repeating: 0, count: keys.count) }
        scratch.removeLast(scratch.count - keys.count)
        var shift = 32
        while shift < 32 + rankBits {
            var counts = [Int](repeating: 0, count: 257)
            for k in keys { counts[Int((k >> UInt64(shift)) & 0xFF) + 1] += 1 }
            for b in 0..<256 { counts[b + 1] += counts[b] }
            for k in keys {
                let b = Int((k >> UInt64(shift)) & 0xFF)
                scratch[counts[b]] = k
                counts[b] += 1
            }
            swap(&keys, &scratch)
            shift += 8
        }
    }

    private mutating func newNode() -> Int {
        feature.append(-1); threshold.append(0); left.append(-1); right.append(-1); leafOffset.append(-1)
        return feature.count - 1
    }

    private mutating func makeLeaf(_ node: Int, _ stats: NodeStatistics) {
        leafOffset[node] = Int32(leafValues.count)
        leafValues += stats.leafValue
    }

    /// The leaf values reached by row `i` of `x` [n, features].
    func leaf(_ x: UnsafeBufferPointer<Double>, row i: Int, features d: Int) -> ArraySlice<Double> {
        var node = 0
        while feature[node] >= 0 {
            node = Int(x[i * d + Int(feature[node])] <= threshold[node] ? left[node] : right[node])
        }
        let o = Int(leafOffset[node])
        return leafValues[o..<(o + width)]
    }
}

/// Class counts or target sums of a node, and the search for its best split along one feature.
struct NodeStatistics {
    let count: Double
    let classCounts: [Double]
    let sum: Double
    let sumSquares: Double
    let width: Int

    init(data: TreeData, rows: ArraySlice<Int>, task: TreeTask, width: Int) {
        self.width = width
        count = Double(rows.count)
        var counts = [Double](repeating: 0, count: width)
        var s = 0.0, ss = 0.0
        switch task {
        case .classification: for r in rows { counts[data.labels[r]] += 1 }
        case .regression: for r in rows { s += data.targets[r]; ss += data.targets[r] * data.targets[r] }
        }
        classCounts = counts
        sum = s
        sumSquares = ss
    }

    /// One class only, or (regression) no spread of the target.
    var isPure: Bool {
        if width > 1 { return classCounts.contains(count) }
        return sumSquares - sum * sum / max(count, 1) <= 1e-12 * max(sumSquares, 1)
    }

    var leafValue: [Double] {
        width > 1 ? classCounts.map { $0 / max(count, 1) } : [sum / max(count, 1)]
    }

    /// The split of the sorted `keys` (rank << 32 | row) with the largest impurity decrease, if any.
    func bestSplit(keys: [UInt64], feature f: Int, data: TreeData, task: TreeTask)
        -> (gain: Double, threshold: Double)? {
        let n = keys.count
        var best: (gain: Double, threshold: Double)? = nil
        switch task {
        case .classification:
            // Maximise Σ_c L_c² / n_L + Σ_c R_c² / n_R (equivalent to minimising the weighted Gini impurity).
            var leftCounts = [Double](repeating: 0, count: width)
            var rightCounts = classCounts
            var leftSq = 0.0
            var rightSq = classCounts.reduce(0) { $0 + $1 * $1 }
            let parent = rightSq / count
            for p in 0..<(n - 1) {
                let row = Int(keys[p] & 0xFFFF_FFFF)
                let c = data.labels[row]
                leftSq += 2 * leftCounts[c] + 1
                rightSq -= 2 * rightCounts[c] - 1
                leftCounts[c] += 1
                rightCounts[c] -= 1
                if keys[p] >> 32 == keys[p + 1] >> 32 { continue }
                let nl = Double(p + 1), nr = Double(n - p - 1)
                let gain = leftSq / nl + rightSq / nr - parent
                if gain > 1e-12 && (best == nil || gain > best!.gain) {
                    best = (gain, Self.midpoint(keys[p], keys[p + 1], f, data))
                }
            }
        case .regression:
            // Maximise S_L² / n_L + S_R² / n_R (equivalent to minimising the squared error).
            var leftSum = 0.0
            let parent = sum * sum / count
            for p in 0..<(n - 1) {
                leftSum += data.targets[Int(keys[p] & 0xFFFF_FFFF)]
                if keys[p] >> 32 == keys[p + 1] >> 32 { continue }
                let nl = Double(p + 1), nr = Double(n - p - 1)
                let rightSum = sum - leftSum
                let gain = leftSum * leftSum / nl + rightSum * rightSum / nr - parent
                if gain > 1e-12 * max(sumSquares, 1) && (best == nil || gain > best!.gain) {
                    best = (gain, Self.midpoint(keys[p], keys[p + 1], f, data))
                }
            }
        }
        return best
    }

    @inline(__always)
    static func midpoint(_ a: UInt64, _ b: UInt64, _ f: Int, _ data: TreeData) -> Double {
        let lo = data.values[f * data.rows + Int(a & 0xFFFF_FFFF)]
        let hi = data.values[f * data.rows + Int(b & 0xFFFF_FFFF)]
        let mid = lo / 2 + hi / 2
        return mid < hi ? mid : lo  // keep lo on the left even when lo and hi are adjacent doubles
    }
}
