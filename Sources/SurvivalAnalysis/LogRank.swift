/// The k-group (weighted, stratified) log-rank kernel on plain arrays: R's `survdiff`
/// (`survdiff.fit`, C routine `survdiff2`) without the formula layer.
///
/// Contract: `time[i]`, `event[i]`, `group[i]` and `strata?[i]` describe row i; group codes
/// are in `0..<groupCount`, stratum codes in `0..<stratumCount`. Times are sorted once (radix
/// sort for large inputs) and made into distinct times by R's `aeqSurv` rule
/// (``TiedTimes``), globally as survdiff does before splitting by stratum; rows are then
/// grouped by stratum with a stable counting sort, and one forward pass per stratum
/// accumulates observed, expected and the hypergeometric variance, with the pooled
/// Kaplan–Meier of the stratum at t− for Fleming–Harrington weights.
public enum LogRank {
    /// Observed, expected and variance for k groups, optionally stratified.
    ///
    /// - Precondition: equal lengths; codes in range; finite times (any sign).
    /// - Complexity: O(n) for the radix sort and the pass when n ≥ 1024 (O(n log n) below),
    ///   plus O(D·k²) for D distinct event times and k groups, plus O(S·k) for S strata.
    public static func statistics(time: [Double], event: [Bool], group: [Int32], groupCount: Int,
                                  strata: [Int32]? = nil, stratumCount: Int = 1,
                                  weights: FlemingHarrington = .logRank) -> LogRankStatistics {
        compute(time: time, event: event, group: group, groupCount: groupCount,
                strata: strata, stratumCount: stratumCount, weights: weights)
    }

    /// As ``statistics(time:event:group:groupCount:strata:stratumCount:weights:)`` with
    /// one-byte group codes.
    /// - Complexity: as the `Int32` variant.
    public static func statistics(time: [Double], event: [Bool], group: [UInt8], groupCount: Int,
                                  strata: [Int32]? = nil, stratumCount: Int = 1,
                                  weights: FlemingHarrington = .logRank) -> LogRankStatistics {
        compute(time: time, event: event, group: group, groupCount: groupCount,
                strata: strata, stratumCount: stratumCount, weights: weights)
    }

    private static func compute<Code: FixedWidthInteger>(
        time: [Double], event: [Bool], group: [Code], groupCount k: Int,
        strata: [Int32]?, stratumCount: Int, weights: FlemingHarrington
    ) -> LogRankStatistics {
        let n = time.count
        precondition(event.count == n && group.count == n, "time, event and group differ in length")
        precondition(k >= 1 && stratumCount >= 1)
        if let strata { precondition(strata.count == n, "strata differ in length from time") }
        let strataUsed = strata != nil && stratumCount > 1

        // Sort by time once; number the distinct (aeqSurv-tied) times globally.
        let (timeOrder, sortedTimes) = time.withUnsafeBufferPointer(TimeRadixSort.sort)
        let timeIndex = sortedTimes.withUnsafeBufferPointer(TiedTimes.timeIndices)

        // Rows by stratum, time order kept within a stratum (stable counting sort).
        var order = timeOrder
        var orderedTime = timeIndex
        var stratumSize = [Int](repeating: 0, count: stratumCount)
        if strataUsed, let strata {
            for s in strata {
                precondition(s >= 0 && Int(s) < stratumCount, "stratum code out of range")
                stratumSize[Int(s)] += 1
            }
            var next = [Int](repeating: 0, count: stratumCount)
            var running = 0
            for s in 0..<stratumCount { next[s] = running; running += stratumSize[s] }
            for p in 0..<n {
                let row = Int(timeOrder[p])
                let s = Int(strata[row])
                order[next[s]] = timeOrder[p]
                orderedTime[next[s]] = timeIndex[p]
                next[s] += 1
            }
        } else {
            stratumSize[0] = n
        }

        // Group code and event packed in pass order: code << 1 | event.
        var packed = [UInt32](repeating: 0, count: n)
        for p in 0..<n {
            let row = Int(order[p])
            let code = group[row]
            precondition(code >= 0 && Int(code) < k, "group code out of range")
            packed[p] = UInt32(truncatingIfNeeded: Int(code)) << 1 | (event[row] ? 1 : 0)
        }

        var size = [Int](repeating: 0, count: k)
        var events = [Int](repeating: 0, count: k)
        var sizeByStratum = [Int](repeating: 0, count: stratumCount * k)
        var observed = [Double](repeating: 0, count: stratumCount * k)
        var expected = [Double](repeating: 0, count: stratumCount * k)
        var variance = [Double](repeating: 0, count: k * k)
        var accumulator = Accumulator(groupCount: k, weights: weights)
        var start = 0
        for s in 0..<stratumCount {
            let end = start + stratumSize[s]
            accumulator.stratum(packed: packed, timeIndex: orderedTime, range: start..<end,
                                observed: &observed, expected: &expected, offset: s * k,
                                variance: &variance)
            for g in 0..<k {
                sizeByStratum[s * k + g] = accumulator.initialRisk[g]
                size[g] += accumulator.initialRisk[g]
                events[g] += accumulator.events[g]
            }
            start = end
        }
        return LogRankStatistics(groupCount: k, stratumCount: stratumCount, weights: weights, size: size,
                                 events: events, variance: variance, stratumSize: stratumSize,
                                 sizeByStratum: sizeByStratum, observedByStratum: observed,
                                 expectedByStratum: expected)
    }

