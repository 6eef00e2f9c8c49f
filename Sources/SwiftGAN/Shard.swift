/// Part `index` of `count` of a generation job (`--shard k/n`): the contiguous range of sample indices it writes.
/// Samples are pure functions of (model, seed, index), so shards run anywhere, in any order, and their outputs joined
/// in order are what one process writes.
public struct Shard: Equatable, Sendable, CustomStringConvertible {
    /// This shard's number, from 0.
    public let index: Int
    /// How many shards the job has.
    public let count: Int

    /// Shard `index` of `count`; throws `ShardError` unless 0 ≤ index < count.
    public init(index: Int, of count: Int) throws {
        guard count >= 1, (0..<count).contains(index) else {
            throw ShardError("shard \(index)/\(count) does not exist; use k/n with n ≥ 1 and 0 ≤ k < n, e.g. 0/4")
        }
        self.init(checked: index, count)
    }

    private init(checked index: Int, _ count: Int) {
        self.index = index
        self.count = count
    }

    /// Parses `k/n`.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]) else {
            throw ShardError("'\(text)' is not a shard; write k/n, e.g. 0/4 for the first of 4")
        }
        try self.init(index: k, of: n)
    }

    /// The whole job as one shard.
    public static let whole = Shard(checked: 0, 1)

    /// The indices of `total` samples this shard writes: `⌊total·k/n⌋ ..< ⌊total·(k+1)/n⌋`, so the shards cover
    /// `0..<total` in order, without gaps or overlaps, and differ in size by at most one.
    public func range(of total: Int) -> Range<Int> { range(of: total, first: 0, group: 1) }

    /// The indices (from 0) of `total` samples numbered from `first` that this shard writes, for a generator that
    /// computes samples in groups of `group` aligned to multiples of `group` (sample numbers, from 0): each boundary
    /// between shards lies on the multiple of `group` nearest `first + ⌊total·k/n⌋`, so every group is computed whole
    /// by one shard, exactly as one process computes it (matrix products round a row according to its place in the
    /// batch). The shards cover `0..<total` in order without gaps or overlaps; sizes differ by at most about a group.
    public func range(of total: Int, first: Int, group: Int) -> Range<Int> {
        precondition(total >= 0 && first >= 0 && group >= 1, "a negative sample count or start, or an empty group")
        func start(_ k: Int) -> Int {
            guard k > 0 && k < count else { return k == 0 ? 0 : total }
            let even = count.dividingFullWidth(total.multipliedFullWidth(by: k)).quotient
            guard group > 1 else { return even }
            let (sum, overflow) = first.addingReportingOverflow(even + group / 2)
            return overflow ? even : Swift.min(Swift.max(sum / group * group - first, 0), total)
        }
        return start(index)..<start(index + 1)
    }

    /// `indices` cut at the multiples of `group`: the generation groups a shard computes.
    public static func groups(_ indices: Range<Int>, size group: Int) -> [Range<Int>] {
        precondition(group >= 1, "an empty group")
        var out: [Range<Int>] = [], start = indices.lowerBound
        while start < indices.upperBound {
            let end = Swift.min(indices.upperBound, (start / group + 1) * group)
            out.append(start..<end)
            start = end
        }
        return out
    }

    public var description: String { "\(index)/\(count)" }
}

/// A shard that does not exist or a `k/n` that does not parse; the message says what to write instead.
public struct ShardError: Error, Equatable, CustomStringConvertible {
    public let description: String

    init(_ description: String) { self.description = description }
}
