import TensorCore

/// A set of feature vectors: `count` rows of `dimension` values, row-major, in double precision.
public struct FeatureMatrix: Sendable, Equatable {
    public let count: Int
    public let dimension: Int
    public var values: [Double]

    /// Throws when `values` does not fill `count × dimension`.
    public init(count: Int, dimension: Int, values: [Double]) throws {
        guard count >= 0, dimension >= 1, values.count == count * dimension else {
            throw EvaluationError.invalidInput("feature matrix: \(values.count) values for \(count) × \(dimension)")
        }
        self.count = count
        self.dimension = dimension
        self.values = values
    }

    /// Stacks rows of equal length.
    public init(rows: [[Float]]) throws {
        guard let d = rows.first?.count else { throw EvaluationError.emptySet("no feature vectors") }
        guard rows.allSatisfy({ $0.count == d }) else {
            throw EvaluationError.invalidInput("feature vectors of different lengths")
        }
        try self.init(count: rows.count, dimension: d, values: rows.flatMap { $0.map(Double.init) })
    }

    public func row(_ i: Int) -> ArraySlice<Double> { values[(i * dimension)..<((i + 1) * dimension)] }

    /// Column means.
    public var mean: [Double] {
        var m = [Double](repeating: 0, count: dimension)
        for i in 0..<count { for j in 0..<dimension { m[j] += values[i * dimension + j] } }
        return m.map { $0 / Double(Swift.max(count, 1)) }
    }

    /// Sample covariance (divides by n − 1), `dimension × dimension`, computed with one GEMM.
    public var covariance: [Double] {
        let mu = mean
        var centred = values
        for i in 0..<count { for j in 0..<dimension { centred[i * dimension + j] -= mu[j] } }
        var c = [Double](repeating: 0, count: dimension * dimension)
        centred.withUnsafeBufferPointer { x in
            c.withUnsafeMutableBufferPointer { cp in
                BLAS.dgemm(transA: true, m: dimension, n: dimension, k: count,
                           alpha: 1 / Double(Swift.max(count - 1, 1)), a: x.baseAddress!, lda: dimension,
                           b: x.baseAddress!, ldb: dimension, c: cp.baseAddress!, ldc: dimension)
            }
        }
        return c
    }
}

/// Problems evaluating sample sets.
public enum EvaluationError: Error, CustomStringConvertible, Equatable {
    case emptySet(String)
    case tooFewSamples(String)
    case invalidInput(String)
    case mismatch(String)

    public var description: String {
        switch self {
        case .emptySet(let m): return "nothing to evaluate: \(m)"
        case .tooFewSamples(let m): return "too few samples: \(m)"
        case .invalidInput(let m): return "invalid input: \(m)"
        case .mismatch(let m): return "the two sets do not match: \(m)"
        }
    }
}
