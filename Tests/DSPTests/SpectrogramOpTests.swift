import DSP
import Testing
import TensorCore
import _TestSupport

/// The differentiable spectrogram: forward against the array STFT, gradients of first and second order against
/// central differences.
@Suite struct SpectrogramOpTests {
    let signals = Tensor.testValues([2, 40], seed: 51)

    @Test func spectrumMatchesTheArrayTransform() throws {
        let stft = try STFT(fftSize: 16, hopLength: 4)
        let x = try stft.spectrum(signals)
        let frames = stft.frameCount(signalLength: 40)
        #expect(x.shape == [2, 2, 9, frames])
        let reference = try stft.forward(signals.scalars, batch: 2)
        let mag = try stft.magnitude(signals).scalars
        let refMag = reference.magnitude()
        #expect(maxAbsDifference(mag, refMag) < 1e-4)
    }

    @Test func gradientsAreExactToSecondOrder() throws {
        for (n, hop, center) in [(16, 4, true), (8, 3, false)] {
            let stft = try STFT(fftSize: n, hopLength: hop, center: center)
            let first = GradientCheck.firstOrder([signals]) { try! stft.logMagnitude($0[0], epsilon: 0.1) }
            #expect(first < 3e-3, "first order n_fft \(n): \(first)")
            let second = GradientCheck.secondOrder([signals]) { try! stft.logMagnitude($0[0], epsilon: 0.5) }
            #expect(second < 1e-2, "second order n_fft \(n): \(second)")
        }
    }

    @Test func shortOrMisshapenSignalsThrow() throws {
        let stft = try STFT(fftSize: 64, hopLength: 16)
        #expect(throws: DSPError.self) { try stft.spectrum(Tensor.zeros([2, 20])) }
        #expect(throws: DSPError.self) { try stft.spectrum(Tensor.zeros([2, 1, 100])) }
    }
}
