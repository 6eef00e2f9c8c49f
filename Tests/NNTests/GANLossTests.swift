import Foundation
import NN
import TensorCore
import Testing

/// The GAN objectives against their closed forms.
@Suite struct GANLossTests {
    let real = try! Tensor(shape: [3, 1], values: [0.5, -1, 2])
    let fake = try! Tensor(shape: [3, 1], values: [-0.25, 1.5, 0])

    func mean(_ v: [Float], _ f: (Float) -> Float) -> Float { v.map(f).reduce(0, +) / Float(v.count) }

    @Test(arguments: GANLoss.allCases)
    func termsMatchTheirDefinitions(loss: GANLoss) {
        let r = real.scalars, f = fake.scalars
        let softplus = { (x: Float) in Float(log1p(exp(Double(x)))) }
        let (expectedReal, expectedFake): (Float, Float) = switch loss {
        case .wasserstein: (-mean(r) { $0 }, mean(f) { $0 })
        case .hinge: (mean(r) { max(0, 1 - $0) }, mean(f) { max(0, 1 + $0) })
        case .nonSaturating: (mean(r) { softplus(-$0) }, mean(f) { softplus($0) })
        case .leastSquares: (mean(r) { ($0 - 1) * ($0 - 1) / 2 }, mean(f) { $0 * $0 / 2 })
        }
        #expect(abs(loss.criticReal(real).item - expectedReal) < 1e-6)
        #expect(abs(loss.criticFake(fake).item - expectedFake) < 1e-6)
        #expect(abs(loss.critic(real: real, fake: fake).item - (expectedReal + expectedFake)) < 1e-6)
    }

    /// The weighted form sums the per-example terms with the given weights: with weights 1/B it is the mean.
    @Test(arguments: GANLoss.allCases)
    func weightedFakeTermIsAWeightedSum(loss: GANLoss) throws {
        let even = Tensor.full([3, 1], 1 / 3)
        #expect(abs(loss.criticFake(fake, weights: even).item - loss.criticFake(fake).item) < 1e-6)
        let one = try Tensor(shape: [3, 1], values: [0, 1, 0])
        let middle = try Tensor(shape: [1, 1], values: [fake.scalars[1]])
        #expect(abs(loss.criticFake(fake, weights: one).item - loss.criticFake(middle).item) < 1e-6)
    }
}
