/// Order statistics without a full sort: quickselect with median-of-three pivots.
/// Deterministic: no random pivots, so results never depend on a generator.
enum OrderStatistics {
    /// Rearranges `values` so that `values[k]` is the (k+1)-th smallest, everything before it
    /// ≤ it and everything after ≥ it, and returns it. Values must not be NaN.
    /// - Complexity: O(n) expected, O(n²) worst case (adversarial orders only).
    static func select(_ values: UnsafeMutableBufferPointer<Double>, _ k: Int) -> Double {
        select(values, k, in: 0..<values.count)
    }

    /// As ``select(_:_:)`` within `range` (which must contain `k`), by Hoare partitions, which
    /// split runs of equal values evenly (so many ties stay linear).
    static func select(_ v: UnsafeMutableBufferPointer<Double>, _ k: Int, in range: Range<Int>) -> Double {
        precondition(range.contains(k), "order statistic outside the range")
        var lo = range.lowerBound, hi = range.upperBound - 1
        while hi - lo > 16 {
            let mid = lo + (hi - lo) / 2
            if v[mid] < v[lo] { v.swapAt(mid, lo) }
            if v[hi] < v[lo] { v.swapAt(hi, lo) }
            if v[hi] < v[mid] { v.swapAt(hi, mid) }
            let pivot = v[mid]
            var i = lo - 1, j = hi + 1
            while true {
                repeat { i += 1 } while v[i] < pivot
                repeat { j -= 1 } while v[j] > pivot
                if i >= j { break }
                v.swapAt(i, j)
            }
            // [lo, j] ≤ pivot ≤ [j+1, hi]
            if k <= j { hi = j } else { lo = j + 1 }
        }
        if hi > lo {
            for i in (lo + 1)...hi {
                let x = v[i]
                var j = i - 1
                while j >= lo && v[j] > x { v[j + 1] = v[j]; j -= 1 }
                v[j + 1] = x
            }
        }
        return v[k]
    }

    /// As ``select(_:_:)`` for a few dozen to a few thousand distinct values (event times of a
    /// simulated trial): Lomuto partitions written without data-dependent branches — the
    /// comparison only moves the store index — since on random data a branch per comparison
    /// is mispredicted half the time. Many equal values make it quadratic: use ``select(_:_:)``.
    /// - Complexity: O(n) expected for distinct values.
    static func selectDistinct(_ v: UnsafeMutableBufferPointer<Double>, _ k: Int) -> Double {
        precondition(v.indices.contains(k), "order statistic outside the range")
        // Through the base pointer with wrapping index arithmetic: the buffer's indices would
        // add a range and an overflow check to every step of the partition loop.
        let p = v.baseAddress!
        var lo = 0, hi = v.count &- 1
        while hi > lo {
            // Median of p[lo], p[mid], p[hi] moved to p[hi] as the pivot.
            let mid = lo &+ (hi &- lo) >> 1
            if p[mid] < p[lo] { p.swapAt(mid, lo) }
            if p[hi] < p[lo] { p.swapAt(hi, lo) }
            if p[mid] < p[hi] { p.swapAt(mid, hi) }
            let pivot = p[hi]
            var store = lo
            var i = lo
            while i < hi {
                let x = p[i]
                p[i] = p[store]
                p[store] = x
                store &+= Int(unsafeBitCast(x < pivot, to: UInt8.self))
                i &+= 1
            }
            p.swapAt(store, hi)
            // [lo, store) < pivot = p[store] ≤ (store, hi]
            if k == store { return p[k] }
            if k < store { hi = store &- 1 } else { lo = store &+ 1 }
        }
        return p[k]
    }

    /// Sample quantiles by R's default definition (`quantile`, type 7): with h = (n − 1)p and
    /// f = h − ⌊h⌋, `(1 − f) x₍⌊h⌋₎ + f x₍⌊h⌋+1₎` (order statistics from 0), written as R writes it.
    /// `values` is reordered; `probabilities` ascending in [0, 1].
    /// - Complexity: O(n · number of probabilities) expected.
    static func quantiles(_ values: UnsafeMutableBufferPointer<Double>, probabilities: [Double]) -> [Double] {
        let n = values.count
        guard n > 0 else { return probabilities.map { _ in .nan } }
        var lower = 0
        return probabilities.map { p in
            let h = Double(n - 1) * p
            let i = min(n - 1, Int(h.rounded(.down)))
            // Earlier selections left everything before `lower` ≤ the rest.
            let a = select(values, i, in: lower..<n)
            lower = i
            guard i + 1 < n, h > Double(i) else { return a }
            // The next order statistic is the smallest of what lies after i.
            var b = values[i + 1]
            for j in (i + 2)..<n where values[j] < b { b = values[j] }
            guard b != a else { return a }
            let f = h - Double(i)
            return (1 - f) * a + f * b
        }
    }
}

private extension UnsafeMutablePointer where Pointee == Double {
    /// Exchanges the values at offsets i and j.
    @inline(__always)
    func swapAt(_ i: Int, _ j: Int) {
        let t = self[i]
        self[i] = self[j]
        self[j] = t
    }
}
