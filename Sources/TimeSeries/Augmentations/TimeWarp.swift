/// Time warping (Um et al. 2017): replays each feature at a smoothly varying speed. The speed `v_c(t)` is the cubic
/// spline through `knots + 2` evenly spaced points with values drawn from N(1, σ²) (floored at 0.01 so time never
/// stands still or runs backwards); the warped time is its running integral (trapezoids) rescaled to end at T−1,
///
///     τ_c(0) = 0,  τ_c(t) = (T−1) · Σ_{u≤t} (v_c(u−1) + v_c(u)) / 2 / Σ_{u≤T−1} (v_c(u−1) + v_c(u)) / 2,
///
/// and `x'_c(t) = x_c(τ_c(t))` by linear interpolation. τ is strictly increasing with τ(0) = 0 and τ(T−1) = T−1, so
/// the first and last values are kept. Defaults σ = 0.2, 4 knots (Um et al.; Iwana & Uchida 2021).
public struct TimeWarp: SeriesAugmenter {
    public static let name = "timewarp"
    /// Standard deviation of the speed at the knots.
    public var sigma: Double
    /// Interior knots of the speed curve.
    public var knots: Int

    public init(sigma: Double = 0.2, knots: Int = 4) {
        self.sigma = sigma
        self.knots = knots
    }

    public init(parameters: inout AugmentationParameters) throws {
        let (sigma, knots) = try parameters.randomCurve()
        self.init(sigma: sigma, knots: knots)
    }

    public func augment(_ data: SeriesArray, streams: AugmentationStreams) throws -> SeriesArray {
        let c = data.features, t = data.length
        let speeds = try RandomCurves.aroundOne(data, sigma: sigma, knots: knots, streams: streams)
        return speeds.values.withUnsafeBufferPointer { sp in
            mapSeries(data, streams: streams) { n, input, output, _ in
                var tau = [Double](repeating: 0, count: t)
                for f in 0..<c {
                    let speed = sp.baseAddress! + (n * c + f) * t
                    Self.warpedTime(speed: speed, count: t, into: &tau)
                    for s in 0..<t {
                        output[s * c + f] = Resampling.sample(input + f, stride: c, count: t, at: tau[s])
                    }
                }
            }
        }
    }

    /// τ from a speed curve: running trapezoid integral of `max(speed, 0.01)`, rescaled to run from 0 to count − 1.
    static func warpedTime(speed: UnsafePointer<Float>, count: Int, into tau: inout [Double]) {
        tau[0] = 0
        var previous = max(Double(speed[0]), 0.01)
        for s in 1..<count {
            let v = max(Double(speed[s]), 0.01)
            tau[s] = tau[s - 1] + (previous + v) / 2
            previous = v
        }
        let scale = Double(count - 1) / tau[count - 1]
        for s in 1..<count { tau[s] *= scale }
        tau[count - 1] = Double(count - 1)
    }
}
