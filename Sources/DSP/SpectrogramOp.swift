import TensorCore

// The STFT as a differentiable tensor op. The transform is linear, so it and its adjoint (both on FFTW) are each
// other's gradient: first- and second-order gradients of any spectrogram loss or critic are exact.

extension STFT {
    /// Complex spectrum of signals `[B, L]` as `[2, B, bins, frames]`: the real plane, then the imaginary plane.
    public func spectrum(_ signals: Tensor) throws -> Tensor {
        guard signals.rank == 2 else {
            throw DSPError.shapeMismatch("STFT input must be [batch, samples], got \(signals.shape)")
        }
        try config.validate(signalLength: signals.shape[1])
        return spectrumOp(signals)
    }

    /// |STFT|² of signals `[B, L]`: `[B, bins, frames]`.
    public func power(_ signals: Tensor) throws -> Tensor {
        let x = try spectrum(signals)
        let (re, im) = (x.sliced(axis: 0, 0..<1), x.sliced(axis: 0, 1..<2))
        return (re.squared() + im.squared()).reshaped(Array(x.shape.dropFirst()))
    }

    /// |STFT| of signals `[B, L]`: `[B, bins, frames]`, with `floor` inside the root (keeps the gradient finite at 0).
    public func magnitude(_ signals: Tensor, floor: Float = 1e-12) throws -> Tensor {
        (try power(signals) + floor).sqrt()
    }

    /// log(|STFT| + epsilon) of signals `[B, L]`: `[B, bins, frames]`.
    public func logMagnitude(_ signals: Tensor, epsilon: Float = 1e-4) throws -> Tensor {
        (try magnitude(signals) + epsilon).log()
    }

    func spectrumOp(_ signals: Tensor) -> Tensor {
        let (batch, length) = (signals.shape[0], signals.shape[1])
        let frames = frameCount(signalLength: length)
        let plane = batch * bins * frames
        let out = Tensor(uninitialized: [2, batch, bins, frames])
        // Lengths were validated by `spectrum`; the raw transform cannot fail here.
        try! forward(signals.storage.pointer, batch: batch, length: length, real: out.storage.pointer,
                     imag: out.storage.pointer + plane)
        return Tensor.record("stft", result: out, inputs: [signals]) { g, _, _ in
            [self.adjointOp(g, length: length)]
        }
    }

    func adjointOp(_ gradient: Tensor, length: Int) -> Tensor {
        let batch = gradient.shape[1]
        let plane = gradient.count / 2
        let out = Tensor(uninitialized: [batch, length])
        try! adjoint(gradReal: gradient.storage.pointer, gradImag: gradient.storage.pointer + plane, batch: batch,
                     length: length, output: out.storage.pointer)
        return Tensor.record("stftAdjoint", result: out, inputs: [gradient]) { h, _, _ in [self.spectrumOp(h)] }
    }
}
