/// Sorts a few dozen rows by time by counting each row's rank — how many times are smaller —
/// on short integer keys that never decrease as the time increases, many comparisons per SIMD
/// instruction and no branch on the data; rows with equal keys (which share a rank) take the
/// following slots in row order, and a final insertion pass orders them by their full times.
///
/// The keys are 16-bit when the largest time is finite and positive: t · s rounded to an
/// integer, with s = ``scaledKeyLimit`` / max t, eight comparisons per SSE2 instruction (every
/// x86-64's baseline). The rounding adds 2⁵² (where doubles are one apart) and keeps the low
/// bits, which needs no range-checked conversion. IEEE 754 multiplication by s > 0 and addition
/// never decrease, so the keys order the rows up to rows whose keys are equal (a few rows of a
/// trial of a few dozen, at most).
/// Otherwise (all times 0, or +∞ among them) they are the upper 32 bits of the times' bit
/// patterns (sign, exponent and 20 mantissa bits), read as signed integers, which for
/// non-negative doubles never decrease either (IEEE 754 orders them as their bit patterns): four
/// comparisons per instruction. Either way the rows end up in time order, ties in row order.
///
/// O(m²) comparisons, so only for m ≤ ``capacity``: on a few dozen random times this beats
/// comparison sorts, whose branches the processor mispredicts about half the time.
final class RankSort {
    /// Most rows sorted.
    static let capacity = 64

    /// The largest 16-bit key: below `Int16.max`, so that the padding ranks above every key
    /// even when t · s rounds up past the limit, and so that the rounded t · s never overflows.
    static let scaledKeyLimit = 32_000.0

    /// 16-bit keys, padded with `Int16.max` to a multiple of 16 (the padding never counts as
    /// smaller).
    private let keys16: UnsafeMutableBufferPointer<Int16>
    /// The times' upper halves, padded with `Int32.max` to a multiple of 8.
    private let keys32: UnsafeMutableBufferPointer<Int32>
    /// Ranks already given.
    private let taken: UnsafeMutableBufferPointer<Bool>
    /// Two vectors of ``registerRows`` counts: the rows below each row, and the censored rows
    /// below it.
    private let counts: UnsafeMutableBufferPointer<Int16>

    init() {
        keys16 = .allocate(capacity: Self.capacity)
        keys16.initialize(repeating: .max)
        keys32 = .allocate(capacity: Self.capacity)
        keys32.initialize(repeating: .max)
        taken = .allocate(capacity: Self.capacity)
        taken.initialize(repeating: false)
        counts = .allocate(capacity: 2 * Self.registerRows)
        counts.initialize(repeating: 0)
    }

    deinit {
        keys16.deallocate()
        keys32.deallocate()
        taken.deallocate()
        counts.deallocate()
    }

    /// Writes rows `0..<m` of (`time`, `status`, `group`) to `sorted*` in increasing time; equal
    /// times keep their row order.
    /// - Precondition: m ≤ ``capacity``; times non-negative (+∞ allowed) and not NaN; `sorted*`
    ///   hold m rows.
    /// - Complexity: O(m²/8) vector comparisons (O(m²/4) when the largest time is 0 or +∞),
    ///   plus O(m) when no two keys are equal.
    func sort(count m: Int, time: UnsafeMutableBufferPointer<Double>, status: UnsafeMutableBufferPointer<Bool>,
              group: UnsafeMutableBufferPointer<UInt8>, sortedTime: UnsafeMutableBufferPointer<Double>,
              sortedStatus: UnsafeMutableBufferPointer<Bool>, sortedGroup: UnsafeMutableBufferPointer<UInt8>) {
        precondition(m <= Self.capacity, "too many rows for a rank sort")
        var largest = 0.0
        for j in 0..<m where time[j] > largest { largest = time[j] }
        let scale = Self.scaledKeyLimit / largest
        for k in 0..<m { taken[k] = false }
        if largest.isFinite && scale.isFinite {
            let padded = (m + 15) & ~15
            // 0 ≤ t · s ≤ limit · (1 + 2⁻⁵²)² < 2¹⁵ − 1: t · s + 2⁵² is 2⁵² plus t · s rounded
            // to an integer, which its low 16 bits hold (−0 gives 0).
            for j in 0..<m {
                keys16[j] = Int16(truncatingIfNeeded: (time[j] * scale + 0x1p52).bitPattern)
            }
            if m <= Self.registerRows {
                rankInRegisters(count: m, time, status, group, sortedTime, sortedStatus, sortedGroup)
            } else {
                for j in m..<padded { keys16[j] = .max }
                let base = UnsafeRawPointer(keys16.baseAddress!)
                for i in 0..<m {
                    let x = SIMD16<Int16>(repeating: keys16[i])
                    // A true lane of a comparison mask is −1, so subtracting the mask counts it.
                    var smaller = SIMD16<Int16>(repeating: 0)
                    var j = 0
                    while j < padded {
                        let y = base.loadUnaligned(fromByteOffset: j &* MemoryLayout<Int16>.stride, as: SIMD16<Int16>.self)
                        smaller &-= unsafeBitCast(y .< x, to: SIMD16<Int16>.self)
                        j &+= 16
                    }
                    place(row: i, rank: Int(smaller.wrappedSum()), time, status, group, sortedTime, sortedStatus, sortedGroup)
                }
            }
        } else {
            let padded = (m + 7) & ~7
            // + 0 turns a −0 (whose sign bit would rank it first) into +0.
            for j in 0..<m { keys32[j] = Int32(truncatingIfNeeded: (time[j] + 0).bitPattern >> 32) }
            for j in m..<padded { keys32[j] = .max }
            let base = UnsafeRawPointer(keys32.baseAddress!)
            for i in 0..<m {
                let x = SIMD8<Int32>(repeating: keys32[i])
                var smaller = SIMD8<Int32>(repeating: 0)
                var j = 0
                while j < padded {
                    let y = base.loadUnaligned(fromByteOffset: j &* MemoryLayout<Int32>.stride, as: SIMD8<Int32>.self)
                    smaller &-= unsafeBitCast(y .< x, to: SIMD8<Int32>.self)
                    j &+= 8
                }
                place(row: i, rank: Int(smaller.wrappedSum()), time, status, group, sortedTime, sortedStatus, sortedGroup)
            }
        }
        orderEqualKeys(count: m, sortedTime, sortedStatus, sortedGroup, counts: nil)
    }

