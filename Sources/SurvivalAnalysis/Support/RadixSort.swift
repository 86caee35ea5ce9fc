/// Sorting of packed event-time keys (see ``EventTimeKey``) by their time bits, in O(n): a
/// most-significant-digit radix sort whose digit width adapts to the size of each bucket (up to
/// 16 bits), recursing into buckets until they hold at most 32 keys, which an insertion sort
/// finishes.
///
/// The lowest bit (the event flag) is not a sort digit: keys with equal times may end in any
/// order, which is all the one-pass estimator needs (it counts events and censorings per time).
/// A bucket whose keys all share the same time is left as it is, so tied data (integer days)
/// costs little, and digits on which all keys of a bucket agree are skipped without moving them.
/// On random doubles a million keys take about two scatter passes.
enum RadixSort {
    private static let insertionSortLimit = 32
    private static let maximumDigitBits = 16

    /// Sorts `keys` by `key >> 1`; `scratch` must hold at least `keys.count` elements.
    /// - Complexity: O(n) time for keys that differ somewhere in their top bits, O(n log n) at
    ///   worst; O(1) extra memory beyond `scratch` (digit histograms live on the stack).
    static func sort(_ keys: UnsafeMutableBufferPointer<UInt64>, scratch: UnsafeMutableBufferPointer<UInt64>) {
        guard keys.count > 1 else { return }
        precondition(scratch.count >= keys.count, "radix sort scratch space too small")
        sort(keys.baseAddress!, scratch.baseAddress!, keys.count, bitEnd: 64)
    }

    /// Sorts `keys[0..<n]`, all of which agree on the bits at and above `bitEnd`.
    private static func sort(_ keys: UnsafeMutablePointer<UInt64>, _ scratch: UnsafeMutablePointer<UInt64>,
                             _ n: Int, bitEnd: Int) {
        if n <= insertionSortLimit {
            insertionSort(keys, n)
            return
        }
        // One time throughout (ties): nothing to order.
        let first = keys[0] >> 1
        var allTied = true
        for i in 1..<n where keys[i] >> 1 != first { allTied = false; break }
        if allTied { return }

        var end = bitEnd
        while end > 1 {
            let width = min(maximumDigitBits, end - 1, Int.bitWidth - n.leadingZeroBitCount)
            let shift = end - width
            let mask = UInt64(1) << UInt64(width) - 1
            let buckets = 1 << width
            let moved: Bool = withUnsafeTemporaryAllocation(of: Int.self, capacity: buckets + 1) { raw in
                let start = raw.baseAddress!
                start.initialize(repeating: 0, count: buckets + 1)
                for i in 0..<n { start[Int((keys[i] >> UInt64(shift)) & mask) + 1] += 1 }
                // Every key in one bucket: this digit orders nothing, go to the next one.
                if start[Int((keys[0] >> UInt64(shift)) & mask) + 1] == n { return false }
                for b in 0..<buckets { start[b + 1] += start[b] }
                // Scatter into scratch, then copy back so each bucket is contiguous in `keys`.
                withUnsafeTemporaryAllocation(of: Int.self, capacity: buckets) { nextRaw in
                    let next = nextRaw.baseAddress!
                    next.initialize(from: start, count: buckets)
                    for i in 0..<n {
                        let key = keys[i]
                        let b = Int((key >> UInt64(shift)) & mask)
                        scratch[next[b]] = key
                        next[b] += 1
                    }
                }
                keys.update(from: scratch, count: n)
                for b in 0..<buckets {
                    let lo = start[b], count = start[b + 1] - lo
                    if count > 1 { sort(keys + lo, scratch + lo, count, bitEnd: shift) }
                }
                return true
            }
            if moved { return }
            end = shift
        }
    }

    /// Insertion sort of a short run, by the whole key.
    @inline(__always)
    private static func insertionSort(_ keys: UnsafeMutablePointer<UInt64>, _ n: Int) {
        guard n > 1 else { return }
        for i in 1..<n {
            let key = keys[i]
            var j = i
            while j > 0, keys[j - 1] > key {
                keys[j] = keys[j - 1]
                j -= 1
            }
            keys[j] = key
        }
    }
}
