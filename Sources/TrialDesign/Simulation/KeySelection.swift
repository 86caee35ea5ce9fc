/// The k-th smallest of a few dozen non-negative values (the event-driven cut of a simulated
/// trial: the D-th smallest event calendar time) without a data-dependent branch: a binary
/// search over short integer keys, each step counting the keys at or below a threshold with
/// SIMD comparisons.
///
/// The keys are rounded as ``RankSort``'s: t · s rounded to an integer, s = ``keyLimit`` / max t
/// (or a bound, clamped: see ``select(lanes:count:_:into:)``), which never decrease as t
/// increases. If exactly one key equals K, the smallest threshold with at least k + 1 keys at or
/// below it, that value is the k-th smallest exactly: the k values with smaller keys are
/// smaller, the rest larger. Otherwise (several values share K's key, 1.5% of the trials of the
/// seed design) the answer comes from ``OrderStatistics/selectDistinct(_:_:)``.
///
/// On random data quickselect's partition and pivot branches are mispredicted about half the
/// time (14 a trial of the seed design); the search makes 12 steps of a dozen vector
/// instructions each, always the same.
final class KeySelection {
    /// Most values the search handles; more go to quickselect.
    static let capacity = 64

    /// Selections made at once by ``select(lanes:count:_:into:)``.
    static let lanes = 4

    /// The keys of ``lanes`` selections, ``capacity`` each, padded with `Int16.max` (above every
    /// key, so never counted).
    private let keys: UnsafeMutablePointer<Int16>

    init() {
        keys = .allocate(capacity: Self.lanes * Self.capacity)
        keys.initialize(repeating: .max, count: Self.lanes * Self.capacity)
    }

    deinit { keys.deallocate() }

    /// The (k+1)-th smallest of `values`, as ``OrderStatistics/selectDistinct(_:_:)`` gives it.
    /// `values` is left as it is unless the fallback runs (which reorders it).
    /// - Precondition: `values` non-empty, `k` one of its indices; no NaN.
    /// - Complexity: O(n) for n ≤ ``capacity`` (12 passes of n/8 vector comparisons), else
    ///   that of quickselect.
    func select(_ values: UnsafeMutableBufferPointer<Double>, _ k: Int) -> Double {
        let n = values.count
        precondition(values.indices.contains(k), "order statistic outside the range")
        guard n <= Self.capacity, let v = values.baseAddress, makeKeys(v, n, lane: 0) else {
            return OrderStatistics.selectDistinct(values, k)
        }
        let wanted = Int16(truncatingIfNeeded: k &+ 1)
        let x = loadKeys(lane: 0)
        var lo: Int16 = -1, hi = Int16(Self.keyLimit)
        for _ in 0..<Self.steps { Self.step(&lo, &hi, x, wanted: wanted) }
        return Self.value(v, x, hi) ?? OrderStatistics.selectDistinct(values, k)
    }

