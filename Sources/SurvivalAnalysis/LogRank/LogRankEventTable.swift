/// The risk sets of a (stratified) k-group survival data set at its event times: everything a
/// weighted log-rank statistic needs, so that any weight function, and the covariance of two
/// of them (MaxCombo), is one pass over the table.
///
/// Built as R's `survdiff` prepares its data: times made distinct by the `aeqSurv` rule
/// (applied once by ``TimeFix`` where the data were built) over all rows, then split by stratum. For event time i of stratum s (rows
/// `stratumStart[s]..<stratumStart[s + 1]`): n = ``atRisk``, d = ``deaths``, r_g and d_g in
/// ``riskByGroup`` and ``deathsByGroup`` (row-major, k per time), the stratum's pooled
/// Kaplan–Meier Ŝ(t−) just before the time and Peto's S̃(t) = ∏_{tⱼ ≤ t}(1 − dⱼ/(nⱼ + 1)).
public struct LogRankEventTable: Sendable, Equatable {
    /// Number of groups k.
    public let groupCount: Int
    /// Number of strata.
    public let stratumCount: Int
    /// Rows per group, and per stratum and group (stratum-major).
    public let size: [Int]
    /// Rows per stratum and group (stratum-major).
    public let sizeByStratum: [Int]
    /// Rows per stratum.
    public let stratumSize: [Int]
    /// Unweighted events per group.
    public let events: [Int]
    /// Event times of stratum s are `stratumStart[s]..<stratumStart[s + 1]`.
    public let stratumStart: [Int]
    /// n: the number at risk at each event time.
    public let atRisk: [Double]
    /// d: the number of events at each event time.
    public let deaths: [Double]
    /// r_g: at risk per group, k per event time.
    public let riskByGroup: [Double]
    /// d_g: events per group, k per event time.
    public let deathsByGroup: [Double]
    /// The stratum's pooled Kaplan–Meier Ŝ(t−) just before each event time.
    public let survivalBefore: [Double]
    /// Peto's S̃(t) = ∏_{tⱼ ≤ t}(1 − dⱼ/(nⱼ + 1)) at each event time.
    public let petoSurvival: [Double]

    /// Number of event times over all strata.
    public var eventTimeCount: Int { atRisk.count }

    /// Builds the table.
    /// - Precondition: equal lengths; group codes in `0..<groupCount`, stratum codes in
    ///   `0..<stratumCount`; finite times.
    /// - Complexity: O(n log n) (O(n) sort from 2048 rows) plus O(D·k) for D event times.
    public init(time: [Double], event: [Bool], group: [Int32], groupCount k: Int,
                strata: [Int32]? = nil, stratumCount: Int = 1) {
        let n = time.count
        precondition(event.count == n && group.count == n, "time, event and group differ in length")
        precondition(k >= 1 && stratumCount >= 1)
        if let strata { precondition(strata.count == n, "strata differ in length from time") }
        // Times compared exactly: R's near-tie rule (aeqSurv) was applied once where the data
        // were built (``TimeFix``), as for every estimator.
        var keys = time.map { TimeKey.key($0 + 0.0) }   // −0 and +0: one time
        var rows = (0..<n).map { Int32(truncatingIfNeeded: $0) }
        RadixSort.sort(keys: &keys, payload: &rows)

        var stratumSize = [Int](repeating: 0, count: stratumCount)
        var sizeByStratum = [Int](repeating: 0, count: stratumCount * k)
        for i in 0..<n {
            let g = Int(group[i]), s = strata.map { Int($0[i]) } ?? 0
            precondition(g >= 0 && g < k, "group code out of range")
            precondition(s >= 0 && s < stratumCount, "stratum code out of range")
            stratumSize[s] += 1
            sizeByStratum[s * k + g] += 1
        }
        // Stable counting sort by stratum keeps time order within each stratum.
        var order = [Int](repeating: 0, count: n)
        if let strata, stratumCount > 1 {
            var next = [Int](repeating: 0, count: stratumCount)
            var running = 0
            for s in 0..<stratumCount { next[s] = running; running += stratumSize[s] }
            for p in 0..<n {
                let s = Int(strata[Int(rows[p])])
                order[next[s]] = p
                next[s] += 1
            }
        } else {
            for p in 0..<n { order[p] = p }
        }

        var size = [Int](repeating: 0, count: k)
        var events = [Int](repeating: 0, count: k)
        var start: [Int] = [0]
        var atRisk: [Double] = [], deaths: [Double] = [], riskByGroup: [Double] = [], deathsByGroup: [Double] = []
        var survivalBefore: [Double] = [], petoSurvival: [Double] = []
        var risk = [Double](repeating: 0, count: k)
        var died = [Double](repeating: 0, count: k)
        var leaving = [Double](repeating: 0, count: k)
        var p = 0
        for s in 0..<stratumCount {
            let end = p + stratumSize[s]
            for g in 0..<k {
                risk[g] = Double(sizeByStratum[s * k + g])
                size[g] += sizeByStratum[s * k + g]
            }
            var nAtRisk = Double(stratumSize[s])
            var km = 1.0, peto = 1.0
            while p < end {
                let key = keys[order[p]]
                var q = p
                var d = 0.0
                for g in 0..<k { died[g] = 0; leaving[g] = 0 }
                repeat {
                    let row = Int(rows[order[q]])
                    let g = Int(group[row])
                    leaving[g] += 1
                    if event[row] { died[g] += 1; d += 1; events[g] += 1 }
                    q += 1
                } while q < end && keys[order[q]] == key
                if d > 0 {
                    atRisk.append(nAtRisk)
                    deaths.append(d)
                    riskByGroup.append(contentsOf: risk)
                    deathsByGroup.append(contentsOf: died)
                    survivalBefore.append(km)
                    peto *= 1 - d / (nAtRisk + 1)
                    petoSurvival.append(peto)
                    km *= (nAtRisk - d) / nAtRisk
                }
                for g in 0..<k { risk[g] -= leaving[g] }
                nAtRisk -= Double(q - p)
                p = q
            }
            start.append(atRisk.count)
        }
        groupCount = k
        self.stratumCount = stratumCount
        self.size = size
        self.sizeByStratum = sizeByStratum
        self.stratumSize = stratumSize
        self.events = events
        stratumStart = start
        self.atRisk = atRisk
        self.deaths = deaths
        self.riskByGroup = riskByGroup
        self.deathsByGroup = deathsByGroup
        self.survivalBefore = survivalBefore
        self.petoSurvival = petoSurvival
    }

