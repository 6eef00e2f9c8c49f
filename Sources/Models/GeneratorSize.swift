import TensorCore

/// The number of weights of each generator, computed from its configuration alone with checked arithmetic, so that
/// a configuration read from a file is checked against the file's tensors before any network is built.
public enum GeneratorSize {
    /// The most weights a generator may have (4 GiB of Float32): larger configurations are refused before anything
    /// is allocated.
    public static let maximumWeights = 1 << 30

    /// Throws `ModelError.incompatibleFile` unless a file whose tensors hold `fileValues` values in all can hold the
    /// `weights` a configuration asks for (nil: more than `Int` can count).
    public static func check(_ weights: Int?, fileValues: Int, path: String) throws {
        guard let weights, weights <= fileValues else {
            let shown = weights.map { "\($0)" } ?? "more than \(Int.max)"
            throw ModelError.incompatibleFile(
                "\(path): its configuration describes a generator of \(shown) weights but the file holds only "
                    + "\(fileValues) values; the file is damaged or was edited, re-export or re-download it")
        }
    }

    /// Throws `ModelError.invalidConfig` when `weights` exceeds `maximumWeights`.
    static func checkBound(_ weights: Int?, _ what: String) throws {
        guard let weights, weights <= maximumWeights else {
            throw ModelError.invalidConfig(
                "the \(what) generator would have \(weights.map(String.init) ?? "more than \(Int.max)") weights, more "
                    + "than the \(maximumWeights) SwiftGAN allows; choose smaller sizes")
        }
    }
}

/// Adds up layer sizes, turning into nil on a negative factor or an overflow.
struct WeightCounter {
    private(set) var total: Int? = 0

    /// Adds the product of `factors`.
    mutating func add(_ factors: Int...) {
        guard let t = total, let p = CheckedSize.product(factors) else { total = nil; return }
        total = CheckedSize.sum([t, p])
    }

    /// Adds a linear or convolution layer: `inputs · outputs · kernel` weights and `outputs` biases.
    mutating func layer(_ inputs: Int, _ outputs: Int, kernel: Int = 1, bias: Bool = true) {
        add(inputs, outputs, kernel)
        if bias { add(outputs) }
    }
}

extension WaveGANConfig {
    /// Weights of the generator (`WaveGANGenerator.parameterCount`), nil when they overflow `Int`.
    public var generatorWeights: Int? {
        var w = WeightCounter()
        let n = strides.count
        guard let base = CheckedSize.product([modelSize, 1 << (n - 1)]),
              let inputs = CheckedSize.product([latentDimension, labelCount > 0 ? 2 : 1]),
              let denseOutputs = CheckedSize.product([WaveGANConfig.baseLength, base]),
              let outputs = CheckedSize.product([channels, outputGate == .none ? 1 : 2])
        else { return nil }
        if labelCount > 0 { w.add(labelCount, latentDimension) }
        w.layer(inputs, denseOutputs)
        if batchNorm { w.add(2, base) }
        for i in 0..<n {
            let cin = base >> i, cout = i == n - 1 ? outputs : base >> (i + 1)
            w.layer(cin, cout, kernel: kernelSize)
            if batchNorm && i < n - 1 { w.add(2, cout) }
        }
        if postFilterLength > 0 { w.layer(channels, channels, kernel: postFilterLength, bias: false) }
        return w.total
    }
}

extension SeriesGANConfig {
    /// Weights of the generator (`SeriesGenerator.parameterCount`), nil when they overflow `Int`.
    public var generatorWeights: Int? {
        var w = WeightCounter()
        let z = latentDimension
        if labelCount > 0 { w.add(labelCount, z) }
        guard let stemInputs = CheckedSize.product([z, labelCount > 0 ? 2 : 1]),
              let stemOutputs = CheckedSize.product([width, length]),
              let firstInputs = CheckedSize.sum([width, noiseChannels]), layers >= 0
        else { return nil }
        w.layer(stemInputs, stemOutputs)
        for i in 0..<layers where w.total != nil {
            let inputs = i == 0 ? firstInputs : width
            switch architecture {
            case .convolutional: w.layer(inputs, width, kernel: kernelSize)
            case .recurrent:
                w.add(3, width, inputs)
                w.add(3, width, width)
                w.add(6, width)
            }
        }
        w.layer(width, features)
        return w.total
    }
}

extension TableGANConfig {
    /// Weights of the generator (`TableGenerator.parameterCount`), nil when they overflow `Int`.
    public var generatorWeights: Int? {
        var w = WeightCounter()
        guard let outputs = CheckedSize.sum(spans.map(\.width)),
              var inputs = CheckedSize.sum([latentDimension, conditionWidth])
        else { return nil }
        for hidden in generatorLayers {
            w.layer(inputs, hidden)
            w.add(2, hidden)
            guard let next = CheckedSize.sum([inputs, hidden]) else { return nil }
            inputs = next
        }
        w.layer(inputs, outputs)
        return w.total
    }
}
