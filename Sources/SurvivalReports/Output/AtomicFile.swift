#if canImport(Glibc)
import Glibc
#endif

/// Writes a whole output file or nothing: the text goes to a temporary file in the same
/// directory, is flushed, and is renamed over the target (rename is atomic on POSIX), so a
/// failed or interrupted run never leaves a partial file.
public enum AtomicFile {
    public struct Failure: Error, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "\(path): cannot write the output: \(reason)" }
    }

    /// Temporary files still being written, removed by ``removePending()`` on Ctrl-C.
    nonisolated(unsafe) private static var pending: Set<String> = []
    private static let lock = Mutex()

    public static func write(_ text: String, to path: String) throws(Failure) {
        let directory = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let temporary = "\(directory)/.\(name).tmp-\(getpid())"
        lock.locked { _ = pending.insert(temporary) }
        defer { lock.locked { _ = pending.remove(temporary) } }
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
        var bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress! + written, $0.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                close(fd); unlink(temporary)
                throw Failure(path: path, reason: reason)
            }
            written += n
        }
        bytes = []
        if fsync(fd) != 0 || close(fd) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw Failure(path: path, reason: reason)
        }
        if rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw Failure(path: path, reason: reason)
        }
    }

    /// Deletes temporary files of writes in progress (called from a SIGINT handler path).
    public static func removePending() {
        lock.locked { for p in pending { unlink(p) } }
    }
}

/// A small pthread mutex (Swift's `Synchronization.Mutex` needs newer deployment targets on macOS).
final class Mutex: @unchecked Sendable {
    private var m = pthread_mutex_t()
    init() { pthread_mutex_init(&m, nil) }
    deinit { pthread_mutex_destroy(&m) }
    func locked<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(&m)
        defer { pthread_mutex_unlock(&m) }
        return try body()
    }
}
