import Foundation
import Testing
import NN
import TensorCore
import _TestSupport

final class TinyCritic: Module {
    let hidden: Linear
    let out: Linear
    init(_ inputs: Int, seed: UInt64) {
        var g = SeededGenerator(seed: seed)
        hidden = Linear(inputs, 6, using: &g)
        out = Linear(6, 1, using: &g)
        super.init()
    }
    func callAsFunction(_ x: Tensor) throws -> Tensor { try out(try hidden(x).leakyRelu(0.2)) }
}

final class Stack: Module {
    let blocks: [Linear]
    let norm: BatchNorm1d
    let head: Linear?
    init(seed: UInt64) {
        var g = SeededGenerator(seed: seed)
        blocks = [Linear(3, 4, using: &g), Linear(4, 4, bias: false, using: &g)]
        norm = BatchNorm1d(4)
        head = Linear(4, 2, using: &g)
        super.init()
    }
}

@Suite struct ModuleTests {
    @Test func parametersAreDiscoveredWithPyTorchNames() {
        let names = Stack(seed: 1).namedParameters().map(\.name)
        #expect(names == ["blocks.0.weight", "blocks.0.bias", "blocks.1.weight", "norm.weight", "norm.bias",
                          "head.weight", "head.bias"])
        let state = Stack(seed: 1).stateDict().map(\.name)
        #expect(state.suffix(2) == ["norm.running_mean", "norm.running_var"])
    }

    @Test func linearMatchesNaiveLoopAndRejectsWrongShapes() throws {
        var g = SeededGenerator(seed: 3)
        let layer = Linear(3, 2, using: &g)
        let x = try Tensor(shape: [2, 3], values: [1, 2, 3, -1, 0, 0.5])
        let y = try layer(x).scalars
        let w = layer.weight.value.scalars, b = layer.bias!.value.scalars
        for n in 0..<2 {
            for o in 0..<2 {
                var s = b[o]
                for i in 0..<3 { s += w[o * 3 + i] * x.scalars[n * 3 + i] }
                #expect(abs(y[n * 2 + o] - s) < 1e-5)
            }
        }
        #expect(throws: TensorError.self) { try layer(Tensor.zeros([2, 4])) }
        #expect(throws: TensorError.self) { try Tensor(shape: [2, 2], values: [1, 2, 3]) }
    }

    @Test func initialisationFollowsPyTorchBounds() {
        var g = SeededGenerator(seed: 5)
        let layer = Linear(64, 32, using: &g)
        let bound = 1 / Float(64).squareRoot()
        let w = layer.weight.value.scalars
        #expect(w.allSatisfy { abs($0) <= bound })
        #expect(w.map(abs).max()! > 0.9 * bound)  // it spans the range
    }

    @Test func batchNormNormalisesAndTracksRunningStatistics() throws {
        let bn = BatchNorm1d(2)
        let x = try Tensor(shape: [4, 2], values: [1, 10, 2, 20, 3, 30, 4, 40])
        let y = try bn(x).scalars
        // column 0: mean 2.5, population variance 1.25
        let expected0 = [1, 2, 3, 4].map { (Float($0) - 2.5) / (1.25 + 1e-5).squareRoot() }
        #expect(maxAbsDifference([y[0], y[2], y[4], y[6]], expected0) < 1e-4)
        #expect(abs(bn.runningMean.scalars[0] - 0.25) < 1e-6)  // 0.9·0 + 0.1·2.5
        #expect(abs(bn.runningVar.scalars[0] - (0.9 + 0.1 * 1.25 * 4 / 3)) < 1e-5)
        let e = GradientCheck.firstOrder([Tensor.testValues([5, 3, 4], seed: 9)]) { xs in try! BatchNorm1d(3)(xs[0]) }
        #expect(e < 3e-3)
    }
}

@Suite struct OptimizerTests {
    @Test func adamMatchesItsDefinitionStepByStep() throws {
        // 19 values: the update loop's vector body and its scalar tail both run.
        var w: [Double] = (0..<19).map { Double($0 % 7) - 3.2 }
        let p = Parameter(Tensor(w.map(Float.init)))
        let adam = Adam(learningRate: 0.1, beta1: 0.5, beta2: 0.9, weightDecay: 0.01)
        var m = [Double](repeating: 0, count: w.count), v = m
        for step in 1...4 {
            let grad = w.map { 2 * $0 + 1 }  // gradient of x² + x
            adam.update([p], gradients: [Tensor(grad.map(Float.init))])
            for i in w.indices {
                let gi = grad[i] + 0.01 * w[i]
                m[i] = 0.5 * m[i] + 0.5 * gi
                v[i] = 0.9 * v[i] + 0.1 * gi * gi
                let mh = m[i] / (1 - pow(0.5, Double(step))), vh = v[i] / (1 - pow(0.9, Double(step)))
                w[i] -= 0.1 * mh / (vh.squareRoot() + 1e-8)
            }
        }
        #expect(maxAbsDifference(p.value.scalars, w.map(Float.init)) < 1e-5)
    }

    @Test func rmspropAndEMAMatchTheirDefinitions() {
        let p = Parameter(Tensor([2]))
        let opt = RMSProp(learningRate: 0.01)
        let ema = ExponentialMovingAverage([p], decay: 0.9)
        var w = 2.0, s = 0.0, shadow = 2.0
        for _ in 0..<3 {
            let grad = 2 * w
            opt.update([p], gradients: [Tensor([Float(grad)])])
            ema.update()
            s = 0.99 * s + 0.01 * grad * grad
            w -= 0.01 * grad / (s.squareRoot() + 1e-8)
            shadow = 0.9 * shadow + 0.1 * w
        }
        #expect(abs(p.value.item - Float(w)) < 1e-5)
        #expect(abs(ema.shadows[0].item - Float(shadow)) < 1e-5)
    }