    /// The forward pass over one stratum, with scratch arrays reused across strata.
    private struct Accumulator {
        let k: Int
        let weights: FlemingHarrington
        /// Rows per group at the stratum's start, and events per group, of the last stratum.
        var initialRisk: [Int]
        var events: [Int]
        private var risk: [Double]
        private var died: [Int]
        private var leaving: [Int]
        private var touched: [Int]

        init(groupCount k: Int, weights: FlemingHarrington) {
            self.k = k
            self.weights = weights
            initialRisk = [Int](repeating: 0, count: k)
            events = [Int](repeating: 0, count: k)
            risk = [Double](repeating: 0, count: k)
            died = [Int](repeating: 0, count: k)
            leaving = [Int](repeating: 0, count: k)
            touched = []
            touched.reserveCapacity(k)
        }

        /// Adds one stratum's contributions. `packed[p]` is `code << 1 | event`; rows of equal
        /// `timeIndex` are one time.
        mutating func stratum(packed: [UInt32], timeIndex: [Int32], range: Range<Int>,
                              observed: inout [Double], expected: inout [Double], offset: Int,
                              variance: inout [Double]) {
            for g in 0..<k { initialRisk[g] = 0; events[g] = 0 }
            for p in range { initialRisk[Int(packed[p] >> 1)] += 1 }
            for g in 0..<k { risk[g] = Double(initialRisk[g]) }
            var atRisk = range.count
            var survival = 1.0  // pooled Kaplan–Meier of the stratum just before the current time
            let k = self.k
            let weights = self.weights
            packed.withUnsafeBufferPointer { packed in
            timeIndex.withUnsafeBufferPointer { timeIndex in
            risk.withUnsafeMutableBufferPointer { risk in
            died.withUnsafeMutableBufferPointer { died in
            leaving.withUnsafeMutableBufferPointer { leaving in
            observed.withUnsafeMutableBufferPointer { observed in
            expected.withUnsafeMutableBufferPointer { expected in
            variance.withUnsafeMutableBufferPointer { variance in
                var p = range.lowerBound
                while p < range.upperBound {
                    let current = timeIndex[p]
                    var q = p
                    var deaths = 0
                    while q < range.upperBound && timeIndex[q] == current {
                        let word = packed[q]
                        let g = Int(word >> 1)
                        if leaving[g] == 0 { touched.append(g) }
                        leaving[g] += 1
                        let e = Int(word & 1)
                        died[g] += e
                        deaths += e
                        q += 1
                    }
                    if deaths > 0 {
                        let nr = Double(atRisk)
                        let d = Double(deaths)
                        let w = weights.weight(survivalBefore: survival)
                        for g in touched where died[g] > 0 {
                            observed[offset + g] += w * Double(died[g])
                            events[g] += died[g]
                        }
                        let wd = w * d
                        for g in 0..<k where risk[g] > 0 { expected[offset + g] += wd * risk[g] / nr }
                        if atRisk > 1 {
                            let kt = w * w * d * (nr - d) / (nr * (nr - 1))
                            if kt != 0 {
                                for i in 0..<k where risk[i] > 0 {
                                    let t = kt * risk[i]
                                    variance[i * k + i] += t
                                    for j in 0..<k where risk[j] > 0 { variance[i * k + j] -= t * risk[j] / nr }
                                }
                            }
                        }
                        survival = survival * (nr - d) / nr
                    }
                    for g in touched {
                        risk[g] -= Double(leaving[g])
                        leaving[g] = 0
                        died[g] = 0
                    }
                    touched.removeAll(keepingCapacity: true)
                    atRisk -= q - p
                    p = q
                }
            }}}}}}}}
        }
    }
}
