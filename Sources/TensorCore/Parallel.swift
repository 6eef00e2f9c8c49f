import Dispatch
import Foundation

/// How many threads SwiftGAN's own loops (and OpenBLAS) use. Defaults to the number of active cores;
/// `SWIFTGAN_THREADS` overrides it.
public enum Threads {
    private static let initial: Int = {
        if let s = ProcessInfo.processInfo.environment["SWIFTGAN_THREADS"], let n = Int(s), n > 0 { return n }
        return max(1, ProcessInfo.processInfo.activeProcessorCount)
    }()
    private static let current = Atomic<Int>(initial)
    @TaskLocal private static var scoped: Int?

    /// The thread count in use.
    public static var count: Int { scoped ?? current.load(ordering: .relaxed) }

    /// Sets the thread count for SwiftGAN's loops and OpenBLAS.
    public static func set(_ n: Int) {
        current.store(max(1, n), ordering: .relaxed)
        BLAS.setThreads(max(1, n))
    }

    /// Runs `body` with SwiftGAN's own loops split as for `n` threads, in the current task only: OpenBLAS and other
    /// tasks keep the process-wide count. For checks that a result does not depend on the thread count while other
    /// work runs in the same process (tests run concurrently).
    public static func withCount<R>(_ n: Int, _ body: () throws -> R) rethrows -> R {
        try $scoped.withValue(max(1, n)) { try body() }
    }
}

import Synchronization

/// Runs `body(chunk)` for `chunks` chunks in parallel (serially when one thread is configured or `chunks == 1`).
@inline(__always)
public func parallelFor(_ chunks: Int, _ body: (Int) -> Void) {
    if chunks <= 0 { return }
    if chunks == 1 || Threads.count == 1 {
        for i in 0..<chunks { body(i) }
        return
    }
    withoutActuallyEscaping(body) { b in
        DispatchQueue.concurrentPerform(iterations: chunks) { b($0) }
    }
}

/// Splits `0..<total` into at most `Threads.count` contiguous ranges of at least `minimum` items and runs them in
/// parallel.
@inline(__always)
public func parallelRanges(_ total: Int, minimum: Int = 1, _ body: (Range<Int>) -> Void) {
    if total <= 0 { return }
    let parts = max(1, min(Threads.count, total / max(minimum, 1)))
    if parts == 1 {
        body(0..<total)
        return
    }
    parallelFor(parts) { p in
        let lo = total * p / parts, hi = total * (p + 1) / parts
        if lo < hi { body(lo..<hi) }
    }
}

/// Random draws for `count` items on all threads, reproducible whatever the thread count: `body` gets consecutive
/// chunks of `perStream` items, each with its own generator, seeded by one draw of `random` and numbered by the
/// chunk. When `count` ≤ `perStream`, `body` gets all the items and `random` itself (no extra draw). `body` must
/// write only its own items.
public func parallelDraws(_ count: Int, perStream: Int, using random: inout SeededGenerator,
                          _ body: (Range<Int>, inout SeededGenerator) -> Void) {
    precondition(perStream >= 1, "parallelDraws: perStream must be positive")
    guard count > perStream else { return body(0..<max(count, 0), &random) }
    let seed = random.next(), chunks = (count + perStream - 1) / perStream
    parallelFor(chunks) { k in
        var stream = SeededGenerator(seed: seed, stream: [k])
        body(k * perStream..<min(count, (k + 1) * perStream), &stream)
    }
}
