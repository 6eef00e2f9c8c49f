import Foundation

/// Analysis windows for short-time Fourier transforms.
///
/// Windows are *periodic* by default (the DFT-even form used by librosa, PyTorch and scipy's `fftbins=True`):
/// `w[n] = f(2πn / N)` for `n` in `0..<N`. A *symmetric* window uses `N - 1` in the denominator instead and is the
/// form used for filter design.
public enum WindowKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// All ones.
    case rectangular
    /// `0.5 − 0.5 cos θ`.
    case hann
    /// `0.54 − 0.46 cos θ`.
    case hamming
    /// `0.42 − 0.5 cos θ + 0.08 cos 2θ`.
    case blackman

    /// The `length`-point window; `periodic` selects the DFT-even form.
    public func coefficients(length: Int, periodic: Bool = true) -> [Float] {
        guard length > 1 else { return [Float](repeating: 1, count: max(length, 0)) }
        let denominator = Double(periodic ? length : length - 1)
        return (0..<length).map { n in
            let theta = 2 * Double.pi * Double(n) / denominator
            switch self {
            case .rectangular: return 1
            case .hann: return Float(0.5 - 0.5 * cos(theta))
            case .hamming: return Float(0.54 - 0.46 * cos(theta))
            case .blackman: return Float(0.42 - 0.5 * cos(theta) + 0.08 * cos(2 * theta))
            }
        }
    }
}

/// The zeroth-order modified Bessel function of the first kind, by its power series (converges for all x).
func besselI0(_ x: Double) -> Double {
    var sum = 1.0, term = 1.0
    let q = x * x / 4
    var k = 1.0
    while term > sum * 1e-17 {
        term *= q / (k * k)
        sum += term
        k += 1
    }
    return sum
}

/// The Kaiser window value at `t` in [-1, 1] (0 outside) for shape parameter `beta`.
func kaiser(_ t: Double, beta: Double) -> Double {
    guard abs(t) <= 1 else { return 0 }
    return besselI0(beta * (1 - t * t).squareRoot()) / besselI0(beta)
}
