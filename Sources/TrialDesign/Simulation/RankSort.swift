/// Sorts a few dozen rows by time by counting each row's rank — how many times are smaller —
/// on the upper 32 bits of the times, four comparisons per SIMD instruction and no branch on
/// the data; rows whose upper halves are equal (which share a rank) take the following slots
/// in row order, and a final insertion pass orders them by their full times.
///
/// For a non-negative double the upper 32 bits of its bit pattern (sign, exponent and 20
/// mantissa bits), read as a signed integer, never decrease as the double increases (IEEE 754
/// orders non-negative doubles as their bit patterns), so their ranks put the rows in time
/// order up to rows that agree in those bits (within about one part in a million), which the
/// insertion pass, linear on such nearly sorted rows, then orders. 32-bit lanes: SSE2, every
/// x86-64's baseline, compares four of them at once but no 64-bit integers, and two doubles.
///
/// O(m²) comparisons, so only for m ≤ ``capacity``: on a few dozen random times this beats
/// comparison sorts, whose branches the processor mispredicts about half the time.
final class RankSort {
    /// Most rows sorted.
    static let capacity = 64

    /// The times' upper halves, padded with `Int32.max` to a multiple of 8 (the padding, above
    /// every non-negative double's, never counts as smaller).
    private let keys: UnsafeMutableBufferPointer<Int32>
    /// Ranks already given.
    private let taken: UnsafeMutableBufferPointer<Bool>

    init() {
        keys = .allocate(capacity: Self.capacity)
        keys.initialize(repeating: .max)
        taken = .allocate(capacity: Self.capacity)
        taken.initialize(repeating: false)
    }

    deinit {
        keys.deallocate()
        taken.deallocate()
    }

    /// Writes rows `0..<m` of (`time`, `status`, `group`) to `sorted*` in increasing time; equal
    /// times keep their row order.
    /// - Precondition: m ≤ ``capacity``; times non-negative (+∞ allowed) and not NaN; `sorted*`
    ///   hold m rows.
    /// - Complexity: O(m²/4) vector comparisons, plus O(m) when no two times agree in their
    ///   upper 32 bits.
    func sort(count m: Int, time: UnsafeMutableBufferPointer<Double>, status: UnsafeMutableBufferPointer<Bool>,
              group: UnsafeMutableBufferPointer<UInt8>, sortedTime: UnsafeMutableBufferPointer<Double>,
              sortedStatus: UnsafeMutableBufferPointer<Bool>, sortedGroup: UnsafeMutableBufferPointer<UInt8>) {
        precondition(m <= Self.capacity, "too many rows for a rank sort")
        let padded = (m + 7) & ~7
        // + 0 turns a −0 (whose sign bit would rank it first) into +0.
        for j in 0..<m { keys[j] = Int32(truncatingIfNeeded: (time[j] + 0).bitPattern >> 32) }
        for j in m..<padded { keys[j] = .max }
        let base = UnsafeRawPointer(keys.baseAddress!)
        for k in 0..<m { taken[k] = false }
        for i in 0..<m {
            let x = SIMD8<Int32>(repeating: keys[i])
            // A true lane of a comparison mask is −1, so subtracting the mask counts it.
            var smaller = SIMD8<Int32>(repeating: 0)
            var j = 0
            while j < padded {
                let y = base.loadUnaligned(fromByteOffset: j * MemoryLayout<Int32>.stride, as: SIMD8<Int32>.self)
                smaller &-= unsafeBitCast(y .< x, to: SIMD8<Int32>.self)
                j &+= 8
            }
            // Equal upper halves share a rank: the first free slot from it keeps them in row order.
            var rank = Int(smaller.wrappedSum())
            while taken[rank] { rank += 1 }
            taken[rank] = true
            sortedTime[rank] = time[i]
            sortedStatus[rank] = status[i]
            sortedGroup[rank] = group[i]
        }
        // Rows agreeing in their upper halves are adjacent and in row order; a stable insertion
        // pass orders them by the full time (one comparison per row when there are none).
        var k = 1
        while k < m {
            let t = sortedTime[k]
            if t < sortedTime[k - 1] {
                let s = sortedStatus[k], g = sortedGroup[k]
                var j = k
                while j > 0 && t < sortedTime[j - 1] {
                    sortedTime[j] = sortedTime[j - 1]
                    sortedStatus[j] = sortedStatus[j - 1]
                    sortedGroup[j] = sortedGroup[j - 1]
                    j -= 1
                }
                sortedTime[j] = t
                sortedStatus[j] = s
                sortedGroup[j] = g
            }
            k += 1
        }
    }
}
