/// The forward pass of the log-rank kernel over the rows of one stratum, sorted by time.
///
/// At each distinct time (equal keys) with n at risk and d events, weight w from the pooled
/// Kaplan–Meier S(t−) of the stratum: O_g += w d_g, E_g += w d r_g / n and, for n > 1,
/// V_gh += w² d (n − d)/(n (n − 1)) · (r_g [g = h] − r_g r_h / n), as survival's `survdiff2`.
/// Scratch counts live in one buffer reused across times and strata; only groups with rows at
/// the current time are reset, so a time costs O(rows at it) plus O(k²) when it has events.
struct LogRankAccumulator {
    let k: Int
    let stratumCount: Int
    let weights: FlemingHarrington
    private var size: [Int]
    private var events: [Int]
    private var sizeByStratum: [Int]
    private var observed: [Double]
    private var expected: [Double]
    private var variance: [Double]

    init(groupCount k: Int, stratumCount: Int, weights: FlemingHarrington) {
        self.k = k
        self.stratumCount = stratumCount
        self.weights = weights
        size = [Int](repeating: 0, count: k)
        events = [Int](repeating: 0, count: k)
        sizeByStratum = [Int](repeating: 0, count: stratumCount * k)
        observed = [Double](repeating: 0, count: stratumCount * k)
        expected = [Double](repeating: 0, count: stratumCount * k)
        variance = [Double](repeating: 0, count: k * k)
    }

    /// Adds stratum `s`: rows `range` of `keys` (equal keys are one time) and `words`
    /// (`… | code << 1 | event`, the code under `codeMask` after the shift).
    mutating func addStratum<Word: FixedWidthInteger & UnsignedInteger>(
        _ s: Int, keys: UnsafeBufferPointer<UInt64>, words: UnsafeBufferPointer<Word>,
        range: Range<Int>, codeMask: UInt64
    ) {
        guard !range.isEmpty else { return }
        let k = self.k
        let weights = self.weights
        let mask = Word(truncatingIfNeeded: codeMask)
        let offset = s * k
        // risk (as Double), died, leaving, touched list: one scratch block.
        let risk = UnsafeMutablePointer<Double>.allocate(capacity: k)
        let counts = UnsafeMutablePointer<Int>.allocate(capacity: 3 * k)
        defer { risk.deallocate(); counts.deallocate() }
        counts.initialize(repeating: 0, count: 3 * k)
        let died = counts, leaving = counts + k, touched = counts + 2 * k
        var touchedCount = 0

        for p in range { leaving[Int(truncatingIfNeeded: (words[p] >> 1) & mask)] += 1 }
        for g in 0..<k {
            sizeByStratum[offset + g] = leaving[g]
            size[g] += leaving[g]
            risk[g] = Double(leaving[g])
            leaving[g] = 0
        }
        var atRisk = range.count
        var survival = 1.0

        observed.withUnsafeMutableBufferPointer { observed in
        expected.withUnsafeMutableBufferPointer { expected in
        variance.withUnsafeMutableBufferPointer { variance in
        events.withUnsafeMutableBufferPointer { events in
            var p = range.lowerBound
            let end = range.upperBound
            while p < end {
                let current = keys[p]
                var q = p
                var deaths = 0
                repeat {
                    let word = words[q]
                    let g = Int(truncatingIfNeeded: (word >> 1) & mask)
                    if leaving[g] == 0 { touched[touchedCount] = g; touchedCount += 1 }
                    leaving[g] += 1
                    let e = Int(truncatingIfNeeded: word & 1)
                    died[g] += e
                    deaths += e
                    q += 1
                } while q < end && keys[q] == current
                if deaths > 0 {
                    let nr = Double(atRisk)
                    let d = Double(deaths)
                    let inverse = 1 / nr
                    let w = weights.weight(survivalBefore: survival)
                    for t in 0..<touchedCount {
                        let g = touched[t]
                        if died[g] > 0 {
                            observed[offset + g] += w * Double(died[g])
                            events[g] += died[g]
                        }
                    }
                    let share = w * d * inverse
                    for g in 0..<k where risk[g] > 0 { expected[offset + g] += share * risk[g] }
                    if atRisk > 1 {
                        let kt = w * w * d * (nr - d) * inverse / (nr - 1)
                        if kt != 0 {
                            for i in 0..<k where risk[i] > 0 {
                                let t = kt * risk[i]
                                let tn = t * inverse
                                variance[i * k + i] += t
                                for j in 0..<k where risk[j] > 0 { variance[i * k + j] -= tn * risk[j] }
                            }
                        }
                    }
                    survival = survival * (nr - d) * inverse
                }
                for t in 0..<touchedCount {
                    let g = touched[t]
                    risk[g] -= Double(leaving[g])
                    leaving[g] = 0
                    died[g] = 0
                }
                touchedCount = 0
                atRisk -= q - p
                p = q
            }
        }}}}
    }

    /// The totals, with `stratumSize` rows per stratum.
    func statistics(stratumSize: [Int]) -> LogRankStatistics {
        LogRankStatistics(groupCount: k, stratumCount: stratumCount, weights: weights, size: size, events: events,
                          variance: variance, stratumSize: stratumSize, sizeByStratum: sizeByStratum,
                          observedByStratum: observed, expectedByStratum: expected)
    }
}
