import GSLSupport
import PlatformSupport

extension GroupSequentialBoundaries {
    /// The boundaries on the hazard-ratio scale for a survival trial with given maximum events.
    public struct HazardRatioScale: Sendable, Equatable {
        /// The events of each look, t_k × maximum events.
        public let events: [Double]
        /// The hazard ratio at which the log-rank Z equals the efficacy critical value c_k.
        public let critical: [Double]
        /// The hazard ratio at the futility bound u_k (nil at the last look and without futility bounds).
        public let futility: [Double?]
    }

    /// Each bound on the hazard-ratio scale at look k's events D_k = t_k·D: the hazard ratio whose
    /// Schoenfeld log-rank Z equals the bound, exp(∓z·(1 + r)/√(r·D_k)) for allocation r =
    /// treatment/control — rpact's `criticalValuesEffectScale` and `futilityBoundsEffectScale`
    /// of `getSampleSizeSurvival`/`getPowerSurvival` (the lower one of two-sided designs when
    /// benefit means a hazard ratio below 1).
    /// - Parameters:
    ///   - maximumEvents: the events of the final look.
    ///   - r: the allocation ratio treatment/control (rpact's `allocationRatioPlanned`).
    ///   - direction: whether benefit is a hazard ratio below one (the default) or above.
    /// - Complexity: O(K).
    public func hazardRatioScale(maximumEvents: Double, allocationRatio r: Double,
                                 direction: HazardRatioDirection = .belowOne) -> HazardRatioScale {
        let events = looks.map { $0.informationRate * maximumEvents }
        func ratio(_ z: Double, _ d: Double) -> Double { direction.hazardRatio(effect: z * (1 + r) / (r * d).squareRoot()) }
        return HazardRatioScale(
            events: events,
            critical: zip(looks, events).map { ratio($0.criticalValue, $1) },
            futility: zip(looks, events).map { look, d in look.futilityBound.map { ratio($0, d) } })
    }
}

extension GroupSequentialBoundaries.Look {
    /// The futility bound on the nominal one-sided p-value scale, 1 − Φ(u_k) (rpact's
    /// `futilityBoundsPValueScale`); nil without a futility bound.
    public var futilityLevel: Double? { futilityBound.map { Normal.upperTail($0) } }
}

extension SequentialDesignResult.Look {
    /// The futility bound on the nominal one-sided p-value scale, 1 − Φ(u_k) (rpact's
    /// `futilityBoundsPValueScale`); nil without a futility bound.
    public var futilityLevel: Double? { futilityBound.map { Normal.upperTail($0) } }
}
