/// The difference in restricted mean survival time to τ between two arms of one simulated trial,
/// straight from its arrays (no data set is built per replicate).
///
/// Per arm, the Kaplan–Meier RMST μ̂ = ∫₀^τ Ŝ(u) du and its variance as R's
/// `print(survfit(...), rmean = tau)`: Σ_{t_j ≤ τ} A_j² d_j / (n_j (n_j − d_j)) with
/// A_j = ∫_{t_j}^τ Ŝ(u) du (the same sums as ``SurvivalCurve/restrictedMean(tau:)``, which the
/// tests compare it with). The difference is μ̂_T − μ̂_C with SE √(v_T + v_C) (Uno et al. 2014).
struct TwoArmRestrictedMean {
    /// μ̂_T − μ̂_C.
    let difference: Double
    /// √(v_T + v_C).
    let standardError: Double
    /// μ̂ of treatment (group 0) and control (group 1).
    let means: (Double, Double)

    /// - Complexity: O(n log n).
    init(time: [Double], event: [Bool], group: [UInt8], tau: Double) {
        let t = Self.arm(time: time, event: event, group: group, code: 0, tau: tau)
        let c = Self.arm(time: time, event: event, group: group, code: 1, tau: tau)
        difference = t.mean - c.mean
        standardError = (t.variance + c.variance).squareRoot()
        means = (t.mean, c.mean)
    }

    private static func arm(time: [Double], event: [Bool], group: [UInt8], code: UInt8, tau: Double)
        -> (mean: Double, variance: Double) {
        var rows: [(Double, Bool)] = []
        for i in time.indices where group[i] == code { rows.append((time[i], event[i])) }
        rows.sort { $0.0 < $1.0 }
        // Event times up to τ: their time, the events, the number at risk and Ŝ just after.
        var times: [Double] = [], deaths: [Double] = [], risk: [Double] = [], after: [Double] = []
        var atRisk = rows.count
        var s = 1.0
        var i = 0
        while i < rows.count && rows[i].0 <= tau {
            let u = rows[i].0
            var d = 0, m = 0
            while i + m < rows.count && rows[i + m].0 == u {
                if rows[i + m].1 { d += 1 }
                m += 1
            }
            if d > 0 {
                s *= 1 - Double(d) / Double(atRisk)
                times.append(u); deaths.append(Double(d)); risk.append(Double(atRisk)); after.append(s)
            }
            atRisk -= m
            i += m
        }
        var mean = 0.0, previous = 0.0, height = 1.0
        for j in times.indices {
            mean += height * (times[j] - previous)
            previous = times[j]
            height = after[j]
        }
        mean += height * (tau - previous)
        var variance = 0.0, area = 0.0
        for j in stride(from: times.count - 1, through: 0, by: -1) {
            let right = j + 1 < times.count ? times[j + 1] : tau
            area += after[j] * (right - times[j])
            let r = risk[j], d = deaths[j]
            if r - d > 0 { variance += area * area * d / (r * (r - d)) }
        }
        return (mean, variance)
    }
}
