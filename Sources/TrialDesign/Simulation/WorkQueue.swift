internal import Foundation

/// Items 0 ..< count handed out one at a time, in order, to the workers that ask (under a
/// lock: the simulation's few hundred blocks of 2,048 replicates, a summary's few quantities,
/// so the lock costs nothing measurable). A worker descheduled for a while on a busy machine
/// then takes fewer items instead of leaving the others idle at the end; which worker takes an
/// item never changes what is computed from it.
final class WorkQueue: @unchecked Sendable {
    private let lock = NSLock()
    private let count: Int
    private var handedOut = 0

    init(items count: Int) { self.count = count }

    /// The next item not yet handed out, if any.
    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard handedOut < count else { return nil }
        handedOut += 1
        return handedOut - 1
    }
}