    /// The (k+1)-th smallest of each of ``lanes`` sets of n values, set j at `values[j·n ..< (j+1)·n]`,
    /// written to `selected[j]`: ``select(_:_:)`` on each, with the four searches' steps
    /// interleaved, so that the processor overlaps their chains of dependent instructions.
    ///
    /// The keys' scale is not each set's largest value (a pass over the values, a quarter of
    /// the search's instructions) but s = 32,000 / B for a bound B, values at or above B (and
    /// below 0) clamped to the end keys: clamping keeps the keys non-decreasing in the value,
    /// so a key held by one value alone still gives the order statistic exactly, and any other
    /// case still goes to quickselect. So B can be any bound: twice the largest order statistic
    /// of the previous call, which the next sets' rarely exceed (on the first call, the largest
    /// value). The results never depend on it, only how often quickselect runs.
    /// - Precondition: 0 ≤ k < n; no NaN.
    /// - Complexity: that of ``select(_:_:)`` four times.
    func select(lanes values: UnsafeMutablePointer<Double>, count n: Int, _ k: Int,
                into selected: UnsafeMutablePointer<Double>) {
        precondition(k >= 0 && k < n, "order statistic outside the range")
        guard n <= Self.capacity else {
            for j in 0..<Self.lanes {
                selected[j] = OrderStatistics.selectDistinct(UnsafeMutableBufferPointer(start: values + j &* n, count: n), k)
            }
            return
        }
        if !(bound > 0 && bound.isFinite) { bound = Self.largest(values, count: Self.lanes &* n) }
        let scale = Self.keyLimit / bound
        for j in 0..<Self.lanes { makeClampedKeys(values + j &* n, n, lane: j, scale: scale) }
        let wanted = Int16(truncatingIfNeeded: k &+ 1)
        let x0 = loadKeys(lane: 0), x1 = loadKeys(lane: 1), x2 = loadKeys(lane: 2), x3 = loadKeys(lane: 3)
        let top = Int16(Self.keyLimit)
        var lo0: Int16 = -1, lo1: Int16 = -1, lo2: Int16 = -1, lo3: Int16 = -1
        var hi0 = top, hi1 = top, hi2 = top, hi3 = top
        for _ in 0..<Self.steps {
            Self.step(&lo0, &hi0, x0, wanted: wanted)
            Self.step(&lo1, &hi1, x1, wanted: wanted)
            Self.step(&lo2, &hi2, x2, wanted: wanted)
            Self.step(&lo3, &hi3, x3, wanted: wanted)
        }
        var largestFound = 0.0
        func finish(_ j: Int, _ x: SIMD64<Int16>, _ hi: Int16) {
            let set = values + j &* n
            let value = Self.value(set, x, hi)
                ?? OrderStatistics.selectDistinct(UnsafeMutableBufferPointer(start: set, count: n), k)
            selected[j] = value
            if value > largestFound { largestFound = value }
        }
        finish(0, x0, hi0)
        finish(1, x1, hi1)
        finish(2, x2, hi2)
        finish(3, x3, hi3)
        bound = 2 * largestFound
    }

    /// The bound B of ``select(lanes:count:_:into:)``'s key scale (0 before the first call).
    private var bound = 0.0

    /// The largest of `count` values (NaN above +∞): the first call's bound.
    private static func largest(_ values: UnsafePointer<Double>, count: Int) -> Double {
        var top = 0.0
        for i in 0..<count where !(values[i] <= top) { top = values[i] }
        return top
    }

    /// Writes to lane `lane`'s row, padded, the keys of `v[0..<n]` on the scale `scale`: v · s
    /// clamped to [0, ``keyLimit``] (a NaN product to the top), then rounded as
    /// in ``RankSort``. Clamping keeps the keys non-decreasing in the value.
    @inline(__always)
    private func makeClampedKeys(_ v: UnsafePointer<Double>, _ n: Int, lane: Int, scale: Double) {
        let limit = Self.keyLimit
        let key = keys + lane &* Self.capacity
        for i in 0..<n {
            let x = v[i] * scale
            let clamped = x < limit ? x : limit
            key[i] = Int16(truncatingIfNeeded: ((clamped > 0 ? clamped : 0) + 0x1p52).bitPattern)
        }
        for i in n..<Self.capacity { key[i] = .max }
    }

    /// The largest key. Fewer key values mean fewer halvings but more values sharing the key
    /// found, when quickselect answers: at 4,000, 12 halvings and quickselect for 1.5% of the
    /// seed design's trials; at ``RankSort``'s 32,000, 15 halvings and 0.19% (callgrind's call
    /// counts, 10⁵ and 2·10⁴ trials, with the bound of ``select(lanes:count:_:into:)``). Three
    /// halvings of four sets cost more than the extra quickselects.
    static let keyLimit = 4_000.0

    /// Halvings of the key range: the 4,002 thresholds −1 ... 4,000 need 12.
    private static let steps = 12

    /// Writes the keys of `v[0..<n]` to lane `lane`'s row, padded; false (nothing written)
    /// when keys do not order them: a negative value (or −0), none positive, or one not finite.
    @inline(__always)
    private func makeKeys(_ v: UnsafePointer<Double>, _ n: Int, lane: Int) -> Bool {
        // The largest value and whether any has its sign bit set, on the bit patterns (which
        // order non-negative doubles as their values, NaN above +∞), in two chains: `max` on
        // doubles is a chain of blends that took longer than the rest of the search.
        let bits = UnsafeRawPointer(v).assumingMemoryBound(to: UInt64.self)
        var top0: UInt64 = 0, top1: UInt64 = 0, signs0: UInt64 = 0, signs1: UInt64 = 0
        var i = 0
        while i &+ 2 <= n {
            let a = bits[i], b = bits[i &+ 1]
            top0 = Swift.max(top0, a)
            top1 = Swift.max(top1, b)
            signs0 |= a
            signs1 |= b
            i &+= 2
        }
        if i < n {
            top0 = Swift.max(top0, bits[i])
            signs0 |= bits[i]
        }
        let largest = Double(bitPattern: Swift.max(top0, top1))
        let scale = Self.keyLimit / largest
        guard (signs0 | signs1) >> 63 == 0, largest.isFinite, scale.isFinite else { return false }
        // As in ``RankSort``: t · s + 2⁵² holds t · s rounded to an integer in its low 16 bits,
        // at most the limit (the rounded t · s stays below `Int16.max`, the padding).
        let key = keys + lane &* Self.capacity
        for i in 0..<n { key[i] = Int16(truncatingIfNeeded: (v[i] * scale + 0x1p52).bitPattern) }
        for i in n..<Self.capacity { key[i] = .max }
        return true
    }

