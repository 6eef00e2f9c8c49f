/// A Float32 tensor: a shape over contiguous row-major storage, plus (when gradients are recorded) the autograd node
/// that produced it.
///
/// Tensors are values: operations return new tensors and never change their inputs. Layout conventions are
/// channels-first (`[batch, channels, length]`) with PyTorch's weight layouts.
public struct Tensor {
    /// Extent of each axis. A scalar has shape `[]`.
    public let shape: [Int]
    /// The elements, row-major. Shared between tensors that differ only by shape (`reshaped`).
    public let storage: TensorStorage
    /// The operation that produced this tensor, when gradients are being recorded through it.
    public let node: Node?

    /// Wraps storage. `storage.count` must equal the product of `shape`.
    public init(shape: [Int], storage: TensorStorage, node: Node? = nil) {
        self.shape = shape
        self.storage = storage
        self.node = node
    }

    /// A tensor with the given elements; throws when `values.count` does not match `shape`.
    public init(shape: [Int], values: [Float]) throws {
        guard shape.allSatisfy({ $0 >= 0 }) else { throw TensorError.invalidArgument("negative extent in \(shape)") }
        guard shape.reduce(1, *) == values.count else {
            throw TensorError.shapeMismatch("\(values.count) values do not fill shape \(shape)")
        }
        let s = TensorStorage(count: values.count)
        values.withUnsafeBufferPointer { s.pointer.update(from: $0.baseAddress!, count: values.count) }
        self.init(shape: shape, storage: s)
    }

    /// A rank-1 tensor of `values`.
    public init(_ values: [Float]) {
        try! self.init(shape: [values.count], values: values)
    }

    /// A rank-0 tensor holding `value`.
    public init(scalar value: Float) {
        let s = TensorStorage(count: 1)
        s.pointer[0] = value
        self.init(shape: [], storage: s)
    }

    /// Uninitialised storage of the given shape (for kernels that overwrite every element).
    public init(uninitialized shape: [Int]) {
        self.init(shape: shape, storage: TensorStorage(count: shape.reduce(1, *)))
    }

    /// A copy with its own storage and no gradient history (the one tensor copy: optimizer state, EMA shadows and
    /// saved weights must not alias the tensors they came from).
    public func copied() -> Tensor {
        let t = Tensor(uninitialized: shape)
        t.storage.pointer.update(from: storage.pointer, count: count)
        return t
    }

    /// Number of elements.
    @inline(__always) public var count: Int { storage.count }
    /// Number of axes.
    @inline(__always) public var rank: Int { shape.count }
    /// Row-major strides in elements.
    public var strides: [Int] { Tensor.strides(of: shape) }

    /// Row-major strides of `shape`.
    public static func strides(of shape: [Int]) -> [Int] {
        var s = [Int](repeating: 1, count: shape.count)
        var acc = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) {
            s[i] = acc
            acc *= shape[i]
        }
        return s
    }

    /// The elements as an array (row-major).
    public var scalars: [Float] { Array(UnsafeBufferPointer(start: storage.pointer, count: count)) }

    /// The single element of a one-element tensor.
    public var item: Float { storage.pointer[0] }

    /// Whether gradients flow to this tensor (it is a recorded result or a variable).
    public var requiresGradient: Bool { node != nil }

    /// The same values, cut from the graph: no gradient flows through the result.
    public var detached: Tensor { Tensor(shape: shape, storage: storage, node: nil) }

    /// A leaf variable with these values: `gradients(of:with:)` can differentiate with respect to it.
    public func variable() -> Tensor {
        Tensor(shape: shape, storage: storage, node: Node(leafShape: shape))
    }

    @inline(__always) var pointer: UnsafeMutablePointer<Float> { storage.pointer }
}

// MARK: - Creation

extension Tensor {
    /// All zeros.
    public static func zeros(_ shape: [Int]) -> Tensor {
        Tensor(shape: shape, storage: TensorStorage(zeros: shape.reduce(1, *)))
    }

    /// All ones.
    public static func ones(_ shape: [Int]) -> Tensor { full(shape, 1) }

    /// Every element `value`.
    public static func full(_ shape: [Int], _ value: Float) -> Tensor {
        let t = Tensor(uninitialized: shape)
        t.pointer.update(repeating: value, count: t.count)
        return t
    }

    /// `[start, start + step, …]` below `end`.
    public static func arange(_ start: Float = 0, _ end: Float, step: Float = 1) -> Tensor {
        let n = Swift.max(0, Int(((end - start) / step).rounded(.up)))
        let t = Tensor(uninitialized: [n])
        for i in 0..<n { t.pointer[i] = start + Float(i) * step }
        return t
    }

    /// Uniform in `[low, high)`, drawn sequentially from `generator`.
    public static func uniform(
        _ shape: [Int], low: Float = 0, high: Float = 1, using generator: inout SeededGenerator
    ) -> Tensor {
        let t = Tensor(uninitialized: shape)
        let span = high - low
        for i in 0..<t.count { t.pointer[i] = low + span * generator.nextUniform() }
        return t
    }

    /// Normal with the given mean and standard deviation, drawn sequentially from `generator`.
    public static func normal(
        _ shape: [Int], mean: Float = 0, std: Float = 1, using generator: inout SeededGenerator
    ) -> Tensor {
        let t = Tensor(uninitialized: shape)
        for i in 0..<t.count { t.pointer[i] = mean + std * generator.nextNormal() }
        return t
    }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        let shown = scalars.prefix(8).map { String($0) }.joined(separator: ", ")
        return "Tensor\(shape)[\(shown)\(count > 8 ? ", …" : "")]"
    }
}

// MARK: - Shape checks

extension Tensor {
    /// Normalises a possibly negative axis; traps only on programmer error (axes come from code, not user data).
    @inline(__always)
    func axis(_ a: Int) -> Int {
        let r = a < 0 ? a + rank : a
        precondition(r >= 0 && r < Swift.max(rank, 1), "axis \(a) out of range for shape \(shape)")
        return r
    }

    /// Throws unless this tensor has the given shape (`-1` matches any extent).
    public func expectShape(_ expected: [Int], _ what: @autoclosure () -> String = "tensor") throws {
        guard expected.count == rank, zip(expected, shape).allSatisfy({ $0 == -1 || $0 == $1 }) else {
            throw TensorError.shapeMismatch("\(what()) has shape \(shape), expected \(expected)")
        }
    }
}
