import Foundation
import Synchronization

/// SIGINT (Ctrl-C) and SIGTERM while training: the first asks the run to stop after the current step (it writes a
/// checkpoint and returns); a second one ends the process as usual.
enum StopSignals {
    static let received = Atomic<Bool>(false)
    private static let signals = [SIGINT, SIGTERM]

    /// Installs the handlers and clears the flag; returns the previous handlers for `restore`.
    static func install() -> [sighandler_t?] {
        received.store(false, ordering: .relaxed)  // also initialises the global before any handler reads it
        return signals.map { signal($0, handle) }
    }

    /// Puts back the handlers `install` replaced.
    static func restore(_ previous: [sighandler_t?]) {
        for (sig, handler) in zip(signals, previous) { signal(sig, handler) }
    }

    /// Async-signal-safe: an atomic exchange, and on a repeated signal `signal` + `raise`.
    private static let handle: @convention(c) (Int32) -> Void = { sig in
        if StopSignals.received.exchange(true, ordering: .relaxed) {
            signal(sig, SIG_DFL)
            raise(sig)
        }
    }
}