    /// Rows with equal keys are adjacent and in row order; a stable insertion pass orders them by
    /// the full time (one comparison per row when there are none), `counts` (when given) moving
    /// with their rows.
    @inline(__always)
    private func orderEqualKeys(count m: Int, _ sortedTime: UnsafeMutableBufferPointer<Double>,
                                _ sortedStatus: UnsafeMutableBufferPointer<Bool>,
                                _ sortedGroup: UnsafeMutableBufferPointer<UInt8>, counts: UnsafeMutablePointer<Int32>?) {
        var k = 1
        while k < m {
            let t = sortedTime[k]
            if t < sortedTime[k - 1] {
                let s = sortedStatus[k], g = sortedGroup[k], count = counts?[k]
                var j = k
                while j > 0 && t < sortedTime[j - 1] {
                    sortedTime[j] = sortedTime[j - 1]
                    sortedStatus[j] = sortedStatus[j - 1]
                    sortedGroup[j] = sortedGroup[j - 1]
                    if let counts { counts[j] = counts[j - 1] }
                    j -= 1
                }
                sortedTime[j] = t
                sortedStatus[j] = s
                sortedGroup[j] = g
                if let counts, let count { counts[j] = count }
            }
            k += 1
        }
    }

    /// Most rows whose 16-bit keys ``rankInRegisters(count:_:_:_:_:_:_:)`` holds in registers.
    static let registerRows = 32

    /// The ranks of m ≤ ``registerRows`` rows on their 16-bit keys (already in `keys16[0..<m]`),
    /// all at once: the 32 keys (padded) stay in four SSE2 registers, and each row's key, broadcast,
    /// is compared with all of them, so that every row's count of smaller keys grows in its own
    /// lane — no per-row horizontal sum, no reloading of the keys. The same counts as the
    /// row-by-row loop, so the same slots.
    @inline(__always)
    private func rankInRegisters(count m: Int, _ time: UnsafeMutableBufferPointer<Double>,
                                 _ status: UnsafeMutableBufferPointer<Bool>, _ group: UnsafeMutableBufferPointer<UInt8>,
                                 _ sortedTime: UnsafeMutableBufferPointer<Double>,
                                 _ sortedStatus: UnsafeMutableBufferPointer<Bool>,
                                 _ sortedGroup: UnsafeMutableBufferPointer<UInt8>) {
        let (_, smaller) = registerRanks(count: m)
        for i in 0..<m {
            place(row: i, rank: Int(smaller[i]), time, status, group, sortedTime, sortedStatus, sortedGroup)
        }
    }

