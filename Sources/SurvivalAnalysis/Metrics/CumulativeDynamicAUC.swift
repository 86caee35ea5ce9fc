/// The cumulative/dynamic time-dependent AUC with inverse probability of censoring weights
/// (Uno et al. 2007; Hung & Chiang 2010), as scikit-survival's `cumulative_dynamic_auc`:
/// at time t the cases are the subjects with an event by t, weighted 1/Ĝ(Tᵢ), the controls
/// those still event-free after t, weighted 1, and
///
///   AUC(t) = Σ_cases Σ_controls wᵢ·[1(ηᵢ > ηⱼ) + ½·1(ηᵢ = ηⱼ)] / (Σ_cases wᵢ · #controls),
///
/// computed as scikit-survival does, as the trapezoidal area under the ROC curve through
/// the distinct markers (ties give the ½). The mean AUC weights AUC(tₖ) by the drop of the
/// test data's Kaplan–Meier curve over (tₖ₋₁, tₖ] (t₀ with S = 1), divided by 1 − Ŝ(t_last).
///
/// Markers tie only when exactly equal (scikit-survival: within `tied_tol` = 1e-8).
public struct CumulativeDynamicAUC: Sendable, Equatable {
    /// The evaluation times, ascending and distinct.
    public let times: [Double]
    /// AUC at each of `times`.
    public let auc: [Double]
    /// The survival-weighted mean AUC over `times` (AUC itself for one time).
    public let meanAUC: Double

    /// AUC(t) of the marker `marker(i, k)` (subject i at `times[k]`; higher = earlier event
    /// expected) on the test data `time`/`event`, weights from the training censoring `g`.
    /// `times` are sorted and made distinct first, as scikit-survival does.
    /// - Complexity: O(times · n log n).
    public static func ipcw(censoring g: CensoringSurvival, time: [Double], event: [Bool], times unsorted: [Double],
                            marker: (Int, Int) -> Double) throws(MetricFailure) -> CumulativeDynamicAUC {
        precondition(time.count == event.count, "test columns differ in length")
        guard !unsorted.isEmpty, let first = time.min(), let last = time.max() else { throw .noTimes }
        let times = Array(Set(unsorted)).sorted()
        if let outside = times.first(where: { !($0 >= first && $0 < last) }) {
            throw .timeOutsideFollowUp(outside, first: first, last: last)
        }
        let n = time.count
        var weight = [Double](repeating: 0, count: n)
        for i in 0..<n where event[i] { weight[i] = try InverseCensoringWeight.at(time[i], g) }

        var auc: [Double] = []
        for (k, t) in times.enumerated() {
            var values = [Double](repeating: 0, count: n)
            for i in 0..<n {
                values[i] = marker(i, k)
                guard values[i].isFinite else { throw .badMarker(row: i) }
            }
            auc.append(try area(at: t, marker: values, time: time, event: event, weight: weight))
        }
        let meanAUC: Double
        if times.count == 1 {
            meanAUC = auc[0]
        } else {
            let s = kaplanMeier(time: time, event: event, at: times)
            var integral = 0.0, previous = 1.0
            for k in times.indices {
                integral += auc[k] * (previous - s[k])
                previous = s[k]
            }
            meanAUC = integral / (1 - s[times.count - 1])
        }
        return CumulativeDynamicAUC(times: times, auc: auc, meanAUC: meanAUC)
    }

    /// The trapezoidal area under the ROC curve at t: thresholds at the distinct markers,
    /// highest first, the curve starting at (0, 0).
    private static func area(at t: Double, marker: [Double], time: [Double], event: [Bool],
                             weight: [Double]) throws(MetricFailure) -> Double {
        let ascending = RadixSort.order(marker)
        var caseTotal = 0.0, controls = 0
        for i in time.indices {
            if time[i] <= t && event[i] { caseTotal += weight[i] } else if time[i] > t { controls += 1 }
        }
        guard caseTotal > 0, controls > 0 else { throw .noCasesOrControls(t) }
        var cases = 0.0, falsePositives = 0
        var tp = 0.0, fp = 0.0, area = 0.0
        var end = ascending.count
        while end > 0 {
            var start = end - 1
            let value = marker[Int(ascending[end - 1])]
            while start > 0 && marker[Int(ascending[start - 1])] == value { start -= 1 }
            for position in start..<end {
                let i = Int(ascending[position])
                if time[i] <= t && event[i] { cases += weight[i] } else if time[i] > t { falsePositives += 1 }
            }
            let nextTP = cases / caseTotal, nextFP = Double(falsePositives) / Double(controls)
            area += (nextFP - fp) * (nextTP + tp) / 2
            tp = nextTP
            fp = nextFP
            end = start
        }
        return area
    }

    /// The Kaplan–Meier estimate of the test data at each of `times` (right-continuous, as
    /// scikit-survival's `SurvivalFunctionEstimator.predict_proba`).
    static func kaplanMeier(time: [Double], event: [Bool], at times: [Double]) -> [Double] {
        let order = RadixSort.order(time).map(Int.init)
        var distinct: [Double] = [], survival: [Double] = []
        var atRisk = time.count, s = 1.0, k = 0
        while k < order.count {
            let t = time[order[k]]
            var deaths = 0, leaving = 0
            while k < order.count && time[order[k]] == t {
                if event[order[k]] { deaths += 1 }
                leaving += 1
                k += 1
            }
            s *= 1 - Double(deaths) / Double(atRisk)
            atRisk -= leaving
            distinct.append(t)
            survival.append(s)
        }
        return times.map { t in
            var lo = 0, hi = distinct.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if distinct[mid] <= t { lo = mid + 1 } else { hi = mid }
            }
            return lo == 0 ? 1 : survival[lo - 1]
        }
    }
}
