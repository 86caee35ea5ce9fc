/// Sorting of row indices by a Double key, stable (equal keys keep their index order) so every
/// layout built from it is deterministic.
enum RadixSort {
    /// Below this many keys a comparison sort is cheaper than the digit histograms.
    static let comparisonSortLimit = 2048

    /// The indices of `keys` in ascending key order, equal keys in index order. Keys must not be NaN.
    /// - Complexity: O(n) for large n (LSD radix sort, 16-bit digits, passes whose digit is
    ///   the same for every key skipped), O(n log n) below ``comparisonSortLimit``.
    static func order(_ keys: [Double]) -> [Int32] {
        let n = keys.count
        if n < comparisonSortLimit {
            return (0..<Int32(n)).sorted { keys[Int($0)] != keys[Int($1)] ? keys[Int($0)] < keys[Int($1)] : $0 < $1 }
        }
        // Map doubles to unsigned integers with the same order: flip every bit of a negative
        // number, set the sign bit of a non-negative one.
        var key = keys.map { x -> UInt64 in
            let bits = x.bitPattern
            return bits >> 63 == 1 ? ~bits : bits | (1 << 63)
        }
        var index = (0..<Int32(n)).map { $0 }
        var keyBuffer = [UInt64](repeating: 0, count: n)
        var indexBuffer = [Int32](repeating: 0, count: n)
        let digitBits = 16
        let mask = UInt64((1 << digitBits) - 1)
        var count = [Int](repeating: 0, count: 1 << digitBits)
        for pass in 0..<(64 / digitBits) {
            let shift = UInt64(digitBits * pass)
            for k in count.indices { count[k] = 0 }
            for k in key { count[Int((k >> shift) & mask)] += 1 }
            if count.contains(n) { continue }   // every key has this digit: nothing to reorder
            var total = 0
            for d in count.indices { let c = count[d]; count[d] = total; total += c }
            for i in 0..<n {
                let d = Int((key[i] >> shift) & mask)
                let slot = count[d]
                count[d] = slot + 1
                keyBuffer[slot] = key[i]
                indexBuffer[slot] = index[i]
            }
            swap(&key, &keyBuffer)
            swap(&index, &indexBuffer)
        }
        return index
    }
}
