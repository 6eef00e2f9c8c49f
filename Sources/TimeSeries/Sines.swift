import TensorCore
import Foundation

/// The Sines benchmark of TimeGAN (Yoon et al. 2019), as its reference code's `sine_data_generation` makes it:
/// for every series and feature a frequency f and a phase φ are drawn from U(0, 0.1), and
/// `x(t) = (sin(f · t + φ) + 1) / 2` for t = 0 … T−1 (so values lie in [0, 1]). The paper uses 5 features and
/// length 24. Note that the code has no 2π: f is an angular frequency in radians per step.
///
/// Series i draws from its own stream of `seed`, so it is the same whatever `count` is.
public enum Sines {
    /// `count` series of `length` steps and `features` features.
    public static func generate(count: Int, length: Int = 24, features: Int = 5, seed: UInt64) throws -> SeriesArray {
        guard count >= 0, length > 0, features > 0 else {
            throw SeriesError.invalidArgument(
                "sines needs a non-negative count and positive length and features (got \(count), \(length), \(features))")
        }
        guard let total = CheckedSize.elements([count, length, features]) else {
            throw SeriesError.invalidArgument(
                "sines: \(count) series × \(length) steps × \(features) features is more than SwiftGAN makes at once "
                    + "(at most \(CheckedSize.maximumElements) values); ask for fewer or shorter series")
        }
        var values = [Float](repeating: 0, count: total)
        for n in 0..<count {
            var rng = SeededGenerator(seed: seed, stream: [n])
            for c in 0..<features {
                let frequency = rng.uniform(0, 0.1)
                let phase = rng.uniform(0, 0.1)
                for t in 0..<length {
                    values[(n * length + t) * features + c] = Float((sin(frequency * Double(t) + phase) + 1) * 0.5)
                }
            }
        }
        return try SeriesArray(count: count, length: length, features: features, values: values,
                               featureNames: (0..<features).map { "sine\($0)" })
    }
}
