/// Conditional power of a group-sequential survival trial at an interim look, as rpact's
/// `getConditionalPower(getStageResults(design, dataset), nPlanned, thetaH1,
/// allocationRatioPlanned)` for a group-sequential design and survival data.
///
/// rpact's group-sequential test statistic at look j is the weighted inverse-normal sum
/// S_j/√t_j with S_j = Σ_{i≤j} wᵢ·zᵢ, stage-wise log-rank statistics zᵢ and planned weights
/// wᵢ = √(tᵢ − t_{i−1}) (it equals the cumulative log-rank Z when events arrive as planned).
/// Given the looks so far (stage s), a future stage's zᵢ ~ N(δ·√nᵢ, 1) where δ is the
/// efficacy-scale log hazard ratio and nᵢ = Dᵢ·r/(1 + r)² for Dᵢ planned stage events and
/// planned allocation r. So B_j = (S_j − S_s − m_j)/√V_j, with V_j = t_j − t_s and
/// m_j = δ·Σ_{i=s+1…j} wᵢ√nᵢ, behaves as a standard group-sequential statistic at information
/// rates V_j/V_K, and the trial rejects at look j when B_j ≥ (c_j√t_j − S_s − m_j)/√V_j.
/// Non-binding futility bounds u_j of the design stop the trial when
/// B_j ≤ (u_j√t_j − S_s − m_j)/√V_j; for a two-sided design the lower efficacy bound is
/// (−c_j√t_j − Z_s√t_s − m_j)/√V_j with the cumulative Z_s (as rpact writes it).
/// The conditional power is the cumulative probability of crossing the upper bound.
public enum ConditionalPower {
    /// The conditional power under a design's planned boundaries.
    /// - Parameters:
    ///   - boundaries: the design's boundaries (information rates, critical values, futility bounds).
    ///   - observed: the looks so far (1 ≤ s < K looks).
    ///   - plannedEvents: additional events at each remaining look (K − s stage-wise counts, rpact's `nPlanned`).
    ///   - allocationRatio: planned n_T/n_C for the remaining stages (rpact's `allocationRatioPlanned`).
    ///   - hazardRatio: the hazard ratio (treatment : control) assumed for the rest of the trial (rpact's `thetaH1`).
    ///   - direction: the side of 1 the alternative lies on.
    ///   - gridSize: Jennison & Turnbull's grid parameter r of the numerical integration
    ///     (about 12·r points per look; larger is slower and more accurate).
    /// - Returns: the conditional power of rejecting by each remaining look s+1 … K (cumulative).
    /// - Complexity: O((K − s)·m²).
    public static func survival(
        boundaries: GroupSequentialBoundaries, observed: LogRankLooks, plannedEvents: [Double],
        allocationRatio: Double = 1, hazardRatio: Double, direction: HazardRatioDirection,
        gridSize: Int = GroupSequentialDesign.defaultGridSize
    ) throws(GroupSequentialError) -> [Double] {
        try survival(informationRates: boundaries.informationRates, criticalValues: boundaries.criticalValues,
                     futilityBounds: boundaries.futilityBounds, sides: boundaries.design.sides,
                     observed: observed, plannedEvents: plannedEvents, allocationRatio: allocationRatio,
                     hazardRatio: hazardRatio, direction: direction, gridSize: gridSize)
    }

    /// The conditional power for explicit boundaries (e.g. critical values recomputed at the
    /// information actually observed).
    /// - Parameters:
    ///   - rates: t_1 … t_K of the design (the weights wᵢ).
    ///   - critical: c_1 … c_K.
    ///   - futility: u_1 … u_{K−1} of a one-sided design, or nil.
    ///   - sides: 1 or 2.
    ///   - observed: the looks so far (1 ≤ s < K looks).
    ///   - plannedEvents: additional events at each remaining look (K − s stage-wise counts, rpact's `nPlanned`).
    ///   - allocationRatio: planned n_T/n_C for the remaining stages (rpact's `allocationRatioPlanned`).
    ///   - hazardRatio: the hazard ratio (treatment : control) assumed for the rest of the trial (rpact's `thetaH1`).
    ///   - direction: the side of 1 the alternative lies on.
    ///   - gridSize: Jennison & Turnbull's grid parameter r of the numerical integration
    ///     (about 12·r points per look; larger is slower and more accurate).
    /// - Complexity: O((K − s)·m²).
    public static func survival(
        informationRates rates: [Double], criticalValues critical: [Double], futilityBounds futility: [Double]?,
        sides: Int, observed: LogRankLooks, plannedEvents: [Double], allocationRatio: Double = 1,
        hazardRatio: Double, direction: HazardRatioDirection,
        gridSize: Int = GroupSequentialDesign.defaultGridSize
    ) throws(GroupSequentialError) -> [Double] {
        let K = rates.count, s = observed.count
        guard critical.count == K, futility.map({ $0.count == K - 1 }) ?? true else {
            throw .invalidParameter("\(K) looks need \(K) critical values and \(K - 1) futility bounds")
        }
        guard s < K else {
            throw .invalidParameter("conditional power needs a look after the current one: \(s) of \(K) looks are done")
        }
        guard plannedEvents.count == K - s else {
            throw .invalidParameter("planned events are needed for each of the \(K - s) remaining looks, got \(plannedEvents.count)")
        }
        for (k, d) in plannedEvents.enumerated() where !(d.isFinite && d > 0) {
            throw .invalidParameter("planned events at look \(s + k + 1) must be positive, got \(d)")
        }
        guard allocationRatio.isFinite, allocationRatio > 0 else {
            throw .invalidParameter("the planned allocation ratio must be positive, got \(allocationRatio)")
        }
        guard hazardRatio.isFinite, hazardRatio > 0 else {
            throw .invalidParameter("the hazard ratio must be positive, got \(hazardRatio)")
        }

        let weights = rates.indices.map { k in (rates[k] - (k > 0 ? rates[k - 1] : 0)).squareRoot() }
        let stageZ = observed.stageZ
        var sum = 0.0
        for i in 0..<s { sum += weights[i] * stageZ[i] }
        let effect = direction.effect(hazardRatio: hazardRatio)
        let r = allocationRatio

        var futureRates: [Double] = [], lower: [Double] = [], upper: [Double] = []
        var mean = 0.0
        let total = rates[K - 1] - rates[s - 1]
        for j in s..<K {
            let n = plannedEvents[j - s] * r / ((1 + r) * (1 + r))
            mean += effect * weights[j] * n.squareRoot()
            let v = rates[j] - rates[s - 1]
            let root = v.squareRoot()
            futureRates.append(v / total)
            upper.append((critical[j] * rates[j].squareRoot() - sum - mean) / root)
            if sides == 2 {
                let overall = observed.z[s - 1] * rates[s - 1].squareRoot()
                lower.append((-critical[j] * rates[j].squareRoot() - overall - mean) / root)
            } else if let futility, j < K - 1 {
                lower.append((futility[j] * rates[j].squareRoot() - sum - mean) / root)
            } else {
                lower.append(-.infinity)
            }
        }
        let p = CrossingProbabilities(informationRates: futureRates, lower: lower, upper: upper,
                                      drift: 0, gridSize: gridSize)
        var cumulative = 0.0
        return p.upper.map { cumulative += $0; return cumulative }
    }
}
