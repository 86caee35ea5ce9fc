/// Sorting (key, payload) pairs by a 64-bit key, where the payload travels with its key so
/// no gather through a row index is needed afterwards.
///
/// Large inputs use a least-significant-digit radix sort on the keys' upper 32 bits (three
/// passes, each skipped when every key shares that digit) and finish runs of equal upper
/// halves by comparison. Small inputs use an introsort. The order of equal keys is
/// unspecified: callers treat equal keys as one time.
enum KeyedSort {
    /// Inputs shorter than this use the comparison sort.
    static let radixThreshold = 2048

    /// Sorts `keys` ascending, permuting `payload` alongside.
    /// - Complexity: O(n) passes for n ≥ ``radixThreshold`` plus O(r log r) per run of r keys
    ///   sharing their upper 32 bits; O(n log n) below the threshold and in the worst case.
    static func sort<P>(keys: inout [UInt64], payload: inout [P]) {
        precondition(keys.count == payload.count)
        if keys.count < radixThreshold {
            introsort(keys: &keys, payload: &payload)
        } else {
            radixSort(keys: &keys, payload: &payload)
        }
    }

    // MARK: Radix sort

    /// Radix digits: the upper 32 bits of the key in three passes (11, 11, 10 bits).
    private static let digitShifts: [UInt64] = [32, 43, 54]
    private static let digitBits = 11
    private static let buckets = 1 << digitBits

    /// LSD radix sort on the upper 32 bits of the keys (for a double: sign, exponent and 20
    /// mantissa bits, a relative resolution of 2⁻²⁰), then a comparison sort of each run of
    /// keys sharing those bits, which for real-valued times is short or absent. Half the
    /// passes of a full 64-bit radix sort, and never quadratic: long runs get an introsort.
    private static func radixSort<P>(keys: inout [UInt64], payload: inout [P]) {
        let n = keys.count
        let mask = UInt64(buckets - 1)
        let passes = digitShifts.count
        let histogram = UnsafeMutablePointer<Int>.allocate(capacity: passes * buckets)
        histogram.initialize(repeating: 0, count: passes * buckets)
        let offsets = UnsafeMutablePointer<Int>.allocate(capacity: buckets)
        defer { histogram.deallocate(); offsets.deallocate() }
        let s0 = digitShifts[0], s1 = digitShifts[1], s2 = digitShifts[2]
        // Every digit's histogram in one pass.
        keys.withUnsafeBufferPointer { k in
            for i in 0..<n {
                let x = k[i]
                histogram[Int(truncatingIfNeeded: (x &>> s0) & mask)] &+= 1
                histogram[buckets &+ Int(truncatingIfNeeded: (x &>> s1) & mask)] &+= 1
                histogram[2 &* buckets &+ Int(truncatingIfNeeded: x &>> s2)] &+= 1
            }
        }
        var keysOut = [UInt64](repeating: 0, count: n)
        var payloadOut: [P] = []
        for (d, shift) in digitShifts.enumerated() {
            let h = histogram + d * buckets
            // A digit shared by every key leaves the order as it is.
            if h[Int(truncatingIfNeeded: (keys[0] &>> shift) & mask)] == n { continue }
            var running = 0
            for b in 0..<buckets { offsets[b] = running; running &+= h[b] }
            if payloadOut.isEmpty { payloadOut = payload }
            keys.withUnsafeBufferPointer { kin in
                payload.withUnsafeBufferPointer { pin in
                    keysOut.withUnsafeMutableBufferPointer { kout in
                        payloadOut.withUnsafeMutableBufferPointer { pout in
                            for i in 0..<n {
                                let x = kin[i]
                                let b = Int(truncatingIfNeeded: (x &>> shift) & mask)
                                let slot = offsets[b]
                                offsets[b] = slot &+ 1
                                kout[slot] = x
                                pout[slot] = pin[i]
                            }
                        }
                    }
                }
            }
            swap(&keys, &keysOut)
            swap(&payload, &payloadOut)
        }
        // Finish each run of equal upper halves on the full key.
        keys.withUnsafeMutableBufferPointer { k in
            payload.withUnsafeMutableBufferPointer { p in
                var start = 0
                while start < n {
                    let high = k[start] &>> 32
                    var end = start + 1
                    var ordered = true
                    while end < n && k[end] &>> 32 == high {
                        if k[end] < k[end - 1] { ordered = false }
                        end += 1
                    }
                    if !ordered {
                        introsort(keys: UnsafeMutableBufferPointer(rebasing: k[start..<end]),
                                  payload: UnsafeMutableBufferPointer(rebasing: p[start..<end]))
                    }
                    start = end
                }
            }
        }
    }

