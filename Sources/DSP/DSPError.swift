/// Errors raised by SwiftGAN's signal-processing layer. Messages name the offending value and say what to do.
public enum DSPError: Error, CustomStringConvertible, Equatable {
    /// A parameter outside its domain, e.g. an STFT hop of 0 or a mel band above the Nyquist frequency.
    case invalidParameter(String)
    /// A signal too short for the requested operation (e.g. reflect padding needs more samples than half a frame).
    case signalTooShort(String)
    /// Buffer sizes that do not match the shapes given.
    case shapeMismatch(String)
    /// FFTW could not create a plan.
    case fftUnavailable(String)

    public var description: String {
        switch self {
        case .invalidParameter(let m): return "invalid DSP parameter: \(m)"
        case .signalTooShort(let m): return "signal too short: \(m)"
        case .shapeMismatch(let m): return "shape mismatch: \(m)"
        case .fftUnavailable(let m): return "FFT unavailable: \(m)"
        }
    }
}
