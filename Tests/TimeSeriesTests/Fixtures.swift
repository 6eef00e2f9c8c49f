import _TestSupport
import Foundation
import TimeSeries

/// An `[N, T, C]` array with values `value(n, t, c)`.
func makeArray(
    _ n: Int, _ t: Int, _ c: Int, labels: [String]? = nil, _ value: (Int, Int, Int) -> Float
) throws -> SeriesArray {
    var values: [Float] = []
    for i in 0..<n { for s in 0..<t { for f in 0..<c { values.append(value(i, s, f)) } } }
    return try SeriesArray(count: n, length: t, features: c, values: values, labels: labels)
}

/// Gaussian-ish random data from the generator under test's independent sibling (a fixed LCG), for inputs only.
func noiseArray(_ n: Int, _ t: Int, _ c: Int, seed: UInt64 = 1) throws -> SeriesArray {
    var state = seed
    return try makeArray(n, t, c) { _, _, _ in
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Float(Double(state >> 11) * 0x1.0p-53) * 2 - 1
    }
}

/// A fresh path in the temporary folder with the given extension.
func temporaryPath(_ ext: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("swiftgan-series-\(UUID().uuidString).\(ext)").path
}

/// Linear interpolation of `x` at fractional index `p` (a naive reference for the resampling augmentations).
func referenceInterp(_ x: [Float], _ p: Double) -> Float {
    if p <= 0 { return x[0] }
    if p >= Double(x.count - 1) { return x[x.count - 1] }
    let i = Int(p.rounded(.down))
    let w = p - Double(i)
    return Float(Double(x[i]) * (1 - w) + Double(x[i + 1]) * w)
}
