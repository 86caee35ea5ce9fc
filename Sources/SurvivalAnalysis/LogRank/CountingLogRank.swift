/// The k-group (stratified) log-rank test on (start, stop] counting-process data: risk sets
/// {i : start_i < t ≤ stop_i}, R's rule for a stop tied with a start (the row ending at t is at
/// risk at t, the row starting at t is not).
///
/// R's `survdiff` refuses such data ("Right censored data only"); R users take the score test
/// of `coxph(Surv(start, stop, event) ~ factor(group) + strata(s), ties = "exact")`, which this
/// equals: at β = 0 the exact (discrete) partial likelihood's score is O − E and its
/// information the hypergeometric variance below. (The Breslow and Efron score tests differ
/// from it when event times are tied.) With start = 0 everywhere it is `survdiff`'s log-rank.
///
/// At an event time t of a stratum with n at risk, d events, r_g at risk and d_g events in group g:
///   O_g += d_g,  E_g += d r_g / n,  V_gh += d (n − d) / (n (n − 1)) · (r_g [g = h] − r_g r_h / n).
/// Unweighted only: Fleming–Harrington weights would need the left-truncated pooled
/// Kaplan–Meier, which neither survdiff nor coxph defines here.
public enum CountingLogRank {
    /// Observed, expected and variance for k groups, optionally stratified.
    /// - Parameters:
    ///   - start: each row's start (entry); `start[i] < stop[i]`.
    ///   - stop: each row's stop, the event or censoring time.
    ///   - event: whether row i ends in an event.
    ///   - group: group codes in `0..<groupCount` (may change between rows of one subject).
    ///   - groupCount: k.
    ///   - strata: stratum codes in `0..<stratumCount`, or nil.
    ///   - stratumCount: number of strata.
    /// - Returns: the statistics with `size` = rows per group (a subject with several rows
    ///   counts once per row).
    /// - Complexity: O(n) for two radix sorts and two sweeps, plus O(D·k²) for D event times.
    public static func statistics(start: [Double], stop: [Double], event: [Bool], group: [Int32], groupCount: Int,
                                  strata: [Int32]? = nil, stratumCount: Int = 1) -> LogRankStatistics {
        let k = groupCount, n = stop.count
        precondition(start.count == n && event.count == n && group.count == n, "start, stop, event and group differ in length")
        let stratum: (Int) -> Int
        if let strata { stratum = { Int(strata[$0]) } } else { stratum = { _ in 0 } }
        // Rows by stop and by start, each then grouped by stratum (stable), so each stratum is a
        // contiguous run in both orders.
        let byStop = groupedByStratum(RadixSort.order(stop), stratum, stratumCount)
        let byStart = groupedByStratum(RadixSort.order(start), stratum, stratumCount)

        var size = [Int](repeating: 0, count: k), events = [Int](repeating: 0, count: k)
        var stratumSize = [Int](repeating: 0, count: stratumCount)
        var sizeByStratum = [Int](repeating: 0, count: stratumCount * k)
        for i in 0..<n {
            let g = Int(group[i]), s = stratum(i)
            precondition(g >= 0 && g < k && s >= 0 && s < stratumCount, "code out of range")
            size[g] += 1; stratumSize[s] += 1; sizeByStratum[s * k + g] += 1
            if event[i] { events[g] += 1 }
        }
        var observed = [Double](repeating: 0, count: stratumCount * k)
        var expected = [Double](repeating: 0, count: stratumCount * k)
        var variance = [Double](repeating: 0, count: k * k)
        var atRisk = [Double](repeating: 0, count: k), dying = [Double](repeating: 0, count: k)
        var begin = 0
        for s in 0..<stratumCount {
            let end = begin + stratumSize[s]
            for g in 0..<k { atRisk[g] = 0 }
            // Entered: rows with start < t; left: rows with stop < t. At risk = entered − left.
            var entered = begin, left = begin, p = begin
            while p < end {
                let t = stop[byStop[p]]
                var q = p, deaths = 0.0
                for g in 0..<k { dying[g] = 0 }
                while q < end && stop[byStop[q]] == t {
                    let i = byStop[q]
                    if event[i] { dying[Int(group[i])] += 1; deaths += 1 }
                    q += 1
                }
                if deaths > 0 {
                    while entered < end && start[byStart[entered]] < t { atRisk[Int(group[byStart[entered]])] += 1; entered += 1 }
                    while left < p { atRisk[Int(group[byStop[left]])] -= 1; left += 1 }
                    // The same floating-point operations, in the same order, as the
                    // right-censored kernel (LogRankAccumulator with weight 1), so that start = 0
                    // everywhere gives survdiff's numbers bit for bit: E += (d·(1/n))·r_g and
                    // V_gh −= ((d(n − d)(1/n)/(n − 1))·r_g·(1/n))·r_h, skipping empty groups.
                    var total = 0.0
                    for g in 0..<k { total += atRisk[g] }
                    let inverse = 1 / total
                    for g in 0..<k where dying[g] > 0 { observed[s * k + g] += dying[g] }
                    let share = deaths * inverse
                    for g in 0..<k where atRisk[g] > 0 { expected[s * k + g] += share * atRisk[g] }
                    if total > 1 {
                        let spread = deaths * (total - deaths) * inverse / (total - 1)
                        if spread != 0 {
                            for g in 0..<k where atRisk[g] > 0 {
                                let t = spread * atRisk[g]
                                let tn = t * inverse
                                variance[g * k + g] += t
                                for h in 0..<k where atRisk[h] > 0 { variance[g * k + h] -= tn * atRisk[h] }
                            }
                        }
                    }
                }
                p = q
            }
            begin = end
        }
        return LogRankStatistics(groupCount: k, stratumCount: stratumCount, weights: .logRank, size: size, events: events,
                                 variance: variance, stratumSize: stratumSize, sizeByStratum: sizeByStratum,
                                 observedByStratum: observed, expectedByStratum: expected)
    }

    /// `order` regrouped by stratum, keeping the order within each stratum (counting sort).
    private static func groupedByStratum(_ order: [Int32], _ stratum: (Int) -> Int, _ stratumCount: Int) -> [Int] {
        guard stratumCount > 1 else { return order.map(Int.init) }
        var next = [Int](repeating: 0, count: stratumCount + 1)
        for i in order { next[stratum(Int(i)) + 1] += 1 }
        for s in 0..<stratumCount { next[s + 1] += next[s] }
        var result = [Int](repeating: 0, count: order.count)
        for i in order { let s = stratum(Int(i)); result[next[s]] = Int(i); next[s] += 1 }
        return result
    }
}
