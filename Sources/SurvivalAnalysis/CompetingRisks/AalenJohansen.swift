import GSLSupport
import PlatformSupport

/// The Aalen–Johansen estimator of the cumulative incidence of each cause with competing risks,
/// as R's `survfit(Surv(time, status) ~ group)` with a factor status (a multi-state fit from the
/// initial state to k absorbing states).
///
/// At each distinct time t with Y at risk, dₖ events of cause k and d = Σdₖ:
/// F̂ₖ(t) = F̂ₖ(t−) + Ŝ(t−)·dₖ/Y and Ŝ(t) = Ŝ(t−)(1 − d/Y), Ŝ the all-cause Kaplan–Meier.
///
/// Variance: the infinitesimal jackknife R's `survfit` uses for multi-state curves (Therneau,
/// "The survfit function", survival vignette), Σᵢ Dᵢₖ(t)² with Dᵢₖ = ∂F̂ₖ(t)/∂wᵢ. Every subject
/// still at risk shares one influence; after subject i leaves at Tᵢ its influence on Ŝ stays
/// proportional to Ŝ, so Dᵢₖ(t) = αᵢₖ + cᵢ·F̂ₖ(t) for t > Tᵢ and the sum over subjects who left
/// is kept in three running sums. Cost O(n log n) for the sort plus O(m·k) for m distinct times,
/// instead of the O(n·m) of a subject-by-time influence matrix.
public enum AalenJohansen {
    /// The curves of every cause (outer) and group (inner, in level order).
    /// - Parameters:
    ///   - data: times and groups with the cause of each row (0 = censored, 1…k = the
    ///     competing events), as R's `survfit(Surv(time, factor(status)) ~ group)`.
    ///   - confidenceLevel: of the log-scale limits, in (0, 1).
    /// - Complexity: O(n log n + m·k) per group.
    public static func curves(_ data: CompetingRisksData, confidenceLevel: Double = 0.95) -> [[CumulativeIncidenceCurve]] {
        let k = data.causeCount
        let groups = data.data.group
        let groupCount = groups?.levels.count ?? 1
        var rowsOf = [[Int]](repeating: [], count: groupCount)
        for i in data.timeOrder() { rowsOf[groups.map { Int($0.codes[i]) } ?? 0].append(i) }
        let z = Normal.upperQuantile((1 - confidenceLevel) / 2)
        var out = (1...max(k, 1)).prefix(k).map { _ in [CumulativeIncidenceCurve]() }
        for g in 0..<groupCount {
            let perCause = curve(rows: rowsOf[g], time: data.data.time, cause: data.cause, causeCount: k, z: z)
            for c in 0..<k {
                out[c].append(CumulativeIncidenceCurve(cause: c + 1, causeLabel: data.status.labels[c],
                                                       group: groups?.levels[g], rows: perCause[c]))
            }
        }
        return out
    }

    /// Curves of one group's rows, given in increasing time.
    static func curve(rows: [Int], time: [Double], cause: [Int32], causeCount k: Int, z: Double) -> [[CumulativeIncidenceCurve.Row]] {
        var out = [[CumulativeIncidenceCurve.Row]](repeating: [], count: k)
        var atRisk = rows.count
        var survival = 1.0                                     // Ŝ(t−)
        var incidence = [Double](repeating: 0, count: k)       // F̂ₖ(t−)
        // Influence shared by everyone still at risk: on Ŝ and on each F̂ₖ.
        var sharedS = 0.0
        var shared = [Double](repeating: 0, count: k)
        // Subjects who left: Σα², Σαc, Σc² per cause.
        var sumAA = [Double](repeating: 0, count: k), sumAC = [Double](repeating: 0, count: k)
        var sumCC = 0.0
        var dk = [Int](repeating: 0, count: k)
        var a = 0
        while a < rows.count {
            let t = time[rows[a]]
            var b = a
            for c in 0..<k { dk[c] = 0 }
            var censored = 0
            while b < rows.count && time[rows[b]] == t {
                let c = Int(cause[rows[b]])
                if c == 0 { censored += 1 } else { dk[c - 1] += 1 }
                b += 1
            }
            let y = Double(atRisk)
            let d = dk.reduce(0, +)
            let dd = Double(d)
            let sBefore = survival
            let sAfter = d == atRisk ? 0 : sBefore * (1 - dd / y)
            // Influence on Ŝ(t) of one at risk without an event, and of one with an event.
            let sNoEvent = sharedS * (1 - dd / y) + sBefore * (dd / y) / y
            let sEvent = sharedS * (1 - dd / y) - sBefore * (1 - dd / y) / y
            var newIncidence = incidence
            var noEventInfluence = shared
            // eventInfluence[j][c]: on F̂_c of one with an event of cause j.
            var eventInfluence = [[Double]](repeating: shared, count: k)
            for c in 0..<k {
                let dc = Double(dk[c])
                newIncidence[c] = incidence[c] + sBefore * dc / y
                let common = shared[c] + sharedS * dc / y - sBefore * (dc / y) / y
                noEventInfluence[c] = common
                for j in 0..<k { eventInfluence[j][c] = common + (j == c ? sBefore / y : 0) }
            }
            for c in 0..<k {
                let f = newIncidence[c]
                var v = Double(atRisk - d) * noEventInfluence[c] * noEventInfluence[c]
                for j in 0..<k where dk[j] > 0 { v += Double(dk[j]) * eventInfluence[j][c] * eventInfluence[j][c] }
                v += sumAA[c] + 2 * f * sumAC[c] + f * f * sumCC
                let se = v.squareRoot()
                let (lower, upper) = logLimits(f, se, z)
                out[c].append(.init(time: t, atRisk: atRisk, events: dk[c], incidence: f, standardError: se,
                                    lower: lower, upper: upper))
            }
            // Those leaving at t join the running sums: Dₖ(s) = α + c·F̂ₖ(s) for s > t.
            func leave(count: Int, sInfluence: Double, influence: [Double]) {
                guard count > 0 else { return }
                let m = Double(count)
                let ci = sAfter > 0 ? sInfluence / sAfter : 0
                sumCC += m * ci * ci
                for c in 0..<k {
                    let alpha = influence[c] - ci * newIncidence[c]
                    sumAA[c] += m * alpha * alpha
                    sumAC[c] += m * alpha * ci
                }
            }
            leave(count: censored, sInfluence: sNoEvent, influence: noEventInfluence)
            for j in 0..<k { leave(count: dk[j], sInfluence: sEvent, influence: eventInfluence[j]) }
            sharedS = sNoEvent
            shared = noEventInfluence
            incidence = newIncidence
            survival = sAfter
            atRisk -= b - a
            a = b
        }
        return out
    }

    /// R's `survfit_confint(p, se, logse = FALSE, "log")`: exp(log p ± z·se/p), the upper limit
    /// at most 1; none where p = 0.
    static func logLimits(_ p: Double, _ se: Double, _ z: Double) -> (Double?, Double?) {
        guard p > 0 else { return (nil, nil) }
        let s = se == 0 ? 0 : se / p
        return (exp(log(p) - z * s), min(exp(log(p) + z * s), 1))
    }
}
