import TensorCore

/// Gradient penalties for critics. Both differentiate the critic with `createGraph`, so the penalty's gradient with
/// respect to the critic's parameters is exact (second order through every layer).
public enum GradientPenalty {
    /// WGAN-GP (Gulrajani et al. 2017): `mean((‖∇ₓ̂ D(x̂)‖₂ − 1)²)` at `x̂ = ε·real + (1−ε)·fake`, one ε ~ U(0, 1)
    /// per example (under a `BatchSplit`, this process's rows of the whole batch's ε). `real` and `fake` are
    /// `[B, …]`; `fake` is treated as a constant.
    public static func wgan(
        critic: (Tensor) throws -> Tensor, real: Tensor, fake: Tensor, using g: inout SeededGenerator
    ) rethrows -> Tensor {
        precondition(real.shape == fake.shape, "WGAN-GP: real \(real.shape) vs fake \(fake.shape)")
        var epsShape = [Int](repeating: 1, count: real.rank)
        epsShape[0] = real.shape[0]
        let eps = BatchSplit.draw(epsShape, using: &g) { $0.nextUniform() }
        let mixed = (real.detached * eps + fake.detached * (1 - eps)).variable()
        let grad = gradients(of: try critic(mixed).sum(), with: [mixed], createGraph: true)[0]
        let norms = (grad.squared().sum(axes: Array(1..<grad.rank)) + 1e-12).sqrt()
        return (norms - 1).squared().mean()
    }

    /// R1 (Mescheder et al. 2018): `mean(‖∇ₓ D(x)‖²)` on real data. Multiply by γ/2 in the loss.
    public static func r1(critic: (Tensor) throws -> Tensor, real: Tensor) rethrows -> Tensor {
        let x = real.detached.variable()
        return r1(scores: try critic(x), inputs: x)
    }

    /// R1 from scores the critic already computed on `inputs` (a variable), so the adversarial loss can reuse the
    /// same forward pass.
    public static func r1(scores: Tensor, inputs: Tensor) -> Tensor {
        let grad = gradients(of: scores.sum(), with: [inputs], createGraph: true)[0]
        return grad.squared().sum(axes: Array(1..<grad.rank)).mean()
    }
}

/// GAN objectives: each gives the critic's loss from its scores on real and fake data, and the generator's loss from
/// the critic's scores on fakes. Scores are raw (no sigmoid).
public enum GANLoss: String, CaseIterable, Codable, Sendable {
    /// Wasserstein (use with a gradient penalty).
    case wasserstein = "wgan-gp"
    /// Hinge (Miyato et al. / BigGAN).
    case hinge
    /// Non-saturating (Goodfellow et al.): softplus forms of the binary cross-entropy.
    case nonSaturating = "ns"
    /// Least squares (Mao et al.), targets 1 for real and 0 for fake.
    case leastSquares = "lsgan"

    /// The critic's loss: `criticReal(real) + criticFake(fake)`.
    public func critic(real: Tensor, fake: Tensor) -> Tensor {
        criticReal(real) + criticFake(fake)
    }

    /// The critic's loss term for scores it should raise (real examples).
    public func criticReal(_ real: Tensor) -> Tensor {
        switch self {
        case .wasserstein: return -real.mean()
        case .hinge: return (1 - real).relu().mean()
        case .nonSaturating: return (-real).softplus().mean()
        case .leastSquares: return (real - 1).squared().mean() * 0.5
        }
    }

    /// The critic's loss term for scores it should lower (fakes).
    public func criticFake(_ fake: Tensor) -> Tensor {
        switch self {
        case .wasserstein: return fake.mean()
        case .hinge: return (1 + fake).relu().mean()
        case .nonSaturating: return fake.softplus().mean()
        case .leastSquares: return fake.squared().mean() * 0.5
        }
    }

    /// `criticFake` as a weighted sum over examples, `Σ_b weights_b · f(fake_b)` where `criticFake` is the mean of
    /// `f`: for terms over some examples of a batch (weight 0 for the others, 1/count for the rest). `weights` is
    /// shaped like `fake`.
    public func criticFake(_ fake: Tensor, weights: Tensor) -> Tensor {
        let terms: Tensor
        switch self {
        case .wasserstein: terms = fake
        case .hinge: terms = (1 + fake).relu()
        case .nonSaturating: terms = fake.softplus()
        case .leastSquares: terms = fake.squared() * 0.5
        }
        return (terms * weights).sum()
    }

    /// The generator's loss.
    public func generator(fake: Tensor) -> Tensor {
        switch self {
        case .wasserstein, .hinge: return -fake.mean()
        case .nonSaturating: return (-fake).softplus().mean()
        case .leastSquares: return (fake - 1).squared().mean() * 0.5
        }
    }
}
