/// Sorting of row indices by a Double key, stable (equal keys keep their index order) so every
/// layout built from it is deterministic.
enum StableOrder {
    /// Below this many keys a comparison sort is cheaper than the digit histograms.
    static let comparisonSortLimit = 2048

    /// The indices of `keys` in ascending key order, equal keys in index order. Keys must not be NaN.
    ///
    /// Doubles map to 64-bit unsigned integers with the same order (flip every bit of a
    /// negative number, set the sign bit of a non-negative one). An LSD radix sort on the high
    /// 32 bits (two 16-bit digits, a digit shared by every key skipped) orders all keys that
    /// differ there; runs that agree on the high bits — few and short for real data — are then
    /// finished by a stable sort on the low 32 bits.
    /// - Complexity: O(n) plus O(r log r) per run of r keys sharing their high 32 bits;
    ///   O(n log n) below ``comparisonSortLimit``.
    static func order(_ keys: [Double]) -> [Int32] {
        let n = keys.count
        if n < comparisonSortLimit {
            return (0..<Int32(n)).sorted { keys[Int($0)] != keys[Int($1)] ? keys[Int($0)] < keys[Int($1)] : $0 < $1 }
        }
        var key = keys.map { x -> UInt64 in
            let bits = x.bitPattern
            return bits >> 63 == 1 ? ~bits : bits | (1 << 63)
        }
        var index = (0..<Int32(n)).map { $0 }
        var keyBuffer = [UInt64](repeating: 0, count: n)
        var indexBuffer = [Int32](repeating: 0, count: n)
        var count = [Int](repeating: 0, count: 1 << 16)
        for shift in [UInt64(32), 48] {
            for k in count.indices { count[k] = 0 }
            for k in key { count[Int((k >> shift) & 0xFFFF)] += 1 }
            if count.contains(n) { continue }   // every key has this digit: nothing to reorder
            var total = 0
            for d in count.indices { let c = count[d]; count[d] = total; total += c }
            key.withUnsafeBufferPointer { key in
            index.withUnsafeBufferPointer { index in
            keyBuffer.withUnsafeMutableBufferPointer { keyBuffer in
            indexBuffer.withUnsafeMutableBufferPointer { indexBuffer in
            count.withUnsafeMutableBufferPointer { count in
                for i in 0..<n {
                    let d = Int((key[i] >> shift) & 0xFFFF)
                    let slot = count[d]
                    count[d] = slot + 1
                    keyBuffer[slot] = key[i]
                    indexBuffer[slot] = index[i]
                }
            }}}}}
            swap(&key, &keyBuffer)
            swap(&index, &indexBuffer)
        }
        // Finish runs with equal high bits by the low bits (stable: ties stay in index order).
        var start = 0
        while start < n {
            var end = start + 1
            let high = key[start] >> 32
            while end < n && key[end] >> 32 == high { end += 1 }
            if end - start > 1 {
                let run = (start..<end).sorted {
                    let a = UInt32(truncatingIfNeeded: key[$0]), b = UInt32(truncatingIfNeeded: key[$1])
                    return a != b ? a < b : index[$0] < index[$1]
                }
                let sortedIndex = run.map { index[$0] }
                let sortedKey = run.map { key[$0] }
                for (k, i) in sortedIndex.enumerated() { index[start + k] = i; key[start + k] = sortedKey[k] }
            }
            start = end
        }
        return index
    }
}
