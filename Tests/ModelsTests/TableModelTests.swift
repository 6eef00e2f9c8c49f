import Foundation
import Testing
import Models
import NN
import TensorCore
import _TestSupport

@Suite struct TableModelTests {
    /// A row layout like a transformed table: alpha + 3 modes, a 2-level category, alpha + 1 mode.
    static let spans: [TableGANConfig.Span] = [
        .init(.tanh, width: 1), .init(.softmax, width: 3), .init(.softmax, width: 2), .init(.tanh, width: 1),
        .init(.softmax, width: 1),
    ]

    static func config(conditionWidth: Int = 2) -> TableGANConfig {
        var c = TableGANConfig()
        c.spans = spans
        c.conditionWidth = conditionWidth
        c.latentDimension = 6
        c.generatorLayers = [5, 4]
        c.criticLayers = [7, 3]
        c.pac = 3
        return c
    }

    /// The activation computed span by span with plain loops.
    static func naiveActivation(_ x: [Float], _ gumbel: [Float], rows: Int, temperature: Float) -> [Float] {
        let d = x.count / rows
        var out = [Float](repeating: 0, count: x.count)
        for b in 0..<rows {
            var start = 0
            for span in spans {
                let r = (b * d + start)..<(b * d + start + span.width)
                if span.kind == .tanh {
                    for i in r { out[i] = tanh(x[i]) }
                } else {
                    let v = r.map { Double(x[$0] + gumbel[$0]) / Double(temperature) }
                    let m = v.max()!
                    let total = v.reduce(0) { $0 + exp($1 - m) }
                    for (k, i) in r.enumerated() { out[i] = Float(exp(v[k] - m) / total) }
                }
                start += span.width
            }
        }
        return out
    }

    @Test func activationMatchesASpanBySpanLoop() throws {
        let layout = TableOutputLayout(spans: Self.spans)
        #expect(layout.width == 8)
        let rows = 4
        let x = Tensor.testValues([rows, 8], seed: 1, low: -3, high: 3)
        let noise = Tensor.testValues([rows, 8], seed: 2)
        for tau: Float in [0.2, 1] {
            let y = layout.activate(x, gumbel: noise, temperature: tau)
            let expected = Self.naiveActivation(x.scalars, noise.scalars, rows: rows, temperature: tau)
            #expect(maxAbsDifference(y.scalars, expected) < 1e-5)
        }
        // Huge logits do not overflow: the segment maximum is subtracted.
        let big = layout.activate(x * 1000, gumbel: noise, temperature: 0.2)
        #expect(big.scalars.allSatisfy { $0.isFinite })
    }

    @Test func activationAndCrossEntropyGradientsMatchFiniteDifferences() throws {
        let layout = TableOutputLayout(spans: Self.spans)
        let x = Tensor.testValues([3, 8], seed: 3)
        let noise = Tensor.testValues([3, 8], seed: 4)
        let first = GradientCheck.firstOrder([x]) { layout.activate($0[0], gumbel: noise, temperature: 0.5) }
        #expect(first < 2e-3)
        let ce = GradientCheck.firstOrder([x]) { layout.crossEntropy($0[0], targets: [2, 4, -1]) }
        #expect(ce < 2e-3)
        let second = GradientCheck.secondOrder([x], eps: 1e-2) { layout.activate($0[0], gumbel: noise, temperature: 1) }
        #expect(second < 2e-2)
    }

    @Test func crossEntropyIsTheMeanNegativeLogSoftmaxOfEachTarget() throws {
        let layout = TableOutputLayout(spans: Self.spans)
        let x = Tensor.testValues([3, 8], seed: 5, low: -2, high: 2)
        let targets = [2, 5, -1]  // second mode of column 0; second level of the category; none
        let v = x.scalars
        func logSoftmax(_ row: Int, _ span: Range<Int>, _ t: Int) -> Double {
            let values = span.map { Double(v[row * 8 + $0]) }
            return Double(v[row * 8 + t]) - log(values.map(exp).reduce(0, +))
        }
        let expected = -(logSoftmax(0, 1..<4, 2) + logSoftmax(1, 4..<6, 5)) / 3
        #expect(abs(Double(layout.crossEntropy(x, targets: targets).item) - expected) < 1e-5)
    }

    @Test func gumbelNoiseHasTheGumbelMoments() throws {
        let layout = TableOutputLayout(spans: Self.spans)
        var g = SeededGenerator(seed: 6)
        var row = [Float](repeating: 0, count: 8)
        var sum = 0.0, sumSquares = 0.0, n = 0
        for _ in 0..<40_000 {
            row.withUnsafeMutableBufferPointer { layout.gumbelNoise(into: $0.baseAddress!, using: &g) }
            #expect(row[0] == 0 && row[6] == 0)  // tanh positions
            for j in [1, 2, 3, 4, 5, 7] {
                sum += Double(row[j])
                sumSquares += Double(row[j] * row[j])
                n += 1
            }
        }
        let mean = sum / Double(n), variance = sumSquares / Double(n) - mean * mean
        // Gumbel(0, 1): mean γ ≈ 0.5772, variance π²/6 ≈ 1.6449; standard errors ≈ 0.0021 and 0.006 here.
        #expect(abs(mean - 0.5772) < 0.01)
        #expect(abs(variance - Double.pi * Double.pi / 6) < 0.03)
    }

