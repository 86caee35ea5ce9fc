/// The two-group log-rank (or Fleming–Harrington) statistic for the first group, lean enough
/// to be called millions of times on small data sets (trial simulation, interim analyses):
/// keys and flags in stack buffers, one sort (the package's radix sort, an insertion sort for the few
/// dozen rows of a simulated trial), one pass. Numerically the same as ``LogRank`` restricted
/// to two groups (R's `survdiff`), including the pooled Kaplan–Meier at t− for the weights.
/// Times are compared exactly: R's aeqSurv tie rule belongs to the data (``TimeFix``, applied
/// by ``SurvivalData``); the simulator, like rpact, compares simulated times exactly.
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
    /// - Complexity: O(n) time (O(n²) moves up to 64 rows, linear when they come sorted);
    ///   O(n) stack memory plus the sort's scratch.
    public init(time: [Double], event: [Bool], group: [UInt8], weights: FlemingHarrington = .logRank) {
        self.init(time, event, group, weights)
    }

    /// As ``init(time:event:group:weights:)`` with 32-bit group codes 0 or 1.
    /// - Complexity: as the `UInt8` variant.
    public init(time: [Double], event: [Bool], group: [Int32], weights: FlemingHarrington = .logRank) {
        self.init(time, event, group, weights)
    }

    init(observed: Double, expected: Double, variance: Double, events: Int) {
        self.observed = observed
        self.expected = expected
        self.variance = variance
        self.events = events
    }

    private init<Code: FixedWidthInteger>(_ time: [Double], _ event: [Bool], _ group: [Code],
                                          _ weights: FlemingHarrington) {
        let n = time.count
        precondition(event.count == n && group.count == n, "time, event and group differ in length")
        self = withUnsafeTemporaryAllocation(of: UInt64.self, capacity: n) { keys in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: n) { flags in
                var firstAtRisk = 0
                for i in 0..<n {
                    let g = group[i]
                    precondition(g == 0 || g == 1, "two-group codes must be 0 or 1")
                    if g == 0 { firstAtRisk += 1 }
                    keys.initializeElement(at: i, to: TimeKey.key(time[i] + 0.0))
                    // Bit 0: second group; bit 1: event.
                    flags.initializeElement(at: i, to: UInt8(truncatingIfNeeded: g) | (event[i] ? 2 : 0))
                }
                RadixSort.sort(keys: keys, payload: flags)
                return TwoGroupLogRank.pass(keys: UnsafeBufferPointer(keys), firstAtRisk: firstAtRisk,
                                            weights: weights) { flags[$0] }
            }
        }
    }

    /// The forward pass over time-sorted keys; equal keys are one time. `flags(i)`: bit 0 set
    /// for the second group, bit 1 for an event. Generic so that the sorted-input entry point
    /// (``init(sortedTime:event:group:)``) runs this very arithmetic on the times themselves.
    @inline(__always)
    static func pass<Key: Equatable>(keys: UnsafeBufferPointer<Key>, firstAtRisk: Int, weights: FlemingHarrington,
                                     flags: (Int) -> UInt8) -> TwoGroupLogRank {
        let n = keys.count
        var observed = 0.0, expected = 0.0, variance = 0.0, events = 0
        var atRisk = n
        var first = Double(firstAtRisk)
        var survival = 1.0
        var p = 0
        while p < n {
            var q = p
            let key = keys[p]
            var deaths = 0, firstDeaths = 0, firstLeaving = 0
            repeat {
                let f = flags(q)
                let isFirst = Int(truncatingIfNeeded: ~f & 1)
                let died = Int(truncatingIfNeeded: (f >> 1) & 1)
                deaths &+= died
                firstDeaths &+= died & isFirst
                firstLeaving &+= isFirst
                q &+= 1
            } while q < n && keys[q] == key
            if deaths > 0 {
                // One reciprocal instead of four divisions per event time.
                let nr = Double(atRisk), d = Double(deaths), inverse = 1 / nr
                let w = weights.weight(survivalBefore: survival)
                observed += w * Double(firstDeaths)
                expected += w * d * inverse * first
                if atRisk > 1 {
                    let kt = w * w * d * (nr - d) * inverse / (nr - 1)
                    let t = kt * first
                    variance += t - t * inverse * first
                }
                events &+= deaths
                survival = survival * (nr - d) * inverse
            }
            first -= Double(firstLeaving)
            atRisk &-= q &- p
            p = q
        }
        return TwoGroupLogRank(observed: observed, expected: expected, variance: variance, events: events)
    }
}
