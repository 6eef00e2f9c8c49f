import Foundation

/// The exclusive lock of a run directory: `.lock`, held with `flock` while a trainer writes the folder, so a second
/// training process is refused instead of deleting the first one's checkpoints. The kernel drops the lock when the
/// process ends however it ends (a SIGKILL too), so a dead run never blocks the folder; the file only records the
/// holder's pid for the message.
final class RunLock {
    static let fileName = ".lock"

    private var descriptor: Int32

    /// Takes the lock of `directory` (which must exist), or throws `TrainingError.runDirectoryLocked`.
    init(directory: URL) throws {
        let path = directory.appendingPathComponent(Self.fileName).path
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw TrainingError.unwritableRunDirectory(path: directory.path, reason: String(cString: strerror(errno)))
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))
                .flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            close(fd)
            throw TrainingError.runDirectoryLocked(path: directory.path, pid: holder)
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        descriptor = fd
    }

    /// Releases the lock (the kernel does it at exit in any case).
    func release() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