    // MARK: Introsort (quicksort, heapsort past a depth limit, insertion sort for short runs)

    private static func introsort<P>(keys: inout [UInt64], payload: inout [P]) {
        keys.withUnsafeMutableBufferPointer { k in
            payload.withUnsafeMutableBufferPointer { p in introsort(keys: k, payload: p) }
        }
    }

    /// Sorts `keys` ascending in place, permuting `payload` alongside, by comparisons.
    /// - Complexity: O(n log n) worst case (heapsort past a depth of 2 log₂ n).
    static func introsort<P>(keys: UnsafeMutableBufferPointer<UInt64>, payload: UnsafeMutableBufferPointer<P>) {
        let n = keys.count
        precondition(payload.count == n)
        guard n > 1 else { return }
        var depth = 0
        var m = n
        while m > 1 { depth += 2; m >>= 1 }
        quicksort(keys.baseAddress!, payload.baseAddress!, 0, n - 1, depthLimit: depth)
    }

    @inline(__always)
    private static func swapAt<P>(_ k: UnsafeMutablePointer<UInt64>, _ p: UnsafeMutablePointer<P>, _ i: Int, _ j: Int) {
        let tk = k[i]; k[i] = k[j]; k[j] = tk
        let tp = p[i]; p[i] = p[j]; p[j] = tp
    }

    private static func quicksort<P>(_ k: UnsafeMutablePointer<UInt64>, _ p: UnsafeMutablePointer<P>,
                                     _ lo: Int, _ hi: Int, depthLimit: Int) {
        var lo = lo, hi = hi, depth = depthLimit
        while hi - lo > 16 {
            if depth == 0 { heapsort(k, p, lo, hi); return }
            depth -= 1
            // Median of three to the middle; Hoare partition handles runs of equal keys.
            let mid = lo + (hi - lo) / 2
            if k[mid] < k[lo] { swapAt(k, p, mid, lo) }
            if k[hi] < k[lo] { swapAt(k, p, hi, lo) }
            if k[hi] < k[mid] { swapAt(k, p, hi, mid) }
            let pivot = k[mid]
            var i = lo - 1, j = hi + 1
            while true {
                repeat { i += 1 } while k[i] < pivot
                repeat { j -= 1 } while k[j] > pivot
                if i >= j { break }
                swapAt(k, p, i, j)
            }
            // Recurse into the smaller part, loop on the larger: O(log n) stack.
            if j - lo < hi - j {
                quicksort(k, p, lo, j, depthLimit: depth)
                lo = j + 1
            } else {
                quicksort(k, p, j + 1, hi, depthLimit: depth)
                hi = j
            }
        }
        insertionSort(k, p, lo, hi)
    }

    private static func insertionSort<P>(_ k: UnsafeMutablePointer<UInt64>, _ p: UnsafeMutablePointer<P>,
                                         _ lo: Int, _ hi: Int) {
        guard hi > lo else { return }
        for i in (lo + 1)...hi {
            let x = k[i], y = p[i]
            var j = i - 1
            while j >= lo && k[j] > x { k[j + 1] = k[j]; p[j + 1] = p[j]; j -= 1 }
            k[j + 1] = x
            p[j + 1] = y
        }
    }

    private static func heapsort<P>(_ k: UnsafeMutablePointer<UInt64>, _ p: UnsafeMutablePointer<P>,
                                    _ lo: Int, _ hi: Int) {
        let count = hi - lo + 1
        func siftDown(_ start: Int, _ end: Int) {
            var root = start
            while 2 * root + 1 < end {
                var child = 2 * root + 1
                if child + 1 < end && k[lo + child] < k[lo + child + 1] { child += 1 }
                if k[lo + root] >= k[lo + child] { return }
                swapAt(k, p, lo + root, lo + child)
                root = child
            }
        }
        var start = count / 2 - 1
        while start >= 0 { siftDown(start, count); start -= 1 }
        var end = count - 1
        while end > 0 {
            swapAt(k, p, lo, lo + end)
            siftDown(0, end)
            end -= 1
        }
    }
}
