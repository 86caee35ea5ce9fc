import Dispatch
import PlatformSupport

/// The columns decoded from one stretch of records, with lines counted from where it began.
struct DecodedChunk: Sendable {
    var lines: [Int32]
    var decoders: [ColumnDecoder]
    /// The scanner's line counter after the chunk (its line count when it began at 0).
    var endLine: Int
}

/// Splitting a CSV body into stretches of whole records that can be decoded on separate cores.
///
/// A split is only safe where a line break is certainly a record end, so a body that holds any
/// double quote (a quoted field may contain line breaks) is decoded in one piece, as is a small
/// one (< 4 MiB), where threads cost more than they save.
enum RecordChunks {
    static let minimumParallelBytes = 4 << 20

    /// `[start, end)` ranges covering `bytes[from...]`, each ending just after a line feed.
    /// - Complexity: O(bytes) for the quote check.
    /// - Parameters:
    ///   - pieces: how many chunks to aim for (default: the cores, at most 8).
    ///   - minimumBytes: the smallest body that is split (tests lower it to split small files).
    static func split(_ bytes: [UInt8], from start: Int, pieces: Int? = nil,
                      minimumBytes: Int = minimumParallelBytes) -> [(start: Int, end: Int)] {
        bytes.withUnsafeBufferPointer { split($0, from: start, pieces: pieces, minimumBytes: minimumBytes) }
    }

    /// ``split(_:from:pieces:minimumBytes:)`` on bytes not held in an array (a mapped file).
    static func split(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, pieces: Int? = nil,
                      minimumBytes: Int = minimumParallelBytes) -> [(start: Int, end: Int)] {
        let total = bytes.count - start
        let cores = pieces ?? min(max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))), 8)
        guard cores > 1, total >= minimumBytes,
              !containsQuote(bytes, from: start)
        else { return [(start, bytes.count)] }
        var ranges: [(start: Int, end: Int)] = []
        var begin = start
        for c in 1..<cores {
            var cut = max(start + total * c / cores, start + 1)
            while cut < bytes.count, bytes[cut - 1] != UInt8(ascii: "\n") { cut += 1 }
            if cut <= begin || cut >= bytes.count { continue }
            ranges.append((begin, cut))
            begin = cut
        }
        ranges.append((begin, bytes.count))
        return ranges
    }

    /// Decodes `count` chunks concurrently; the first chunk (in file order) that failed decides
    /// the error, so the message names the earliest bad line as a one-pass read would.
    /// The decoded chunks as one: each column's values and the line numbers end to end (later
    /// chunks counted their lines from 0, so theirs are shifted by the lines before them).
    ///
    /// One task per column and one for the line numbers, run concurrently: at 1e7 rows these
    /// copies, and the first touch of the pages they fill, were the largest serial step left
    /// after the parallel decode (docs/performance.md, "Page faults and unused columns").
    /// - Complexity: O(rows × columns), over the cores.
    static func stitch(_ parts: [DecodedChunk]) -> (lines: [Int32], decoders: [ColumnDecoder]) {
        var lines = parts[0].lines
        var merged = parts[0].decoders
        guard parts.count > 1 else { return (lines, merged) }
        var running = [0]
        for part in parts { running.append(running.last! + part.endLine) }
        let offsets = running
        let columns = merged.count
        withUnsafeMutablePointer(to: &lines) { linePointer in
            merged.withUnsafeMutableBufferPointer { decoders in
                // Each task writes only its own column (or the line numbers).
                nonisolated(unsafe) let lines = linePointer, decoders = decoders
                DispatchQueue.concurrentPerform(iterations: columns + 1) { k in
                    if k == columns {
                        for p in parts.indices.dropFirst() {
                            let shift = Int32(truncatingIfNeeded: offsets[p])
                            lines.pointee.append(contentsOf: parts[p].lines.lazy.map { $0 &+ shift })
                        }
                    } else {
                        for part in parts.dropFirst() { decoders[k].absorb(part.decoders[k]) }
                    }
                }
            }
        }
        return (lines, merged)
    }

    static func decode(
        _ count: Int, _ body: @Sendable (Int) throws(InputError) -> DecodedChunk
    ) throws(InputError) -> [DecodedChunk] {
        if count == 1 { return [try body(0)] }
        // Each worker writes only its own slot; concurrentPerform returns after all have finished.
        let slots = UnsafeMutableBufferPointer<Result<DecodedChunk, InputError>?>.allocate(capacity: count)
        slots.initialize(repeating: nil)
        defer { slots.deinitialize(); slots.deallocate() }
        nonisolated(unsafe) let results = slots
        DispatchQueue.concurrentPerform(iterations: count) { c in
            do throws(InputError) { results[c] = .success(try body(c)) } catch { results[c] = .failure(error) }
        }
        var chunks: [DecodedChunk] = []
        var linesBefore = 0
        for c in 0..<count {
            switch slots[c]! {
            case .success(let chunk):
                chunks.append(chunk)
                // Chunk 0 counted from the body's first line, later ones from 0.
                linesBefore += chunk.endLine
            case .failure(var error):
                // Later chunks numbered their lines from 0: shift by the lines before them.
                if c > 0, let line = error.line { error.line = line + linesBefore }
                throw error
            }
        }
        return chunks
    }

    /// libc's vectorised `memchr`: the byte loop it replaces (`contains`) cost 16% of a 1e6-row
    /// `logrank`, serially, before the threads start (docs/performance.md).
    private static func containsQuote(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        guard start < buffer.count else { return false }
        return memchr(buffer.baseAddress! + start, Int32(UInt8(ascii: "\"")), buffer.count - start) != nil
    }
}
