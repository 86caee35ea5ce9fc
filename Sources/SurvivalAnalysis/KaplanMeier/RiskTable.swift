/// Numbers at risk and cumulative events of a curve at chosen times: the table printed under a
/// Kaplan–Meier plot.
///
/// The number at risk at t is R's `summary(fit, times = t, extend = TRUE)$n.risk`: the number
/// still under observation just before t, i.e. the curve's `n.risk` at its first time ≥ t, and
/// 0 past the last time (where `extend = TRUE` keeps the row). Cumulative events at t count the
/// events at times ≤ t (R's `cumsum(n.event)` of the same summary).
public struct RiskTable: Sendable, Equatable {
    /// The times the table is for.
    public let times: [Double]
    /// Number at risk at each time (R's `summary(fit, times, extend = TRUE)$n.risk`).
    public let numberAtRisk: [Int]
    /// Events up to and including each time.
    public let cumulativeEvents: [Int]

    /// - Precondition: `times` finite.
    /// - Complexity: O(k log m) for k times and m curve rows.
    public init(_ curve: SurvivalCurve, times: [Double]) {
        precondition(times.allSatisfy(\.isFinite), "times must be finite")
        // Events up to and including each row, for the cumulative counts.
        var eventsThrough = [Int](repeating: 0, count: curve.count)
        var total = 0
        for i in 0..<curve.count {
            total += Int(curve.nEvent[i])
            eventsThrough[i] = total
        }
        self.times = times
        self.numberAtRisk = times.map { t in
            let i = RiskTable.firstIndex(curve.time, atLeast: t)
            return i < curve.count ? Int(curve.nRisk[i]) : 0
        }
        self.cumulativeEvents = times.map { t in
            // Rows with time ≤ t are those before the first time > t.
            let i = RiskTable.firstIndex(curve.time, atLeast: t.nextUp)
            return i == 0 ? 0 : eventsThrough[i - 1]
        }
    }

    /// Index of the first element ≥ `value` in ascending `times` (count if none): binary search.
    static func firstIndex(_ times: [Double], atLeast value: Double) -> Int {
        var low = 0, high = times.count
        while low < high {
            let mid = (low + high) / 2
            if times[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
