import Dispatch
internal import Foundation

/// Sums over rows split into fixed chunks, the chunks computed in parallel and their partial
/// sums added in chunk order.
///
/// The chunk boundaries depend only on the row count, and the partials are reduced one chunk
/// after another in index order, so the result is the same to the bit whatever the number of
/// threads (one thread runs the very same chunks and the same reduction).
enum ChunkedSums {
    /// Rows per chunk: the columns of one chunk and its scratch stay in the L2 cache.
    static let rowsPerChunk = 1024
    /// Below this many chunks the work is done on the calling thread.
    static let parallelThreshold = 16

    /// Runs `body(rows, scratch, partial)` for every chunk of `0..<rows` and returns the
    /// element-wise sum of the partials (each `width` long, zeroed before the call) in chunk
    /// order. `scratch` holds `scratchCount` doubles private to the calling worker.
    /// - Parameters:
    ///   - rows: the number of rows.
    ///   - width: the length of each chunk's partial-sum vector.
    ///   - scratchCount: doubles of per-worker scratch memory.
    ///   - threads: workers to use (default: the active processors); the result does not depend on it.
    ///   - body: fills `partial` for the rows given; must not touch shared mutable state.
    static func run(rows: Int, width: Int, scratchCount: Int, threads: Int? = nil,
                    _ body: @Sendable (Range<Int>, UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>) -> Void)
        -> [Double] {
        let chunks = max(1, (rows + rowsPerChunk - 1) / rowsPerChunk)
        let partials = UnsafeMutablePointer<Double>.allocate(capacity: chunks * width)
        partials.initialize(repeating: 0, count: chunks * width)
        defer { partials.deallocate() }
        let available = threads ?? ProcessInfo.processInfo.activeProcessorCount
        let workers = chunks < parallelThreshold && threads == nil ? 1 : min(chunks, max(1, available))
        nonisolated(unsafe) let shared = partials
        // One iteration runs on the calling thread.
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let scratch = UnsafeMutablePointer<Double>.allocate(capacity: max(1, scratchCount))
            scratch.initialize(repeating: 0, count: max(1, scratchCount))
            defer { scratch.deallocate() }
            var c = worker
            while c < chunks {
                let start = c * rowsPerChunk
                body(start..<min(rows, start + rowsPerChunk), scratch, shared + c * width)
                c += workers
            }
        }
        var total = [Double](repeating: 0, count: width)
        for c in 0..<chunks {
            let part = partials + c * width
            for k in 0..<width { total[k] += part[k] }
        }
        return total
    }
}
