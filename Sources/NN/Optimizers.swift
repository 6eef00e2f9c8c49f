import Foundation
import TensorCore

/// Updates parameters from their gradients. Implementations keep per-parameter state (moments) in flat buffers,
/// allocated on the first step and reused after, and expose it for checkpoints.
public protocol Optimizer: AnyObject {
    /// One step: `parameters[i]` moves along `gradients[i]`.
    func update(_ parameters: [Parameter], gradients: [Tensor])
    /// The learning rate (may be changed between steps).
    var learningRate: Float { get set }
    /// Named state tensors for a checkpoint, for the given parameter names.
    func stateTensors(names: [(String, Parameter)]) -> [(String, Tensor)]
    /// Restores state written by `stateTensors`; throws when a tensor is missing or mis-shaped.
    func loadState(_ tensors: [String: Tensor], names: [(String, Parameter)]) throws
}

/// Adam (Kingma & Ba) with PyTorch's semantics, including L2 weight decay added to the gradient.
public final class Adam: Optimizer {
    public var learningRate: Float
    public let beta1: Float, beta2: Float, epsilon: Float, weightDecay: Float
    /// Steps taken (for bias correction).
    public private(set) var step = 0
    private var moments: [ObjectIdentifier: (m: TensorStorage, v: TensorStorage)] = [:]

    public init(learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8,
                weightDecay: Float = 0) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    public func update(_ parameters: [Parameter], gradients: [Tensor]) {
        precondition(parameters.count == gradients.count)
        step += 1
        let c1 = 1 - Float(pow(Double(beta1), Double(step))), c2 = 1 - Float(pow(Double(beta2), Double(step)))
        let (b1, b2, eps, wd) = (beta1, beta2, epsilon, weightDecay)
        let stepSize = learningRate / c1, invC2 = 1 / c2
        for (p, g) in zip(parameters, gradients) {
            let n = p.value.count
            let state = moments[ObjectIdentifier(p)] ?? {
                let s = (TensorStorage(zeros: n), TensorStorage(zeros: n))
                moments[ObjectIdentifier(p)] = s
                return s
            }()
            let w = p.value.storage.pointer, gp = g.storage.pointer, m = state.m.pointer, v = state.v.pointer
            parallelRanges(n, minimum: 1 << 15) { r in
                for i in r {
                    let gi = gp[i] + wd * w[i]
                    m[i] = b1 * m[i] + (1 - b1) * gi
                    v[i] = b2 * v[i] + (1 - b2) * gi * gi
                    // `.magnitude` (a no-op, v ≥ 0) lets the compiler use vector square roots: a bare
                    // `squareRoot()` keeps C's errno check per element on Linux and the loop stays scalar.
                    w[i] -= stepSize * m[i] / ((v[i] * invC2).magnitude.squareRoot() + eps)
                }
            }
        }
    }

    public func stateTensors(names: [(String, Parameter)]) -> [(String, Tensor)] {
        var out: [(String, Tensor)] = [("step", Tensor(scalar: Float(step)))]
        for (name, p) in names {
            guard let s = moments[ObjectIdentifier(p)] else { continue }
            out.append(("m." + name, Tensor(shape: p.shape, storage: s.m)))
            out.append(("v." + name, Tensor(shape: p.shape, storage: s.v)))
        }
        return out
    }

    public func loadState(_ tensors: [String: Tensor], names: [(String, Parameter)]) throws {
        step = Int(tensors["step"]?.item ?? 0)
        for (name, p) in names {
            guard let m = tensors["m." + name], let v = tensors["v." + name] else { continue }
            guard m.shape == p.shape, v.shape == p.shape else {
                throw TensorError.shapeMismatch("optimizer state for '\(name)' has shape \(m.shape), expected \(p.shape)")
            }
            moments[ObjectIdentifier(p)] = (m.copied().storage, v.copied().storage)
        }
    }
}

/// RMSProp with PyTorch's semantics (α = 0.99, no momentum, ε outside the root), L2 weight decay.
public final class RMSProp: Optimizer {
    public var learningRate: Float
    public let alpha: Float, epsilon: Float, weightDecay: Float
    private var squares: [ObjectIdentifier: TensorStorage] = [:]

    public init(learningRate: Float = 1e-2, alpha: Float = 0.99, epsilon: Float = 1e-8, weightDecay: Float = 0) {
        self.learningRate = learningRate
        self.alpha = alpha
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    public func update(_ parameters: [Parameter], gradients: [Tensor]) {
        let (a, eps, wd, lr) = (alpha, epsilon, weightDecay, learningRate)
        for (p, g) in zip(parameters, gradients) {
            let n = p.value.count
            let sq = squares[ObjectIdentifier(p)] ?? {
                let s = TensorStorage(zeros: n)
                squares[ObjectIdentifier(p)] = s
                return s
            }()
            let w = p.value.storage.pointer, gp = g.storage.pointer, s = sq.pointer
            parallelRanges(n, minimum: 1 << 15) { r in
                for i in r {
                    let gi = gp[i] + wd * w[i]
                    s[i] = a * s[i] + (1 - a) * gi * gi
                    w[i] -= lr * gi / (s[i].squareRoot() + eps)
                }
            }
        }
    }

    public func stateTensors(names: [(String, Parameter)]) -> [(String, Tensor)] {
        names.compactMap { name, p in squares[ObjectIdentifier(p)].map { ("sq." + name, Tensor(shape: p.shape, storage: $0)) } }
    }

    public func loadState(_ tensors: [String: Tensor], names: [(String, Parameter)]) throws {
        for (name, p) in names {
            guard let s = tensors["sq." + name] else { continue }
            guard s.shape == p.shape else {
                throw TensorError.shapeMismatch("optimizer state for '\(name)' has shape \(s.shape), expected \(p.shape)")
            }
            squares[ObjectIdentifier(p)] = s.copied().storage
        }
    }
}

/// Exponential moving average of parameters (`shadow ← decay·shadow + (1−decay)·value`), for sampling from a
/// smoothed generator.
public final class ExponentialMovingAverage {
    public let decay: Float
    /// The averaged copies, in the order of the parameters given at creation.
    public let shadows: [Tensor]
    private let parameters: [Parameter]

    public init(_ parameters: [Parameter], decay: Float = 0.999) {
        self.decay = decay
        self.parameters = parameters
        shadows = parameters.map { $0.value.copied() }
    }

    /// Moves the averages toward the current parameter values. With `step` (updates made so far), the decay ramps
    /// up as `min(decay, (1 + step)/(10 + step))`, so early averages are not dominated by the initial weights.
    public func update(step: Int? = nil) {
        let d = step.map { Swift.min(decay, Float(1 + $0) / Float(10 + $0)) } ?? decay
        for (s, p) in zip(shadows, parameters) {
            let sp = s.storage.pointer, pp = p.value.storage.pointer
            parallelRanges(s.count, minimum: 1 << 15) { r in
                for i in r { sp[i] = d * sp[i] + (1 - d) * pp[i] }
            }
        }
    }

    /// Writes the averages into `target`'s parameters (same architecture, same order).
    public func copy(into target: [Parameter]) throws {
        guard target.count == shadows.count else {
            throw TensorError.shapeMismatch("EMA holds \(shadows.count) tensors, target has \(target.count) parameters")
        }
        for (s, p) in zip(shadows, target) { try p.assign(s) }
    }
}
