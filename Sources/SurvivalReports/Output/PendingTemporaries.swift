#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Temporary output files that exist (or are about to) and are not yet renamed into place.
///
/// An interrupt (SIGINT, SIGTERM) removes them. The removal never runs inside a signal handler:
/// the command-line tool ignores the signals and receives them through a dispatch signal source,
/// whose handler runs on an ordinary thread, where taking this lock is safe (a lock taken in a
/// real signal handler could deadlock against the interrupted thread).
public enum PendingTemporaries {
    nonisolated(unsafe) private static var paths: Set<String> = []
    private static let lock = Mutex()

    static func add(_ path: String) { lock.locked { _ = paths.insert(path) } }
    static func remove(_ path: String) { lock.locked { _ = paths.remove(path) } }

    /// Unlinks every pending temporary file (for an interrupt; not from a signal handler).
    public static func removeAll() {
        lock.locked {
            for p in paths { unlink(p) }
            paths.removeAll()
        }
    }

    /// The pending files (tests).
    static var current: Set<String> { lock.locked { paths } }
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