    @inline(__always)
    private func loadKeys(lane: Int) -> SIMD64<Int16> {
        UnsafeRawPointer(keys + lane &* Self.capacity).loadUnaligned(as: SIMD64<Int16>.self)
    }

    /// One halving. Invariant: fewer than `wanted` keys are ≤ lo, at least `wanted` are ≤ hi;
    /// once hi = lo + 1, mid = lo leaves both as they are.
    @inline(__always)
    private static func step(_ lo: inout Int16, _ hi: inout Int16, _ x: SIMD64<Int16>, wanted: Int16) {
        // hi − lo ≤ 32,001 fits in 16 bits; lo + hi would not.
        let mid = lo &+ (hi &- lo) >> 1
        let atOrBelow = count(x .< SIMD64(repeating: mid &+ 1))
        // Both updates by a mask: which way the search goes is as unpredictable as the data.
        // The mask is the sign of a wrapping difference (−1 when at least `wanted` keys are at or
        // below mid; both counts are at most 64), not a comparison, which the compiler would
        // turn back into a branch.
        let up = (wanted &- 1 &- atOrBelow) >> 15
        hi = (mid & up) | (hi & ~up)
        lo = (lo & up) | (mid & ~up)
    }

    /// The value whose key is `key`, if exactly one key is.
    @inline(__always)
    private static func value(_ v: UnsafePointer<Double>, _ x: SIMD64<Int16>, _ key: Int16) -> Double? {
        // Lanes equal to key are below key + 1 and not below key: −1 in the difference of the masks.
        let equal = lanes(x .< SIMD64(repeating: key &+ 1)) &- lanes(x .< SIMD64(repeating: key))
        guard sum(equal) == -1 else { return nil }
        // Its index is minus the sum of the lane indices times the mask.
        return v[Int(0 &- sum(equal &* laneIndices))]
    }

    /// 0, 1, …, 63.
    private static let laneIndices: SIMD64<Int16> = {
        var lanes = SIMD64<Int16>()
        for i in 0..<64 { lanes[i] = Int16(i) }
        return lanes
    }()

    // Only these SIMD64 operations become vector instructions (8 SSE2 ones each) in this
    // toolchain: comparisons `.<`, and `&+`, `&-`, `&*` of two vectors. Its `.==`, `&`, `|`,
    // `wrappedSum` and vector-with-scalar operations on SIMD64 go lane by lane through memory,
    // dozens of times slower.

    /// A comparison mask as lanes of −1 (true) and 0.
    @inline(__always)
    private static func lanes(_ mask: SIMDMask<SIMD64<Int16>>) -> SIMD64<Int16> {
        unsafeBitCast(mask, to: SIMD64<Int16>.self)
    }

    /// The number of true lanes.
    @inline(__always)
    private static func count(_ mask: SIMDMask<SIMD64<Int16>>) -> Int16 {
        0 &- sum(lanes(mask))
    }

    /// The wrapping sum of the lanes: the eight 8-lane quarters added, then one 8-lane sum.
    @inline(__always)
    private static func sum(_ x: SIMD64<Int16>) -> Int16 {
        typealias Eighths = (SIMD8<Int16>, SIMD8<Int16>, SIMD8<Int16>, SIMD8<Int16>,
                             SIMD8<Int16>, SIMD8<Int16>, SIMD8<Int16>, SIMD8<Int16>)
        let p = unsafeBitCast(x, to: Eighths.self)
        return (((p.0 &+ p.1) &+ (p.2 &+ p.3)) &+ ((p.4 &+ p.5) &+ (p.6 &+ p.7))).wrappedSum()
    }
}
