import GSLSupport

/// Every look's efficacy bound on the nominal p-value and hazard-ratio scales, besides the Z
/// scale of ``InterimResult/criticalValues``.
extension InterimResult {
    /// The events at look `k` (1-based): as reported for an earlier look, observed at this one,
    /// planned (t_k·D_max) for a later one.
    public func events(atLook k: Int) -> Double {
        if k < look { return previous[k - 1].events }
        if k == look { return Double(observation.events) }
        return futureLooks.first { $0.look == k }?.events ?? .nan
    }

    /// The nominal one-sided p-value at look `k`'s efficacy bound, 1 − Φ(c_k) (rpact's `stageLevels`).
    /// - Complexity: O(1).
    public func criticalValueP(look k: Int) -> Double { Normal.upperTail(criticalValues[k - 1]) }

    /// Look `k`'s efficacy bound as a hazard ratio, exp(∓c_k·(1 + r)/√(r·D_k)): rpact's
    /// `criticalValuesEffectScale` with that look's events D_k (``events(atLook:)``) and the
    /// allocation r observed at this look, the one the repeated intervals use. At this look it is
    /// ``criticalHazardRatio``. Nil where c_k is infinite (nothing spent) or D_k unknown.
    /// - Complexity: O(K).
    public func hazardRatioBoundary(look k: Int) -> Double? {
        let c = criticalValues[k - 1], d = events(atLook: k), r = observation.allocationRatio
        guard c.isFinite, d.isFinite, d > 0 else { return nil }
        return plan.direction.hazardRatio(effect: c * (1 + r) / (r * d).squareRoot())
    }
}
