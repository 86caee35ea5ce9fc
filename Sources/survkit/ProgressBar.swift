import Foundation

/// A progress bar on stderr for long runs (only shown when stderr is a terminal), advanced
/// from worker threads; redrawn only when the shown percentage changes.
final class ProgressBar: @unchecked Sendable {
    private let total: Int
    private var done = 0
    private var shownPercent = -1
    private let lock = NSLock()
    private static let width = 30

    init(total: Int) { self.total = max(1, total) }

    func advance(by count: Int) {
        lock.lock()
        defer { lock.unlock() }
        done += count
        let percent = min(100, done * 100 / total)
        guard percent != shownPercent else { return }
        shownPercent = percent
        let filled = percent * Self.width / 100
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: Self.width - filled)
        Terminal.writeStandardError("\r[\(bar)] \(percent)% \(done)/\(total) replicates")
    }

    /// Clears the bar's line.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if shownPercent >= 0 { Terminal.writeStandardError("\r\u{1B}[K") }
    }
}
