/// survkit's one sort: a stable least-significant-digit radix sort of 64-bit keys, each
/// carrying a payload, with two entry points —
/// - ``sort(keys:payload:)``: keys ascending, the payload permuted alongside (so no gather
///   through a row index is needed afterwards);
/// - ``order(_:)``: the stable order of doubles as an index permutation.
///
/// Doubles become keys through ``TimeKey``. The LSD passes order the upper 32 bits of the
/// keys (for a double: sign, exponent and 20 mantissa bits, a relative resolution of 2⁻²⁰);
/// runs that agree there — few and short for real-valued data, and already in order when
/// their keys are equal, as tied times are — are finished on the lower 32 bits, by insertion
/// sort when short and by the same LSD passes when long, so the sort is never quadratic.
/// A digit on which every key agrees is skipped without moving anything. Inputs of at most
/// ``insertionSortLimit`` keys (the simulator's few dozen rows) take an insertion sort, which
/// is linear on the presorted rows the simulator hands over.
///
/// Stable throughout (LSD passes and insertion sort both keep equal keys in input order), so
/// every layout built from it is deterministic.
enum RadixSort {
    /// At most this many keys (and runs of this many keys sharing their upper half) are
    /// insertion-sorted.
    static let insertionSortLimit = 64

    /// Sorts `keys` ascending, permuting `payload` alongside; equal keys keep their order.
    /// - Complexity: O(n) time and O(n) scratch memory; O(n²/4) moves below
    ///   ``insertionSortLimit`` keys.
    static func sort<P: BitwiseCopyable>(keys: inout [UInt64], payload: inout [P]) {
        precondition(keys.count == payload.count, "keys and payload differ in length")
        keys.withUnsafeMutableBufferPointer { k in
            payload.withUnsafeMutableBufferPointer { p in sort(keys: k, payload: p) }
        }
    }

    /// As ``sort(keys:payload:)`` on buffers.
    static func sort<P: BitwiseCopyable>(keys: UnsafeMutableBufferPointer<UInt64>, payload: UnsafeMutableBufferPointer<P>) {
        let n = keys.count
        precondition(payload.count == n, "keys and payload differ in length")
        guard n > 1 else { return }
        let k = keys.baseAddress!, p = payload.baseAddress!
        if n <= insertionSortLimit {
            insertionSort(k, p, n)
            return
        }
        let scratchKeys = UnsafeMutablePointer<UInt64>.allocate(capacity: n)
        let scratchPayload = UnsafeMutablePointer<P>.allocate(capacity: n)
        defer { scratchKeys.deallocate(); scratchPayload.deallocate() }
        passes(k, p, scratchKeys, scratchPayload, n, lowBit: 32)
        finishRuns(k, p, scratchKeys, scratchPayload, n)
    }

    /// The indices of `values` in ascending order, equal values (−0 and +0 included) in index
    /// order. Values must not be NaN.
    /// - Complexity: as ``sort(keys:payload:)``.
    static func order(_ values: [Double]) -> [Int32] {
        precondition(values.count <= Int(Int32.max), "too many values for 32-bit indices")
        var keys = values.map { TimeKey.key($0 + 0.0) }
        var index = [Int32](unsafeUninitializedCapacity: values.count) { b, initialized in
            for i in 0..<values.count { b[i] = Int32(truncatingIfNeeded: i) }
            initialized = values.count
        }
        sort(keys: &keys, payload: &index)
        return index
    }

    // MARK: LSD passes