    /// As ``sort(count:time:status:group:sortedTime:sortedStatus:sortedGroup:)`` for at most
    /// ``registerRows`` rows, counting as well, for each row, the times of a second run (the
    /// trial simulator's rows censored at the cut, in increasing time) strictly below its own:
    /// `sortedCensoredBefore[r]` for the row in slot r. The counts come from the same 16-bit keys
    /// (the run's times on the rows' scale), each censored key broadcast and compared with all the
    /// rows' keys at once, so that the log-rank pass needs no merge of the two runs
    /// (``TwoGroupLogRank/init(observedTime:observedEvent:observedGroup:censoredBefore:firstGroupCensoredFrom:)``).
    /// A censored key below a row's key is a smaller time, one above a larger: the keys below a
    /// row's are those of a first stretch of the censored run, and the count is exact unless the
    /// next censored time (whose key then equals the row's) is below the row's time too, which
    /// one comparison tells and the full times then settle (a few rows in a thousand).
    /// Censored times at or above the rows' largest are below none of them, so the count stops at
    /// the first of those.
    /// - Returns: false, writing nothing, when the 16-bit keys do not apply (the largest time 0 or
    ///   +∞): the caller then sorts with ``sort(count:time:status:group:sortedTime:sortedStatus:sortedGroup:)``.
    /// - Precondition: m ≤ ``registerRows``; times non-negative and not NaN; `censoredTime`
    ///   non-decreasing; the outputs hold m rows.
    /// - Complexity: O(m² / 8 + m · k / 8) vector comparisons for k censored rows below the largest time.
    func sort(count m: Int, time: UnsafeMutableBufferPointer<Double>, status: UnsafeMutableBufferPointer<Bool>,
              group: UnsafeMutableBufferPointer<UInt8>, censoredTime: UnsafeBufferPointer<Double>,
              sortedTime: UnsafeMutableBufferPointer<Double>, sortedStatus: UnsafeMutableBufferPointer<Bool>,
              sortedGroup: UnsafeMutableBufferPointer<UInt8>, sortedCensoredBefore: UnsafeMutablePointer<Int32>) -> Bool {
        guard countBelow(count: m, time: time, censoredTime: censoredTime) else { return false }
        let smallerCount = counts.baseAddress!, belowCount = smallerCount + Self.registerRows
        let k = censoredTime.count
        for j in 0..<m { taken[j] = false }
        for i in 0..<m {
            var before = Int(belowCount[i])
            // The censored times counted are those below the row's (a key below is a time below);
            // the next one, if below the row's time too, shared its key: count on from it.
            while before < k && censoredTime[before] < time[i] { before &+= 1 }
            var rank = Int(smallerCount[i])
            while taken[rank] { rank += 1 }
            taken[rank] = true
            sortedTime[rank] = time[i]
            sortedStatus[rank] = status[i]
            sortedGroup[rank] = group[i]
            sortedCensoredBefore[rank] = Int32(truncatingIfNeeded: before)
        }
        orderEqualKeys(count: m, sortedTime, sortedStatus, sortedGroup, counts: sortedCensoredBefore)
        return true
    }

    /// The ranks alone of at most ``registerRows`` rows whose 16-bit keys are all different, the
    /// case of nearly every simulated trial: for each row, its group and its count of censored
    /// times strictly below its time (as ``sort(count:time:status:group:censoredTime:sortedTime:sortedStatus:sortedGroup:sortedCensoredBefore:)``
    /// counts them) go to the slot of its rank, and nothing else is written. Distinct keys are
    /// distinct times, in the keys' order, so the slots are the time order and there are no ties:
    /// what ``TwoGroupLogRank/init(distinctEventGroup:censoredBefore:firstGroupCensoredFrom:)``
    /// needs, without the times moved, the slots claimed one by one or the equal keys reordered.
    ///
    /// Whether the keys were all different is read off the ranks' sum: each row's rank counts the
    /// keys below its own, so the ranks add up to the m(m − 1)/2 pairs of rows less the pairs with
    /// equal keys.
    /// - Returns: false when two keys are equal or the 16-bit keys do not apply; what was written
    ///   is then meaningless, and the caller sorts with
    ///   ``sort(count:time:status:group:censoredTime:sortedTime:sortedStatus:sortedGroup:sortedCensoredBefore:)``.
    /// - Precondition: as that sort's.
    /// - Complexity: as that sort's counting, plus O(m) with no branch on the data but the rare
    ///   censored time sharing a row's key.
    // Not inlined: in the simulator's analysis its loops had too few registers and reloaded
    // their pointers from the stack (callgrind: 71 instructions a trial more than the call).
    @inline(never)
    func rankDistinct(count m: Int, time: UnsafeMutableBufferPointer<Double>, group: UnsafeMutableBufferPointer<UInt8>,
                      censoredTime: UnsafeBufferPointer<Double>, sortedGroup: UnsafeMutableBufferPointer<UInt8>,
                      sortedCensoredBefore: UnsafeMutablePointer<Int32>) -> Bool {
        guard countBelow(count: m, time: time, censoredTime: censoredTime) else { return false }
        let smallerCount = counts.baseAddress!, belowCount = smallerCount + Self.registerRows
        let k = censoredTime.count
        var rankSum = 0
        for i in 0..<m {
            var before = Int(belowCount[i])
            while before < k && censoredTime[before] < time[i] { before &+= 1 }
            // A rank is below m (it counts other rows), so every write lands in the outputs.
            let rank = Int(smallerCount[i])
            rankSum &+= rank
            sortedGroup[rank] = group[i]
            sortedCensoredBefore[rank] = Int32(truncatingIfNeeded: before)
        }
        return rankSum == m &* (m &- 1) / 2
    }

