import Foundation
import Testing
import TensorCore

@Suite struct ElementFunctionTests {
    /// 400 001 points over [−30, 30] and the edges of each function's branches.
    static let grid: [Float] = (0...400_000).map { Float(-30 + 60 * Double($0) / 400_000) }
        + [0, -0, 0.625, -0.625, 0.624_999_9, 9, -9, 88, -88, 100, -100, 1e-30, -1e-30]

    @Test func tanhMatchesLibm() {
        for x in Self.grid {
            let exact = Float(Foundation.tanh(Double(x)))
            #expect(abs(Tanh()(x) - exact) <= 4 * max(exact.ulp, Float.leastNormalMagnitude), "tanh(\(x))")
        }
        #expect(Tanh()(50) == 1 && Tanh()(-50) == -1 && Tanh()(0) == 0)
    }

    @Test func sigmoidMatchesLibm() {
        for x in Self.grid {
            let exact = Float(1 / (1 + Foundation.exp(-Double(x))))
            #expect(abs(Sigmoid()(x) - exact) <= 4 * max(exact.ulp, 1e-37), "sigmoid(\(x))")
        }
        #expect(Sigmoid()(0) == 0.5 && Sigmoid()(100) == 1 && Sigmoid()(-100) < 1e-37)
    }

    /// 200 001 positive normal points spread log-uniformly over [1e-37, 1e38], and the edges of logf's range split.
    static let positives: [Float] = (0...200_000).map { Float(Foundation.pow(10, -37 + 75 * Double($0) / 200_000)) }
        + [1, 0.707_106_77, 0.707_106_7, 0.5, 2, Float.leastNormalMagnitude, Float.greatestFiniteMagnitude]

    @Test func positiveLogMatchesLibm() {
        for x in Self.positives {
            let exact = Foundation.log(Double(x))
            #expect(abs(Double(PositiveLog()(x)) - exact) <= 2 * Double(max(Float(abs(exact)), 1).ulp), "log(\(x))")
        }
        #expect(PositiveLog()(1) == 0)
    }

    /// e^{p·ln x} loses about |p·ln x| ulps to the rounding of p·ln x: the bound grows with it.
    @Test(arguments: [Float(0.15), 0.125, 0.5, -0.5, 2])
    func positivePowerMatchesLibm(p: Float) {
        for x in Self.positives {
            let exact = Foundation.pow(Double(x), Double(p))
            guard exact < 1e38, exact > 1e-37 else { continue }
            let bound = (4 + 2 * abs(Double(p) * Foundation.log(Double(x)))) * Double(Float.ulpOfOne) * exact
            #expect(abs(Double(PositivePower(exponent: p)(x)) - exact) <= bound, "\(x)^\(p)")
        }
    }

    /// μ-law at points where its value is known exactly (1, 1/255 → 1/8, −3/255 → −1/4) and one against libm.
    @Test func muLawClosedForm() {
        let x = Tensor([1, -1, 0, 1 / 255, -3 / 255, 0.5])
        let y = x.muLaw(255).scalars
        let expected: [Float] = [1, -1, 0, 0.125, -0.25, Float(log1p(127.5) / log1p(255.0))]
        for (a, e) in zip(y, expected) { #expect(abs(a - e) <= 2e-7, "muLaw \(a) vs \(e)") }
    }

    @Test func leakyLinearAndItsStepAreThePiecewiseDefinitions() {
        for x in Self.grid {
            #expect(LeakyLinear(slope: 0.2)(x) == (x > 0 ? x : 0.2 * x))
            #expect(LeakyLinear(slope: 0)(x) == max(x, 0))
            #expect(LeakyGradient(slope: 0.25)(3, x) == (x > 0 ? 3 : 0.75))
        }
        // The tensor ops use them: relu and its gradient.
        let t = Tensor([-2, -0.5, 0, 0.5, 2])
        #expect(t.relu().scalars == [0, 0, 0, 0.5, 2])
        #expect(t.map(Tanh()).scalars == t.tanh().scalars)
    }
}