    @Test func optimizerStateRoundTripsForExactResume() throws {
        let p = Parameter(Tensor([1, 2])), q = Parameter(Tensor([1, 2]))
        let a = Adam(learningRate: 0.1), b = Adam(learningRate: 0.1)
        a.update([p], gradients: [Tensor([0.5, -1])])
        try q.assign(p.value)
        try b.loadState(Dictionary(uniqueKeysWithValues: a.stateTensors(names: [("w", p)]).map { ($0.0, $0.1) }),
                        names: [("w", q)])
        a.update([p], gradients: [Tensor([0.3, 0.2])])
        b.update([q], gradients: [Tensor([0.3, 0.2])])
        #expect(p.value.scalars == q.value.scalars)
    }
}

@Suite struct PenaltyTests {
    /// The WGAN-GP loss of a small critic: its gradient with respect to the critic's parameters (second order
    /// through the critic) against central differences, after a few training steps.
    @Test func wganGradientPenaltyParameterGradientMatchesFiniteDifferences() throws {
        let critic = TinyCritic(4, seed: 11)
        var data = SeededGenerator(seed: 12)
        let real = Tensor.normal([6, 4], using: &data), fake = Tensor.normal([6, 4], mean: 1, using: &data)
        let adam = Adam(learningRate: 1e-2, beta1: 0.5, beta2: 0.9)
        func loss(seed: UInt64) throws -> Tensor {
            var g = SeededGenerator(seed: seed)
            let gp = try GradientPenalty.wgan(critic: { try critic($0) }, real: real, fake: fake, using: &g)
            return GANLoss.wasserstein.critic(real: try critic(real), fake: try critic(fake)) + gp * 10
        }
        var first: Float = 0, last: Float = 0
        for step in 0..<5 {
            let l = try loss(seed: 100 + UInt64(step))
            if step == 0 { first = l.item }
            last = l.item
            adam.update(critic.parameters(), gradients: gradients(of: l, with: critic.parameters().map(\.value)))
        }
        #expect(last < first)
        // Analytic gradient of the penalty with respect to every parameter, vs central differences.
        let params = critic.parameters()
        let analytic = gradients(of: try loss(seed: 7), with: params.map(\.value))
        for (p, ga) in zip(params, analytic) {
            let original = p.value.scalars
            let numeric = GradientCheck.numericGradients([p.value.detached], eps: 1e-3) { vs in
                try! p.assign(vs[0])
                return try! loss(seed: 7).item
            }[0]
            try p.assign(Tensor(shape: p.shape, values: original))
            let scale = max(1, numeric.map(abs).max()!)
            #expect(maxAbsDifference(ga.scalars, numeric) / scale < 1e-2)
        }
    }

    @Test func r1PenaltyOfALinearCriticIsItsSquaredWeightNorm() throws {
        var g = SeededGenerator(seed: 2)
        let layer = Linear(5, 1, using: &g)
        let r1 = try GradientPenalty.r1(critic: { try layer($0) }, real: Tensor.normal([3, 5], using: &g))
        let w = layer.weight.value.scalars
        #expect(abs(r1.item - w.map { $0 * $0 }.reduce(0, +)) < 1e-5)
        // d/dw of ‖w‖² is 2w: exact second-order path through matmul's backward.
        let gw = gradients(of: r1, with: [layer.weight.value])[0].scalars
        #expect(maxAbsDifference(gw, w.map { 2 * $0 }) < 1e-5)
    }
}

@Suite struct SafetensorsTests {
    func temp(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("swiftgan-st-\(UUID().uuidString)-\(name)")
    }

    @Test func roundTripKeepsTensorsOrderAndMetadata() throws {
        let stack = Stack(seed: 4)
        let url = temp("model.safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try stack.save(to: url, metadata: ["config": "{\"d\":4}", "sample_rate": "16000"])
        let contents = try Safetensors.read(url)
        #expect(contents.order == stack.stateDict().map(\.name))
        #expect(contents.metadata["sample_rate"] == "16000")
        let other = Stack(seed: 99)
        try other.load(from: url)
        for (a, b) in zip(stack.parameters(), other.parameters()) { #expect(a.value.scalars == b.value.scalars) }
        // Header length is a multiple of 8 after the 8-byte prefix (aligned data).
        let bytes = try Data(contentsOf: url)
        let n = bytes.prefix(8).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        #expect(n % 8 == 0)
    }

    @Test func badFilesGiveTypedErrors() throws {
        let url = temp("good.safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try Safetensors.write([("w", Tensor([1, 2, 3, 4]))], to: url)
        let good = try Data(contentsOf: url)
        func parse(_ d: Data) -> SafetensorsError? {
            do { _ = try Safetensors.parse(d, path: "x.safetensors"); return nil } catch let e as SafetensorsError {
                return e
            } catch { return nil }
        }
        #expect(parse(good) == nil)
        #expect(parse(good.prefix(good.count - 3)) != nil)  // truncated data
        #expect(parse(good.prefix(5)) != nil)  // shorter than the length prefix
        var huge = good
        huge.replaceSubrange(0..<8, with: withUnsafeBytes(of: UInt64(1 << 40).littleEndian) { Data($0) })
        #expect(parse(huge) != nil)  // header larger than the file
        let lying = String(decoding: good, as: UTF8.self).replacingOccurrences(of: "[4]", with: "[9]")
        #expect(parse(Data(lying.utf8)) != nil)  // shape does not match its offsets
        #expect(parse(Data("not a model file at all".utf8)) != nil)
        let wrongShape = Stack(seed: 1)
        #expect(throws: (any Error).self) { try wrongShape.load(from: url) }
    }
}
