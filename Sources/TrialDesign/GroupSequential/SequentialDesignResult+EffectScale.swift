import PlatformSupport

extension SequentialDesignResult {
    /// Each look's efficacy bound on the hazard-ratio scale at its planned events D_k: the
    /// hazard ratio at which the log-rank Z would equal c_k, exp(∓c_k·(1 + r)/√(r·D_k)) for
    /// allocation r (rpact's `criticalValuesEffectScale`; the same formula as
    /// ``InterimResult/criticalHazardRatio`` at an observed look).
    /// - Complexity: O(K).
    public var criticalHazardRatios: [Double] {
        let r = maximum.request.assumptions.allocation.ratio
        let direction: HazardRatioDirection = maximum.hazardRatio < 1 ? .belowOne : .aboveOne
        return looks.map { look in
            direction.hazardRatio(effect: look.criticalValue * (1 + r) / (r * look.events).squareRoot())
        }
    }

    /// Each look's futility bound on the hazard-ratio scale at its planned events (rpact's
    /// `futilityBoundsEffectScale`); nil at the last look and without futility bounds.
    /// - Complexity: O(K).
    public var futilityHazardRatios: [Double?] {
        let r = maximum.request.assumptions.allocation.ratio
        let direction: HazardRatioDirection = maximum.hazardRatio < 1 ? .belowOne : .aboveOne
        return looks.map { look in
            look.futilityBound.map { direction.hazardRatio(effect: $0 * (1 + r) / (r * look.events).squareRoot()) }
        }
    }
}
