/// Ascending sort of unsigned 64-bit keys in O(n): a least-significant-digit radix sort with
/// 11-bit digits (six stable counting passes), skipping every digit on which all keys agree, so
/// integer-valued times (whose low mantissa bits are zero) sort in two or three passes.
///
/// Short ranges fall back to the standard library's comparison sort, which wins below a few
/// thousand keys.
enum RadixSort {
    private static let digitBits = 11
    private static let buckets = 1 << digitBits
    private static let passes = (64 + digitBits - 1) / digitBits
    private static let comparisonSortLimit = 4096

    /// Sorts `keys` in place; `scratch` must hold at least `keys.count` elements.
    /// - Complexity: O(n) for n ≥ 4096 keys, O(n log n) below.
    static func sort(_ keys: UnsafeMutableBufferPointer<UInt64>, scratch: UnsafeMutableBufferPointer<UInt64>) {
        let n = keys.count
        if n < comparisonSortLimit {
            var keys = keys
            keys.sort()
            return
        }
        precondition(scratch.count >= n, "radix sort scratch space too small")
        let mask = UInt64(buckets - 1)
        // One histogram per digit, filled in a single read of the keys.
        var counts = [Int](repeating: 0, count: passes * buckets)
        counts.withUnsafeMutableBufferPointer { c in
            for key in keys {
                var k = key
                for pass in 0..<passes {
                    c[pass * buckets + Int(k & mask)] += 1
                    k >>= UInt64(digitBits)
                }
            }
            var source = keys.baseAddress!
            var target = scratch.baseAddress!
            for pass in 0..<passes {
                let shift = UInt64(pass * digitBits)
                let histogram = c.baseAddress! + pass * buckets
                // Every key has the same digit here: this pass would not move anything.
                if histogram[Int((source[0] >> shift) & mask)] == n { continue }
                var offset = 0
                for b in 0..<buckets {
                    let count = histogram[b]
                    histogram[b] = offset
                    offset += count
                }
                for i in 0..<n {
                    let key = source[i]
                    let b = Int((key >> shift) & mask)
                    target[histogram[b]] = key
                    histogram[b] += 1
                }
                swap(&source, &target)
            }
            if source != keys.baseAddress! {
                keys.baseAddress!.update(from: source, count: n)
            }
        }
    }
}
