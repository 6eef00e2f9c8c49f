/// Sizes, offsets and counts read from files or given by users, combined without wrapping.
///
/// A plain `a * b` on a crafted shape traps (or, in an `-Ounchecked` build, silently wraps): either way the process
/// dies instead of reporting the file. Every size that comes from outside goes through these helpers instead, which
/// turn an overflow into a value the caller reports as an error.
public enum CheckedSize {
    /// At most this many values are made at once from a user's count (4 GiB of Float32).
    public static let maximumElements = 1 << 30

    /// The product of `factors`, or nil when one is negative or the product overflows `Int`.
    public static func product<S: Sequence>(_ factors: S) -> Int? where S.Element == Int {
        var out = 1
        for f in factors {
            guard f >= 0 else { return nil }
            let (p, overflow) = out.multipliedReportingOverflow(by: f)
            if overflow { return nil }
            out = p
        }
        return out
    }

    /// The product of `factors` when it is at most `maximumElements` (nil when larger, negative or overflowing): the
    /// number of values a user's count asks for.
    public static func elements(_ factors: [Int]) -> Int? {
        product(factors).flatMap { $0 <= maximumElements ? $0 : nil }
    }

    /// The sum of `terms`, or nil when one is negative or the sum overflows `Int`.
    public static func sum<S: Sequence>(_ terms: S) -> Int? where S.Element == Int {
        var out = 0
        for t in terms {
            guard t >= 0 else { return nil }
            let (s, overflow) = out.addingReportingOverflow(t)
            if overflow { return nil }
            out = s
        }
        return out
    }
}
