/// Errors raised by the tensor engine. Messages say what was wrong and what to do.
public enum TensorError: Error, CustomStringConvertible, Equatable {
    /// Shapes that do not fit the operation, e.g. `matmul [2, 3] x [4, 5]`.
    case shapeMismatch(String)
    /// An argument out of its domain (negative size, axis out of range, …).
    case invalidArgument(String)
    /// A numerical routine failed (e.g. LAPACK did not converge).
    case numerical(String)
    /// OpenBLAS could not be loaded.
    case blasUnavailable(String)

    public var description: String {
        switch self {
        case .shapeMismatch(let m): return "shape mismatch: \(m)"
        case .invalidArgument(let m): return "invalid argument: \(m)"
        case .numerical(let m): return "numerical error: \(m)"
        case .blasUnavailable(let m): return m
        }
    }
}
