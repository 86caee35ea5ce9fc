/// Sorts a few dozen rows by time by counting each row's rank — how many times are smaller —
/// four comparisons at a time with SIMD and no branch on the data; rows with equal times (which
/// share a rank) take the following slots in row order.
///
/// O(m²) comparisons, so only for m ≤ ``capacity``: on a few dozen random times this beats
/// comparison sorts, whose branches the processor mispredicts about half the time.
final class RankSort {
    /// Most rows sorted.
    static let capacity = 64

    /// The times, padded with +∞ to a multiple of 4 (the padding never counts as smaller).
    private let keys: UnsafeMutableBufferPointer<Double>
    /// Ranks already given.
    private let taken: UnsafeMutableBufferPointer<Bool>

    init() {
        keys = .allocate(capacity: Self.capacity)
        keys.initialize(repeating: .infinity)
        taken = .allocate(capacity: Self.capacity)
        taken.initialize(repeating: false)
    }

    deinit {
        keys.deallocate()
        taken.deallocate()
    }

    /// Writes rows `0..<m` of (`time`, `status`, `group`) to `sorted*` in increasing time; equal
    /// times keep their row order.
    /// - Precondition: m ≤ ``capacity``; `sorted*` hold m rows.
    /// - Complexity: O(m²/4) vector comparisons.
    func sort(count m: Int, time: UnsafeMutableBufferPointer<Double>, status: UnsafeMutableBufferPointer<Bool>,
              group: UnsafeMutableBufferPointer<UInt8>, sortedTime: UnsafeMutableBufferPointer<Double>,
              sortedStatus: UnsafeMutableBufferPointer<Bool>, sortedGroup: UnsafeMutableBufferPointer<UInt8>) {
        precondition(m <= Self.capacity, "too many rows for a rank sort")
        let padded = (m + 3) & ~3
        for j in 0..<m { keys[j] = time[j] }
        for j in m..<padded { keys[j] = .infinity }
        let base = UnsafeRawPointer(keys.baseAddress!)
        for k in 0..<m { taken[k] = false }
        for i in 0..<m {
            let x = SIMD4<Double>(repeating: keys[i])
            // Counted in doubles: a compare, an and and an add per four rows on any x86-64.
            var smaller = SIMD4<Double>(repeating: 0)
            var j = 0
            while j < padded {
                let y = base.loadUnaligned(fromByteOffset: j * MemoryLayout<Double>.stride, as: SIMD4<Double>.self)
                smaller += SIMD4<Double>(repeating: 0).replacing(with: 1, where: y .< x)
                j += 4
            }
            // Equal times share a rank: the first free slot from it keeps them in row order.
            var rank = Int(smaller.sum())
            while taken[rank] { rank += 1 }
            taken[rank] = true
            sortedTime[rank] = time[i]
            sortedStatus[rank] = status[i]
            sortedGroup[rank] = group[i]
        }
    }
}
