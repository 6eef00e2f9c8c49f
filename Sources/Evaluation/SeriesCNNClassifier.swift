import Foundation
import NN
import TensorCore

/// A small fully convolutional series classifier, the FCN baseline of Wang, Yan and Oates (2017) at a quarter of its
/// width: three convolutions (32 channels, kernels 7, 5 and 3, same padding), each followed by batch norm and ReLU,
/// global average pooling over time and a linear layer to the class logits.
///
/// Trained with Adam (learning rate 1e-3, decayed to 0 along a cosine so the last steps settle) on the cross-entropy
/// for `steps` mini-batches of `batchSize` series, passing over the training series in a fresh random order each time
/// (the last batch of a pass may be smaller). Each channel of the input is standardised with the training
/// series' mean and standard deviation. Seeded: the same data and seed give the same classifier.
public struct SeriesCNNClassifier {
    /// Training settings.
    public struct Options: Sendable, Equatable {
        public var steps = 1000
        public var batchSize = 16
        public var learningRate: Float = 1e-3
        public var width = 32

        public init() {}
    }

    public let classes: Int
    let length: Int, channels: Int
    let means: [Float], scales: [Float]
    let network: Network

    final class Network: Module {
        let conv1: Conv1d, norm1: BatchNorm1d, conv2: Conv1d, norm2: BatchNorm1d, conv3: Conv1d, norm3: BatchNorm1d
        let head: Linear

        init(channels: Int, width: Int, classes: Int, using g: inout SeededGenerator) {
            conv1 = Conv1d(channels, width, kernelSize: 7, padding: 3, using: &g)
            norm1 = BatchNorm1d(width)
            conv2 = Conv1d(width, width, kernelSize: 5, padding: 2, using: &g)
            norm2 = BatchNorm1d(width)
            conv3 = Conv1d(width, width, kernelSize: 3, padding: 1, using: &g)
            norm3 = BatchNorm1d(width)
            head = Linear(width, classes, using: &g)
            super.init()
        }

        /// Logits `[B, classes]` for series `[B, channels, length]`.
        func callAsFunction(_ x: Tensor) throws -> Tensor {
            var h = try norm1(try conv1(x)).relu()
            h = try norm2(try conv2(h)).relu()
            h = try norm3(try conv3(h)).relu()
            return try head(h.mean(axes: [2]))
        }
    }

    /// Trains on `values` (`[count, length, channels]`) with `labels` in 0..<classes.
    public init(values: [Float], count: Int, length: Int, channels: Int, labels: [Int], classes: Int,
                options: Options = Options(), seed: UInt64 = 0) throws {
        precondition(count >= 1 && values.count == count * length * channels && labels.count == count,
                     "SeriesCNNClassifier: \(values.count) values, \(labels.count) labels for [\(count), \(length), \(channels)]")
        self.classes = classes
        self.length = length
        self.channels = channels
        var means = [Float](repeating: 0, count: channels), scales = [Float](repeating: 1, count: channels)
        for c in 0..<channels {
            var sum = 0.0, squares = 0.0
            for i in stride(from: c, to: values.count, by: channels) { sum += Double(values[i]) }
            let mean = sum / Double(count * length)
            for i in stride(from: c, to: values.count, by: channels) { squares += (Double(values[i]) - mean) * (Double(values[i]) - mean) }
            let sd = (squares / Double(count * length)).squareRoot()
            means[c] = Float(mean)
            scales[c] = sd > 0 ? Float(sd) : 1
        }
        self.means = means
        self.scales = scales
        var g = SeededGenerator(seed: seed, stream: [0xC22])
        network = Network(channels: channels, width: options.width, classes: classes, using: &g)
        let inputs = Self.input(values, count: count, length: length, channels: channels, means: means, scales: scales)
        let optimizer = Adam(learningRate: options.learningRate)
        let parameters = network.parameters()
        network.train()
        var order = Array(0..<count), start = count
        for step in 0..<options.steps {
            if start >= count {
                g.shuffle(&order)
                start = 0
            }
            let picked = Array(order[start..<Swift.min(start + options.batchSize, count)])
            start += options.batchSize
            optimizer.learningRate = options.learningRate
                * Float(0.5 * (1 + cos(Double.pi * Double(step) / Double(options.steps))))
            let loss = try network(inputs.gathered(axis: 0, indices: picked)).crossEntropy(targets: picked.map { labels[$0] })
            optimizer.update(parameters, gradients: gradients(of: loss, with: parameters.map(\.value)))
        }
        network.eval()
    }

    /// Class probabilities `[count, classes]` for `values` (`[count, length, channels]` as trained).
    public func probabilities(_ values: [Float], count: Int) throws -> [Double] {
        let x = Self.input(values, count: count, length: length, channels: channels, means: means, scales: scales)
        return try GradientRecording.disabled {
            var out: [Double] = []
            out.reserveCapacity(count * classes)
            for start in stride(from: 0, to: count, by: 256) {
                let rows = Array(start..<Swift.min(start + 256, count))
                out += try network(x.gathered(axis: 0, indices: rows)).softmax(axis: 1).scalars.map(Double.init)
            }
            return out
        }
    }

    /// `[count, channels, length]` standardised per channel, from `[count, length, channels]`.
    static func input(_ values: [Float], count: Int, length: Int, channels: Int, means: [Float], scales: [Float])
        -> Tensor
    {
        var out = [Float](repeating: 0, count: values.count)
        for n in 0..<count {
            for t in 0..<length {
                for c in 0..<channels {
                    out[(n * channels + c) * length + t] = (values[(n * length + t) * channels + c] - means[c]) / scales[c]
                }
            }
        }
        return try! Tensor(shape: [count, channels, length], values: out)
    }
}
