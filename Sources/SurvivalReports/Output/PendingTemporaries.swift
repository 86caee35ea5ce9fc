internal import Foundation
import PlatformSupport

/// Temporary output files that exist (or are about to) and are not yet renamed into place.
///
/// An interrupt (SIGINT, SIGTERM) removes them. The removal never runs inside a signal handler:
/// the command-line tool ignores the signals and receives them through a dispatch signal source,
/// whose handler runs on an ordinary thread, where taking this lock is safe (a lock taken in a
/// real signal handler could deadlock against the interrupted thread).
package enum PendingTemporaries {
    nonisolated(unsafe) private static var paths: Set<String> = []
    /// survkit's one lock type (`NSLock`, as the progress bar uses).
    private static let lock = NSLock()

    static func add(_ path: String) { lock.withLock { _ = paths.insert(path) } }
    static func remove(_ path: String) { lock.withLock { _ = paths.remove(path) } }

    /// Unlinks every pending temporary file (for an interrupt; not from a signal handler).
    package static func removeAll() {
        lock.withLock {
            for p in paths { unlink(p) }
            paths.removeAll()
        }
    }

    /// The pending files (tests).
    static var current: Set<String> { lock.withLock { paths } }
}
