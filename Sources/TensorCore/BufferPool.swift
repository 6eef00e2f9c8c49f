import Synchronization

/// A caching allocator for Float32 buffers.
///
/// Training repeats the same shapes every step, so a freed buffer is kept in a free list for its exact element count
/// and handed out again: after the first step no tensor buffer touches `malloc`. Buffers are 64-byte aligned.
public final class BufferPool: Sendable {
    /// The process-wide pool every `Tensor` allocates from.
    public static let shared = BufferPool()

    private struct State: ~Copyable {
        var free: [Int: [UnsafeMutablePointer<Float>]] = [:]
        var cachedBytes = 0
    }

    private let state = Mutex(State())
    /// Cached buffers beyond this many bytes are released to the system instead of kept.
    public let cacheLimitBytes: Int

    public init(cacheLimitBytes: Int = 6 << 30) {
        self.cacheLimitBytes = cacheLimitBytes
    }

    /// A buffer of `count` floats (uninitialised).
    public func allocate(_ count: Int) -> UnsafeMutablePointer<Float> {
        let n = max(count, 1)
        if let p = state.withLock({ s -> UnsafeMutablePointer<Float>? in
            guard let p = s.free[n]?.popLast() else { return nil }
            s.cachedBytes -= n * 4
            return p
        }) {
            return p
        }
        let raw = UnsafeMutableRawPointer.allocate(byteCount: n * 4, alignment: 64)
        return raw.bindMemory(to: Float.self, capacity: n)
    }

    /// Returns a buffer obtained from `allocate(count)`.
    public func release(_ pointer: UnsafeMutablePointer<Float>, count: Int) {
        let n = max(count, 1)
        let keep = state.withLock { s -> Bool in
            guard s.cachedBytes + n * 4 <= cacheLimitBytes else { return false }
            s.free[n, default: []].append(pointer)
            s.cachedBytes += n * 4
            return true
        }
        if !keep { UnsafeMutableRawPointer(pointer).deallocate() }
    }

    /// Frees every cached buffer.
    public func trim() {
        let all = state.withLock { s -> [Int: [UnsafeMutablePointer<Float>]] in
            let f = s.free
            s.free = [:]
            s.cachedBytes = 0
            return f
        }
        for list in all.values { for p in list { UnsafeMutableRawPointer(p).deallocate() } }
    }

    /// Bytes currently held in free lists.
    public var cachedBytes: Int { state.withLock { $0.cachedBytes } }
}

/// Owned Float32 memory behind a tensor. Returned to the pool when the last tensor using it goes away.
public final class TensorStorage: @unchecked Sendable {
    public let pointer: UnsafeMutablePointer<Float>
    public let count: Int

    /// Uninitialised storage for `count` floats.
    public init(count: Int) {
        self.count = count
        self.pointer = BufferPool.shared.allocate(count)
    }

    /// Zero-filled storage for `count` floats.
    public convenience init(zeros count: Int) {
        self.init(count: count)
        pointer.initialize(repeating: 0, count: max(count, 1))
    }

    deinit { BufferPool.shared.release(pointer, count: count) }

    public var buffer: UnsafeMutableBufferPointer<Float> { UnsafeMutableBufferPointer(start: pointer, count: count) }
}

/// Scratch memory for a kernel, taken from the pool and returned when `body` ends.
@inline(__always)
public func withScratch<R>(_ count: Int, _ body: (UnsafeMutablePointer<Float>) throws -> R) rethrows -> R {
    let p = BufferPool.shared.allocate(count)
    defer { BufferPool.shared.release(p, count: count) }
    return try body(p)
}