    /// Stable LSD passes over bits `lowBit ..< lowBit + 32` of `k[0..<n]`: two 16-bit digits
    /// from 64 Ki keys, three of 11, 11 and 10 bits from 2 Ki keys, else four 8-bit digits.
    /// All histograms come from one read of the keys.
    private static func passes<P: BitwiseCopyable>(
        _ k: UnsafeMutablePointer<UInt64>, _ p: UnsafeMutablePointer<P>,
        _ k2: UnsafeMutablePointer<UInt64>, _ p2: UnsafeMutablePointer<P>, _ n: Int, lowBit: Int
    ) {
        let low = UInt64(lowBit)
        // (shift, mask) of each digit, lowest first; together they cover exactly 32 bits.
        // Wider digits for more keys, so the histograms stay small next to the data.
        let digits: [(shift: UInt64, mask: UInt64)]
        if n >= 1 << 16 {
            digits = [(low, 0xFFFF), (low + 16, 0xFFFF)]
        } else if n >= 1 << 11 {
            digits = [(low, 0x7FF), (low + 11, 0x7FF), (low + 22, 0x3FF)]
        } else {
            digits = [(low, 0xFF), (low + 8, 0xFF), (low + 16, 0xFF), (low + 24, 0xFF)]
        }
        let buckets = Int(digits[0].mask) + 1
        let histogram = UnsafeMutablePointer<Int>.allocate(capacity: digits.count * buckets)
        histogram.initialize(repeating: 0, count: digits.count * buckets)
        defer { histogram.deallocate() }
        let (s0, m0) = digits[0], (s1, m1) = digits[1]
        let h0 = histogram, h1 = histogram + buckets
        switch digits.count {
        case 2:
            for i in 0..<n {
                let x = k[i]
                h0[Int(truncatingIfNeeded: (x &>> s0) & m0)] &+= 1
                h1[Int(truncatingIfNeeded: (x &>> s1) & m1)] &+= 1
            }
        case 3:
            let (s2, m2) = digits[2]
            let h2 = histogram + 2 * buckets
            for i in 0..<n {
                let x = k[i]
                h0[Int(truncatingIfNeeded: (x &>> s0) & m0)] &+= 1
                h1[Int(truncatingIfNeeded: (x &>> s1) & m1)] &+= 1
                h2[Int(truncatingIfNeeded: (x &>> s2) & m2)] &+= 1
            }
        default:
            for i in 0..<n {
                let x = k[i]
                for (d, (s, m)) in digits.enumerated() {
                    histogram[d &* buckets &+ Int(truncatingIfNeeded: (x &>> s) & m)] &+= 1
                }
            }
        }
        var source = (k, p), target = (k2, p2)
        for (d, (s, digitMask)) in digits.enumerated() {
            let h = histogram + d &* buckets
            // A digit shared by every key leaves the order as it is.
            if h[Int(truncatingIfNeeded: (source.0[0] &>> s) & digitMask)] == n { continue }
            var running = 0
            for b in 0..<buckets { let c = h[b]; h[b] = running; running &+= c }
            let (kin, pin) = source, (kout, pout) = target
            for i in 0..<n {
                let x = kin[i]
                let b = Int(truncatingIfNeeded: (x &>> s) & digitMask)
                let slot = h[b]
                h[b] = slot &+ 1
                kout[slot] = x
                pout[slot] = pin[i]
            }
            swap(&source, &target)
        }
        if source.0 != k {
            k.update(from: source.0, count: n)
            p.update(from: source.1, count: n)
        }
    }

    /// Orders each run of keys sharing their upper 32 bits by the lower 32 bits, stably.
    private static func finishRuns<P: BitwiseCopyable>(
        _ k: UnsafeMutablePointer<UInt64>, _ p: UnsafeMutablePointer<P>,
        _ k2: UnsafeMutablePointer<UInt64>, _ p2: UnsafeMutablePointer<P>, _ n: Int
    ) {
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
                let count = end - start
                if count <= insertionSortLimit {
                    insertionSort(k + start, p + start, count)
                } else {
                    passes(k + start, p + start, k2 + start, p2 + start, count, lowBit: 0)
                }
            }
            start = end
        }
    }

    /// Stable insertion sort of a short run, by the whole key.
    @inline(__always)
    private static func insertionSort<P: BitwiseCopyable>(_ k: UnsafeMutablePointer<UInt64>,
                                                          _ p: UnsafeMutablePointer<P>, _ n: Int) {
        guard n > 1 else { return }
        for i in 1..<n {
            let key = k[i], value = p[i]
            var j = i
            while j > 0, k[j - 1] > key {
                k[j] = k[j - 1]
                p[j] = p[j - 1]
                j -= 1
            }
            k[j] = key
            p[j] = value
        }
    }
}

extension RadixSort {
    /// No payload: ``sort(keys:)`` moves keys only (the element takes no memory).
    struct NoPayload: BitwiseCopyable {}

    /// Sorts `keys` ascending (the payload entry point with an empty payload).
    /// - Complexity: as ``sort(keys:payload:)``.
    static func sort(keys: inout [UInt64]) {
        var none = [NoPayload](repeating: NoPayload(), count: keys.count)
        sort(keys: &keys, payload: &none)
    }
}