    /// The counting shared by the sorts with censored counts: the rows' 16-bit keys and ranks, and
    /// the censored keys below each row's, stored as two vectors in ``counts`` (lane i: keys of
    /// rows below row i's, then censored keys below it).
    /// - Returns: false, counting nothing, when the 16-bit keys do not apply (the largest time 0
    ///   or +∞, or too many censored rows for 16-bit counts).
    @inline(__always)
    private func countBelow(count m: Int, time: UnsafeMutableBufferPointer<Double>,
                            censoredTime: UnsafeBufferPointer<Double>) -> Bool {
        precondition(m <= Self.registerRows, "too many rows for the rank sort in registers")
        // The counts are 16-bit lanes.
        guard censoredTime.count < Int(Int16.max) else { return false }
        var largest = 0.0
        for j in 0..<m where time[j] > largest { largest = time[j] }
        let scale = Self.scaledKeyLimit / largest
        guard largest.isFinite && scale.isFinite else { return false }
        let keys = keys16.baseAddress!
        for j in 0..<m { keys[j] = Int16(truncatingIfNeeded: (time[j] * scale + 0x1p52).bitPattern) }
        let (x, smaller) = registerRanks(count: m)
        // The counts to memory once, read row by row (a lane subscript would store the vector
        // each time); the ranks before the censored rows' loop, whose keys and counts then have
        // the vector registers to themselves (with the ranks held too, the loop spilled).
        let counts = UnsafeMutableRawPointer(self.counts.baseAddress!)
        counts.storeBytes(of: smaller, as: SIMD32<Int16>.self)
        // Lane i counts the censored keys below row i's. (Comparisons and wrapping arithmetic of
        // two vectors are the SIMD32 operations this toolchain turns into vector instructions; its
        // `.==`, `|` and vector-plus-scalar go lane by lane.)
        var below = SIMD32<Int16>(repeating: 0)
        var c = 0
        let k = censoredTime.count
        while c < k {
            let t = censoredTime[c]
            guard t < largest else { break }
            // t < largest, so t · s ≤ the limit: a key of the same scale.
            let key = SIMD32<Int16>(repeating: Int16(truncatingIfNeeded: (t * scale + 0x1p52).bitPattern))
            below &-= unsafeBitCast(key .< x, to: SIMD32<Int16>.self)
            c &+= 1
        }
        counts.storeBytes(of: below, toByteOffset: MemoryLayout<SIMD32<Int16>>.stride, as: SIMD32<Int16>.self)
        return true
    }

    /// The keys of m ≤ ``registerRows`` rows (already in `keys16[0..<m]`), padded, as one vector,
    /// and in lane i the number of keys below row i's (a true comparison lane is −1).
    @inline(__always)
    private func registerRanks(count m: Int) -> (keys: SIMD32<Int16>, smaller: SIMD32<Int16>) {
        let keys = keys16.baseAddress!
        for j in m..<Self.registerRows { keys[j] = .max }
        let x = UnsafeRawPointer(keys).loadUnaligned(as: SIMD32<Int16>.self)
        var smaller = SIMD32<Int16>(repeating: 0)
        for j in 0..<m {
            smaller &-= unsafeBitCast(SIMD32<Int16>(repeating: keys[j]) .< x, to: SIMD32<Int16>.self)
        }
        return (x, smaller)
    }

    /// Row i to its slot: equal keys share a rank, and the first free slot from it keeps them in
    /// row order.
    @inline(__always)
    private func place(row i: Int, rank: Int, _ time: UnsafeMutableBufferPointer<Double>,
                       _ status: UnsafeMutableBufferPointer<Bool>, _ group: UnsafeMutableBufferPointer<UInt8>,
                       _ sortedTime: UnsafeMutableBufferPointer<Double>, _ sortedStatus: UnsafeMutableBufferPointer<Bool>,
                       _ sortedGroup: UnsafeMutableBufferPointer<UInt8>) {
        var rank = rank
        while taken[rank] { rank += 1 }
        taken[rank] = true
        sortedTime[rank] = time[i]
        sortedStatus[rank] = status[i]
        sortedGroup[rank] = group[i]
    }
}
