/// Parameters of a short-time Fourier transform, in samples.
///
/// Physical reading at 16 kHz: `fftSize` 1024 is a 64 ms frame and 513 bins 15.6 Hz apart; `hopLength` 256 is 16 ms.
/// Frame `t` covers samples `t·hop − pad ..< t·hop − pad + fftSize`, where `pad` is `fftSize / 2` when `center` is
/// set (the signal is then reflect-padded at both ends, as in librosa and PyTorch) and 0 otherwise.
public struct STFTConfig: Sendable, Hashable, Codable {
    /// FFT length `n_fft`; there are `fftSize / 2 + 1` frequency bins.
    public var fftSize: Int
    /// Samples between the starts of successive frames.
    public var hopLength: Int
    /// Length of the window, at most `fftSize`; a shorter window is zero-padded to `fftSize`, centred.
    public var windowLength: Int
    /// Window shape (periodic form).
    public var window: WindowKind
    /// Reflect-pad the signal by `fftSize / 2` on both sides so that frame `t` is centred on sample `t·hop`.
    public var center: Bool

    /// A configuration; `hopLength` defaults to `fftSize / 4` and `windowLength` to `fftSize`.
    public init(fftSize: Int, hopLength: Int? = nil, windowLength: Int? = nil, window: WindowKind = .hann,
                center: Bool = true) {
        self.fftSize = fftSize
        self.hopLength = hopLength ?? max(1, fftSize / 4)
        self.windowLength = windowLength ?? fftSize
        self.window = window
        self.center = center
    }

    /// Number of frequency bins, `fftSize / 2 + 1`.
    public var bins: Int { fftSize / 2 + 1 }

    /// Samples of padding added before (and after) the signal.
    public var padding: Int { center ? fftSize / 2 : 0 }

    /// Number of frames for a signal of `signalLength` samples (0 when it does not fill one frame).
    public func frameCount(signalLength: Int) -> Int {
        let padded = signalLength + 2 * padding
        return padded < fftSize ? 0 : 1 + (padded - fftSize) / hopLength
    }

    /// Throws when a parameter is out of its domain.
    public func validate() throws {
        if fftSize < 2 { throw DSPError.invalidParameter("STFT fftSize must be at least 2, got \(fftSize)") }
        if hopLength < 1 { throw DSPError.invalidParameter("STFT hopLength must be at least 1, got \(hopLength)") }
        if windowLength < 1 || windowLength > fftSize {
            throw DSPError.invalidParameter(
                "STFT windowLength must be in 1...fftSize (\(fftSize)), got \(windowLength)")
        }
    }

    /// Throws when a signal of `length` samples cannot be transformed with these settings.
    public func validate(signalLength length: Int) throws {
        if center && length <= padding {
            throw DSPError.signalTooShort(
                "reflect padding by \(padding) samples needs a signal longer than \(padding), got \(length); "
                    + "use a smaller fftSize or longer audio")
        }
        if frameCount(signalLength: length) == 0 {
            throw DSPError.signalTooShort(
                "a signal of \(length) samples does not fill one \(fftSize)-sample frame; "
                    + "use center padding, a smaller fftSize or longer audio")
        }
    }
}