    /// The weight of `scheme` at every event time, in table order.
    /// - Complexity: O(D).
    public func weights(_ scheme: LogRankWeightScheme) -> [Double] {
        (0..<eventTimeCount).map {
            scheme.weight(atRisk: atRisk[$0], survivalBefore: survivalBefore[$0], petoSurvival: petoSurvival[$0])
        }
    }

    /// Observed, expected and the variance matrix with weight `w[i]` at event time i:
    /// O_g += w d_g, E_g += w d r_g/n, V_gh += w² d (n − d)/(n − 1) (r_g/n [g = h] − r_g r_h/n²),
    /// as ``LogRankStatistics`` (and R's `survdiff2`) with an arbitrary weight. `reportedWeights`
    /// labels the result (the Fleming–Harrington weights, or G(0, 0) for other schemes).
    /// - Complexity: O(D·k²).
    public func statistics(weights w: [Double], reportedWeights: FlemingHarrington = .logRank) -> LogRankStatistics {
        precondition(w.count == eventTimeCount)
        let k = groupCount
        var observed = [Double](repeating: 0, count: stratumCount * k)
        var expected = [Double](repeating: 0, count: stratumCount * k)
        var variance = [Double](repeating: 0, count: k * k)
        for s in 0..<stratumCount {
            for i in stratumStart[s]..<stratumStart[s + 1] {
                let n = atRisk[i], d = deaths[i], wi = w[i]
                for g in 0..<k {
                    observed[s * k + g] += wi * deathsByGroup[i * k + g]
                    expected[s * k + g] += wi * d * riskByGroup[i * k + g] / n
                }
                guard n > 1 else { continue }
                let kt = wi * wi * d * (n - d) / (n - 1)
                for g in 0..<k {
                    let rg = riskByGroup[i * k + g] / n
                    guard rg > 0 else { continue }
                    variance[g * k + g] += kt * rg
                    for h in 0..<k { variance[g * k + h] -= kt * rg * riskByGroup[i * k + h] / n }
                }
            }
        }
        return LogRankStatistics(groupCount: k, stratumCount: stratumCount, weights: reportedWeights, size: size,
                                 events: events, variance: variance, stratumSize: stratumSize,
                                 sizeByStratum: sizeByStratum, observedByStratum: observed,
                                 expectedByStratum: expected)
    }

    /// Cov(U_a, U_b) of the first group's weighted scores U = Σ w (d₁ − d r₁/n) under equal
    /// hazards: Σ w_a w_b d (n − d)/(n − 1) · (r₁/n)(1 − r₁/n), summed over strata. With
    /// a = b it is V₁₁ of ``statistics(weights:reportedWeights:)``.
    /// - Complexity: O(D).
    public func firstGroupCovariance(_ a: [Double], _ b: [Double]) -> Double {
        precondition(a.count == eventTimeCount && b.count == eventTimeCount)
        let k = groupCount
        var c = 0.0
        for i in 0..<eventTimeCount {
            let n = atRisk[i], d = deaths[i]
            guard n > 1 else { continue }
            let r = riskByGroup[i * k] / n
            c += a[i] * b[i] * d * (n - d) / (n - 1) * r * (1 - r)
        }
        return c
    }
}
