import TensorCore

/// One augmentation method: maps a set of series to a set of the same shape, drawing its randomness from `streams`.
///
/// Conformers have a command-line name and build themselves from named numeric parameters (defaults from the
/// literature), so that `SeriesAugmentation(parsing: "jitter,timewarp:sigma=0.3")` can make them.
public protocol SeriesAugmenter: Sendable {
    /// The method's name in method lists, e.g. "timewarp".
    static var name: String { get }
    /// Builds the method from parameters, taking each one it knows from `parameters` (defaults for the rest).
    init(parameters: inout AugmentationParameters) throws
    /// The augmented set, same shape, ids, labels and times as `data`.
    func augment(_ data: SeriesArray, streams: AugmentationStreams) throws -> SeriesArray
}

/// The random streams of one step of one augmented copy: series `i` draws from its own generator, so results do not
/// depend on the number of series, their processing order or the thread count.
public struct AugmentationStreams: Sendable {
    public let seed: UInt64
    public let copy: Int
    public let step: Int

    public init(seed: UInt64, copy: Int = 0, step: Int = 0) {
        self.seed = seed
        self.copy = copy
        self.step = step
    }

    /// The generator of series `index`.
    public func generator(forSeries index: Int) -> SeededGenerator {
        SeededGenerator(seed: seed, stream: [copy, step, index])
    }
}

/// A pipeline of augmentation methods applied one after the other, seeded.
///
/// ```swift
/// let pipeline = try SeriesAugmentation(parsing: "jitter:sigma=0.05,timewarp")
/// let bigger = try pipeline.copies(of: data, count: 4, seed: 7)
/// ```
public struct SeriesAugmentation: Sendable {
    /// Every method SwiftGAN knows, in documentation order.
    public static let methods: [any SeriesAugmenter.Type] = [
        Jitter.self, Scaling.self, MagnitudeWarp.self, TimeWarp.self, WindowSlice.self, WindowWarp.self,
        Permutation.self, Drift.self, Dropout.self, Pool.self, Quantize.self, Mixup.self,
    ]

    /// The methods, in the order they run.
    public var steps: [any SeriesAugmenter]

    public init(_ steps: [any SeriesAugmenter] = []) {
        self.steps = steps
    }

    /// A pipeline from a comma-separated list of methods, each optionally followed by `:name=value` parameters,
    /// e.g. `"jitter:sigma=0.05,timewarp:sigma=0.3:knots=6,mixup"`. Names ignore case, '-' and '_'.
    public init(parsing spec: String) throws {
        var steps: [any SeriesAugmenter] = []
        for item in spec.split(separator: ",") {
            let parts = item.split(separator: ":").map { $0.trimmingCharacters(in: .whitespaces) }
            let key = Self.canonical(parts[0])
            guard let method = Self.methods.first(where: { Self.canonical($0.name) == key }) else {
                throw SeriesError.invalidArgument(
                    "unknown augmentation '\(parts[0])'; the methods are "
                        + Self.methods.map { $0.name }.joined(separator: ", "))
            }
            var parameters = try AugmentationParameters(method: method.name, assignments: Array(parts.dropFirst()))
            let step = try method.init(parameters: &parameters)
            try parameters.checkAllUsed()
            steps.append(step)
        }
        guard !steps.isEmpty else { throw SeriesError.invalidArgument("no augmentation methods given") }
        self.steps = steps
    }

    private static func canonical(_ name: String) -> String {
        name.lowercased().filter { $0 != "-" && $0 != "_" }
    }

    /// This pipeline followed by `step`.
    public func then(_ step: any SeriesAugmenter) -> SeriesAugmentation {
        SeriesAugmentation(steps + [step])
    }

    /// `data` after every step, with random stream `copy` of `seed`.
    public func apply(to data: SeriesArray, seed: UInt64, copy: Int = 0) throws -> SeriesArray {
        try data.checkFinite()
        var out = data
        if data.count == 0 { return out }
        for (index, step) in steps.enumerated() {
            out = try step.augment(out, streams: AugmentationStreams(seed: seed, copy: copy, step: index))
        }
        return out
    }

