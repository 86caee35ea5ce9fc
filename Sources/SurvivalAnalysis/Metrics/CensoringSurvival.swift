/// The Kaplan–Meier estimate of the censoring distribution G(t) = P(C > t), used for inverse
/// probability of censoring weights, as scikit-survival's `CensoringDistributionEstimator`
/// (`kaplan_meier_estimator(reverse = True)`): at a time with both, events leave the risk set
/// before the censorings are counted; G is a right-continuous step function, 1 before the first
/// time, and G ≡ 1 when nothing is censored.
public struct CensoringSurvival: Sendable {
    /// Distinct observed times, ascending.
    public let times: [Double]
    /// G at each of `times`.
    public let values: [Double]

    /// - Complexity: O(n log n).
    public init(time: [Double], event: [Bool]) {
        let order = time.indices.sorted { time[$0] < time[$1] }
        var times: [Double] = []
        var values: [Double] = []
        var atRisk = time.count
        var g = 1.0
        let allEvents = !event.contains(false)
        var k = 0
        while k < order.count {
            let t = time[order[k]]
            var events = 0, censored = 0
            while k < order.count && time[order[k]] == t {
                if event[order[k]] { events += 1 } else { censored += 1 }
                k += 1
            }
            let denominator = atRisk - events
            if !allEvents && censored > 0 { g *= 1 - Double(censored) / Double(denominator) }
            times.append(t)
            values.append(g)
            atRisk -= events + censored
        }
        self.times = times
        self.values = values
    }

    /// G(t): the value at the largest distinct time ≤ t, 1 before the first.
    /// - Complexity: O(log n).
    public func callAsFunction(_ t: Double) -> Double {
        var lo = 0, hi = times.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if times[mid] <= t { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? 1 : values[lo - 1]
    }
}
