/// The two-group log-rank (or Fleming–Harrington) statistic for the first group, computed
/// lean enough to be called millions of times on small data sets (trial simulation, interim
/// analyses): one stack-allocated record array for small n, one sort, one pass, no other
/// allocation. Numerically the same as ``LogRank`` restricted to two groups (R's `survdiff`),
/// including aeqSurv tie handling and the pooled Kaplan–Meier at t− for the weights.
public struct TwoGroupLogRank: Sendable, Equatable {
    /// Weighted observed events in the first group (code 0).
    public let observed: Double
    /// Weighted expected events in the first group.
    public let expected: Double
    /// Var(O₁ − E₁) (hypergeometric, weighted).
    public let variance: Double
    /// Unweighted events in both groups.
    public let events: Int

    /// z = (O₁ − E₁) / √V₁₁ for the FIRST group (code 0). Positive when the first group has
    /// more events than expected under equal hazards (a higher hazard in the first group);
    /// so with treatment coded first, a beneficial treatment gives z < 0. NaN when V₁₁ = 0
    /// (no events, or no event with both groups at risk).
    public var z: Double { variance > 0 ? (observed - expected) / variance.squareRoot() : .nan }

    /// z², the chi-square on 1 df of R's `survdiff` for two groups.
    public var chiSquare: Double { z * z }

    /// Computes the statistic. `group[i]` is 0 for the first group and 1 for the second.
    ///
    /// - Precondition: equal lengths, codes 0 or 1, finite times.
    /// - Complexity: O(n log n) time (one comparison sort), O(n) memory on the stack for small n.
    public init(time: [Double], event: [Bool], group: [UInt8], weights: FlemingHarrington = .logRank) {
        self.init(time, event, group, weights)
    }

    /// As ``init(time:event:group:weights:)`` with 32-bit group codes 0 or 1.
    /// - Complexity: O(n log n).
    public init(time: [Double], event: [Bool], group: [Int32], weights: FlemingHarrington = .logRank) {
        self.init(time, event, group, weights)
    }

    private struct Record {
        var time: Double
        /// 0 or 1 (the group) plus 2 for an event.
        var flags: UInt8
    }

    private init<Code: FixedWidthInteger>(_ time: [Double], _ event: [Bool], _ group: [Code],
                                          _ weights: FlemingHarrington) {
        let n = time.count
        precondition(event.count == n && group.count == n, "time, event and group differ in length")
        var result = (observed: 0.0, expected: 0.0, variance: 0.0, events: 0)
        withUnsafeTemporaryAllocation(of: Record.self, capacity: n) { records in
            var firstAtRisk = 0
            for i in 0..<n {
                let g = group[i]
                precondition(g == 0 || g == 1, "two-group codes must be 0 or 1")
                if g == 0 { firstAtRisk += 1 }
                records.initializeElement(at: i, to: Record(time: time[i], flags: UInt8(g) | (event[i] ? 2 : 0)))
            }
            var sortable = records
            sortable.sort { $0.time < $1.time }
            // aeqSurv's scale: the mean of |t| over distinct times.
            var sum = 0.0, distinct = 0
            for i in 0..<n where i == 0 || records[i].time != records[i - 1].time {
                sum += abs(records[i].time)
                distinct += 1
            }
            let meanAbsolute = distinct > 0 ? sum / Double(distinct) : 0
            var atRisk = n
            var first = Double(firstAtRisk)
            var survival = 1.0
            var p = 0
            while p < n {
                var q = p + 1
                while q < n && TiedTimes.tied(records[q - 1].time, records[q].time, meanAbsolute: meanAbsolute) {
                    q += 1
                }
                var deaths = 0, firstDeaths = 0, firstLeaving = 0
                for r in p..<q {
                    let f = records[r].flags
                    let isFirst = f & 1 == 0
                    let died = f & 2 != 0
                    if died { deaths += 1; if isFirst { firstDeaths += 1 } }
                    if isFirst { firstLeaving += 1 }
                }
                if deaths > 0 {
                    let nr = Double(atRisk), d = Double(deaths)
                    let w = weights.weight(survivalBefore: survival)
                    result.observed += w * Double(firstDeaths)
                    result.expected += w * d * first / nr
                    if atRisk > 1 {
                        let kt = w * w * d * (nr - d) / (nr * (nr - 1))
                        let t = kt * first
                        result.variance += t - t * first / nr
                    }
                    result.events += deaths
                    survival = survival * (nr - d) / nr
                }
                first -= Double(firstLeaving)
                atRisk -= q - p
                p = q
            }
            records.deinitialize()
        }
        observed = result.observed
        expected = result.expected
        variance = result.variance
        events = result.events
    }
}