    /// `count` augmented copies of `data` one after the other (copy k uses stream k); ids get a `~aug<k>` suffix.
    public func copies(of data: SeriesArray, count: Int, seed: UInt64) throws -> SeriesArray {
        guard count > 0, CheckedSize.elements([count, data.count, data.length, data.features]) != nil else {
            throw SeriesError.invalidArgument(
                "\(count) copies of \(data.count) series is not a number of copies SwiftGAN makes at once (1 to "
                    + "\(CheckedSize.maximumElements / Swift.max(1, data.count * data.length * data.features)))")
        }
        var result = try apply(to: data, seed: seed, copy: 0)
        result.values.reserveCapacity(data.values.count * count)
        for k in 1..<count { try result.append(apply(to: data, seed: seed, copy: k)) }
        result.ids = (1...count).flatMap { k in data.ids.map { "\($0)~aug\(k)" } }
        return result
    }
}

/// Named numeric parameters of one method, parsed from `name=value` assignments; each method takes what it knows.
public struct AugmentationParameters: Sendable {
    let method: String
    private var given: [String: Double]
    private var known: [String] = []

    /// Parameters from explicit values.
    public init(method: String, values: [String: Double] = [:]) {
        self.method = method
        self.given = values
    }

    init(method: String, assignments: [String]) throws {
        var values: [String: Double] = [:]
        for assignment in assignments {
            let pair = assignment.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, let value = Double(pair[1]), value.isFinite else {
                throw SeriesError.invalidArgument(
                    "\(method): cannot read parameter '\(assignment)'; write name=value, e.g. \(method):sigma=0.1")
            }
            values[pair[0].lowercased()] = value
        }
        self.init(method: method, values: values)
    }

    /// The value of `key` (or `defaultValue`), checked to lie in `range`.
    public mutating func number(_ key: String, default defaultValue: Double, in range: ClosedRange<Double>) throws
        -> Double
    {
        known.append(key)
        let value = given.removeValue(forKey: key) ?? defaultValue
        guard range.contains(value) else {
            throw SeriesError.invalidArgument(
                "\(method): \(key) must lie in \(range.lowerBound)…\(range.upperBound) (got \(value))")
        }
        return value
    }

    /// The integer value of `key` (or `defaultValue`), checked to lie in `range`.
    public mutating func integer(_ key: String, default defaultValue: Int, in range: ClosedRange<Int>) throws -> Int {
        let value = try number(key, default: Double(defaultValue), in: Double(range.lowerBound)...Double(range.upperBound))
        guard value == value.rounded() else {
            throw SeriesError.invalidArgument("\(method): \(key) must be a whole number (got \(value))")
        }
        return Int(value)
    }

    /// σ and interior knots of Um et al.'s random curves (defaults 0.2 and 4), for the warps built on them.
    mutating func randomCurve() throws -> (sigma: Double, knots: Int) {
        (try number("sigma", default: 0.2, in: 0...1e6), try integer("knots", default: 4, in: 0...100))
    }

    func checkAllUsed() throws {
        if let unknown = given.keys.sorted().first {
            let takes = known.isEmpty ? "it takes no parameters" : "it takes " + known.joined(separator: ", ")
            throw SeriesError.invalidArgument("\(method): unknown parameter '\(unknown)'; \(takes)")
        }
    }
}

extension SeriesAugmenter {
    /// Runs `body(n, input, output, rng)` for every series n in parallel. `output` starts as a copy of `input`; both
    /// are `[T, C]`. Each series draws from its own stream.
    func mapSeries(
        _ data: SeriesArray, streams: AugmentationStreams,
        _ body: (
            _ index: Int, _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>,
            _ rng: inout SeededGenerator
        ) -> Void
    ) -> SeriesArray {
        if data.count == 0 { return data }
        var out = data
        let stride = data.seriesStride
        data.values.withUnsafeBufferPointer { input in
            out.values.withUnsafeMutableBufferPointer { output in
                let src = input.baseAddress!, dst = output.baseAddress!
                parallelRanges(data.count, minimum: 16) { range in
                    for n in range {
                        var rng = streams.generator(forSeries: n)
                        body(n, src + n * stride, dst + n * stride, &rng)
                    }
                }
            }
        }
        return out
    }
}
