extension OrderStatistics {
    /// Buckets of ``bucketedQuantiles(_:low:high:probabilities:)``.
    static let quantileBuckets = 4096

    /// R's type-7 quantiles, the same values as ``quantiles(_:probabilities:)``, for many values
    /// (a simulation's 10⁶ analysis times or hazard ratios) in two passes instead of one
    /// quickselect per probability over all of them: the first counts the values in 4,096 equal
    /// buckets over [low, high], which tells in which bucket each wanted order statistic lies
    /// and its rank there; the second gathers the values of those few buckets, where the order
    /// statistics are selected. The bucket of a value never decreases as the value increases,
    /// so the k-th smallest value is the (k − values in lower buckets)-th of its bucket: exact.
    /// - Parameters:
    ///   - values: finite values (not reordered).
    ///   - low: their minimum.
    ///   - high: their maximum.
    ///   - probabilities: ascending in [0, 1].
    /// - Complexity: O(n) plus the selections within the gathered buckets (about n / 4,096 values
    ///   each for spread-out values; all of them in the worst case, as quickselect).
    static func bucketedQuantiles(_ values: UnsafeBufferPointer<Double>, low: Double, high: Double,
                                  probabilities: [Double]) -> [Double] {
        let n = values.count
        let buckets = quantileBuckets
        let scale = Double(buckets) / (high - low)
        guard n > 0, scale.isFinite, scale > 0 else {
            // No spread to bucket (all values equal, or none): the plain selection.
            let copy = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(1, n))
            defer { copy.deallocate() }
            _ = copy.initialize(from: values)
            return quantiles(UnsafeMutableBufferPointer(rebasing: copy[0..<n]), probabilities: probabilities)
        }
        // (x − low) · scale is non-negative and never decreases with x; the top value maps to
        // `buckets`, kept in the last bucket.
        @inline(__always) func bucket(_ x: Double) -> Int { min(buckets &- 1, Int((x - low) * scale)) }
        // below[b]: the values in buckets before b (after the prefix sums).
        let below = UnsafeMutableBufferPointer<Int>.allocate(capacity: buckets + 1)
        defer { below.deallocate() }
        below.initialize(repeating: 0)
        for x in values { below[bucket(x) &+ 1] &+= 1 }
        for b in 0..<buckets { below[b + 1] += below[b] }
        func bucketOf(rank r: Int) -> Int {
            // The last b with below[b] ≤ r (binary search over the cumulative counts).
            var lo = 0, hi = buckets - 1
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if below[mid] <= r { lo = mid } else { hi = mid - 1 }
            }
            return lo
        }
        // The ranks wanted, ⌊h⌋ and ⌊h⌋ + 1 per probability, and their buckets, each given a
        // stretch of one scratch array (offset[b]; −1 for the buckets not wanted).
        var wanted = Set<Int>()
        for p in probabilities {
            let i = min(n - 1, Int((Double(n - 1) * p).rounded(.down)))
            wanted.insert(bucketOf(rank: i))
            if i + 1 < n { wanted.insert(bucketOf(rank: i + 1)) }
        }
        let offset = UnsafeMutableBufferPointer<Int>.allocate(capacity: buckets)
        defer { offset.deallocate() }
        offset.initialize(repeating: -1)
        var total = 0
        for b in wanted.sorted() {
            offset[b] = total
            total += below[b + 1] - below[b]
        }
        let gathered = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(1, total))
        defer { gathered.deallocate() }
        // The offsets move on as the values are written; start[b] keeps where bucket b began.
        let start = UnsafeMutableBufferPointer<Int>.allocate(capacity: buckets)
        defer { start.deallocate() }
        _ = start.initialize(from: offset)
        for x in values {
            let b = bucket(x)
            let at = offset[b]
            if at >= 0 {
                gathered[at] = x
                offset[b] = at &+ 1
            }
        }
        func orderStatistic(_ r: Int) -> Double {
            let b = bucketOf(rank: r)
            let bucketValues = UnsafeMutableBufferPointer(rebasing: gathered[start[b]..<(start[b] + below[b + 1] - below[b])])
            return select(bucketValues, r - below[b])
        }
        return typeSeven(count: n, probabilities: probabilities, orderStatistic: orderStatistic)
    }

    /// R's type-7 quantiles of n values from their order statistics (0-based ranks), combined as
    /// ``quantiles(_:probabilities:)`` combines them: with h = (n − 1)p and f = h − ⌊h⌋,
    /// `(1 − f) x₍⌊h⌋₎ + f x₍⌊h⌋+1₎`, the second read only when f > 0 and taken as the first when equal.
    /// - Complexity: two order statistics per probability.
    static func typeSeven(count n: Int, probabilities: [Double], orderStatistic: (Int) -> Double) -> [Double] {
        probabilities.map { p in
            let h = Double(n - 1) * p
            let i = min(n - 1, Int(h.rounded(.down)))
            let a = orderStatistic(i)
            guard i + 1 < n, h > Double(i) else { return a }
            let b = orderStatistic(i + 1)
            guard b != a else { return a }
            let f = h - Double(i)
            return (1 - f) * a + f * b
        }
    }
}