    @Test func generatorHasCTGANsLayersAndNames() throws {
        var g = SeededGenerator(seed: 7)
        let config = Self.config()
        let generator = try TableGenerator(config, using: &g)
        let shapes = Dictionary(uniqueKeysWithValues: generator.stateDict().map { ($0.name, $0.tensor.shape) })
        #expect(shapes == [
            "seq.0.fc.weight": [5, 8], "seq.0.fc.bias": [5], "seq.0.bn.weight": [5], "seq.0.bn.bias": [5],
            "seq.0.bn.running_mean": [5], "seq.0.bn.running_var": [5],
            "seq.1.fc.weight": [4, 13], "seq.1.fc.bias": [4], "seq.1.bn.weight": [4], "seq.1.bn.bias": [4],
            "seq.1.bn.running_mean": [4], "seq.1.bn.running_var": [4],
            "seq.2.weight": [8, 17], "seq.2.bias": [8],
        ])
        // The forward pass is Linear-BN-ReLU with the input concatenated, twice, then Linear.
        let input = Tensor.testValues([4, 8], seed: 8)
        generator.eval()
        let out = try GradientRecording.disabled { try generator(input) }
        func dense(_ x: [Float], _ name: String, rows: Int) -> [Float] {
            let w = generator.stateDict().first { $0.name == name + ".weight" }!.tensor
            let b = generator.stateDict().first { $0.name == name + ".bias" }!.tensor.scalars
            let (o, i) = (w.shape[0], w.shape[1])
            return (0..<(rows * o)).map { k in
                let (r, j) = (k / o, k % o)
                return b[j] + (0..<i).reduce(0) { $0 + x[r * i + $1] * w.scalars[j * i + $1] }
            }
        }
        var h = input.scalars, width = 8
        for (block, size) in [(0, 5), (1, 4)] {
            // Fresh batch norm in evaluation mode: mean 0, variance 1, scale 1, shift 0.
            let scale: Float = 1 / (1 + 1e-5).squareRoot()
            let y = dense(h, "seq.\(block).fc", rows: 4).map { max($0 * scale, 0) }
            var next: [Float] = []
            for r in 0..<4 {
                next += y[(r * size)..<((r + 1) * size)]
                next += h[(r * width)..<((r + 1) * width)]
            }
            h = next
            width += size
        }
        #expect(maxAbsDifference(out.scalars, dense(h, "seq.2", rows: 4)) < 1e-5)
    }

    @Test func criticJudgesPacGroupsWithCTGANsNames() throws {
        var g = SeededGenerator(seed: 9)
        let config = Self.config()
        let critic = try TableCritic(config, using: &g)
        let shapes = Dictionary(uniqueKeysWithValues: critic.stateDict().map { ($0.name, $0.tensor.shape) })
        #expect(shapes == ["seq.0.weight": [7, 30], "seq.0.bias": [7], "seq.3.weight": [3, 7], "seq.3.bias": [3],
                           "seq.6.weight": [1, 3], "seq.6.bias": [1]])
        let groups = Tensor.testValues([2, 3, 10], seed: 10)
        critic.eval()
        let scores = try GradientRecording.disabled { try critic(groups, using: &g) }
        #expect(scores.shape == [2, 1])
        // Group 1 alone scores the same: groups are judged independently, each as one concatenated row.
        let second = try GradientRecording.disabled { try critic(groups.sliced(axis: 0, 1..<2), using: &g) }
        #expect(abs(second.item - scores.scalars[1]) < 1e-6)
        // Training mode drops units (dropout 0.5): scores change with the random stream.
        critic.train()
        var g1 = SeededGenerator(seed: 1), g2 = SeededGenerator(seed: 2)
        let a = try GradientRecording.disabled { try critic(groups, using: &g1) }
        let b = try GradientRecording.disabled { try critic(groups, using: &g2) }
        #expect(a.scalars != b.scalars)
        #expect(throws: TensorError.self) { try critic(Tensor.zeros([2, 4, 10]), using: &g) }
    }

    @Test func invalidConfigurationsAreRefused() {
        var g = SeededGenerator(seed: 11)
        var c = Self.config()
        c.spans = []
        #expect(throws: TensorError.self) { try TableGenerator(c, using: &g) }
        c = Self.config()
        c.spans[0] = .init(.tanh, width: 2)
        #expect(throws: TensorError.self) { try TableCritic(c, using: &g) }
        c = Self.config()
        c.dropout = 1
        #expect(throws: TensorError.self) { try TableCritic(c, using: &g) }
    }
}
