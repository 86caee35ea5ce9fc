/// Sorting follow-up times once, fast: the permutation that puts them in ascending order.
///
/// Large inputs use a least-significant-digit radix sort on the IEEE 754 bit patterns
/// (11-bit digits, six passes at most, a pass skipped when every key shares that digit, so
/// integer-valued times, whose low mantissa bits are zero, need about half the passes).
/// Small inputs use a comparison sort. The order of equal times is unspecified; callers
/// treat tied times as one time.
enum TimeRadixSort {
    /// Inputs shorter than this are sorted by comparison.
    static let comparisonThreshold = 1024

    /// The permutation sorting `values` ascending, and the values in that order.
    /// - Precondition: no NaN, fewer than 2³¹ values.
    /// - Complexity: O(n) for n ≥ ``comparisonThreshold`` (at most six passes), else O(n log n).
    static func sort(_ values: UnsafeBufferPointer<Double>) -> (order: [Int32], sorted: [Double]) {
        let n = values.count
        precondition(n < Int(Int32.max), "too many rows for 32-bit row indices")
        if n < comparisonThreshold {
            var order = (0..<Int32(n)).map { $0 }
            order.sort { values[Int($0)] < values[Int($1)] }
            return (order, order.map { values[Int($0)] })
        }
        return radixSort(values)
    }

    /// Maps a double to an unsigned key with the same order: positives get the sign bit set,
    /// negatives are complemented (so −0 sorts just below +0, which compare equal anyway).
    @inline(__always)
    static func key(_ x: Double) -> UInt64 {
        let bits = x.bitPattern
        return bits & signBit != 0 ? ~bits : bits | signBit
    }

    @inline(__always)
    static func value(_ key: UInt64) -> Double {
        Double(bitPattern: key & signBit != 0 ? key ^ signBit : ~key)
    }

    private static let signBit: UInt64 = 1 << 63
    private static let digitBits = 11
    private static let buckets = 1 << digitBits
    private static let passes = 6

    private static func radixSort(_ values: UnsafeBufferPointer<Double>) -> (order: [Int32], sorted: [Double]) {
        let n = values.count
        var keys = [UInt64](unsafeUninitializedCapacity: n) { b, count in
            for i in 0..<n { b[i] = key(values[i]) }
            count = n
        }
        var order = [Int32](unsafeUninitializedCapacity: n) { b, count in
            for i in 0..<n { b[i] = Int32(truncatingIfNeeded: i) }
            count = n
        }
        // All digit histograms in one pass.
        var histogram = [Int](repeating: 0, count: passes * buckets)
        let mask = UInt64(buckets - 1)
        keys.withUnsafeBufferPointer { k in
            histogram.withUnsafeMutableBufferPointer { h in
                for i in 0..<n {
                    let x = k[i]
                    for d in 0..<passes { h[d * buckets + Int((x >> UInt64(d * digitBits)) & mask)] += 1 }
                }
            }
        }
        var keysOut = [UInt64](repeating: 0, count: n)
        var orderOut = [Int32](repeating: 0, count: n)
        var offsets = [Int](repeating: 0, count: buckets)
        for d in 0..<passes {
            let base = d * buckets
            // A digit shared by every key leaves the order as it is.
            if histogram[base + Int((keys[0] >> UInt64(d * digitBits)) & mask)] == n { continue }
            var running = 0
            for b in 0..<buckets { offsets[b] = running; running += histogram[base + b] }
            let shift = UInt64(d * digitBits)
            keys.withUnsafeBufferPointer { kin in
                order.withUnsafeBufferPointer { oin in
                    keysOut.withUnsafeMutableBufferPointer { kout in
                        orderOut.withUnsafeMutableBufferPointer { oout in
                            offsets.withUnsafeMutableBufferPointer { off in
                                for i in 0..<n {
                                    let x = kin[i]
                                    let b = Int((x >> shift) & mask)
                                    let slot = off[b]
                                    off[b] = slot + 1
                                    kout[slot] = x
                                    oout[slot] = oin[i]
                                }
                            }
                        }
                    }
                }
            }
            swap(&keys, &keysOut)
            swap(&order, &orderOut)
        }
        let sorted = keys.map(value)
        return (order, sorted)
    }
}
