import Foundation

/// Deterministic test noise in [-1, 1) (a 64-bit LCG; good enough for test data).
func testNoise(_ count: Int, seed: UInt64 = 1) -> [Float] {
    var state = seed &* 6364136223846793005 &+ 1442695040888963407
    return (0..<count).map { _ in
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Float(Double(state >> 11) / Double(1 << 53)) * 2 - 1
    }
}

/// `amplitude · sin(2π f n / rate)` for `count` samples.
func sine(frequency: Double, sampleRate: Double, count: Int, amplitude: Double = 1) -> [Float] {
    (0..<count).map { Float(amplitude * sin(2 * Double.pi * frequency * Double($0) / sampleRate)) }
}

/// Root mean square.
func rootMeanSquare(_ x: ArraySlice<Float>) -> Double {
    (x.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(max(x.count, 1))).squareRoot()
}

/// Amplitude of the component at `frequency` (Hz) in `x`, by correlation with a Hann-windowed complex exponential
/// (exact for a pure tone whose frequency is several bins away from any other component).
func toneAmplitude(_ x: ArraySlice<Float>, frequency: Double, sampleRate: Double) -> Double {
    let n = x.count
    var re = 0.0, im = 0.0, wsum = 0.0
    for (i, v) in x.enumerated() {
        let w = 0.5 - 0.5 * cos(2 * Double.pi * Double(i) / Double(n))
        let theta = 2 * Double.pi * frequency * Double(i) / sampleRate
        re += w * Double(v) * cos(theta)
        im -= w * Double(v) * sin(theta)
        wsum += w
    }
    return 2 * (re * re + im * im).squareRoot() / wsum
}
