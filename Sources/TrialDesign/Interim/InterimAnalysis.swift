import GSLSupport

/// The analysis of a group-sequential survival trial at a look: where the data stand against
/// boundaries recomputed at the information actually observed, the decision, the conditional
/// power of going on, and the repeated confidence interval of the hazard ratio.
///
/// - Information fraction t_s = D_s / D_max (observed events over the planned maximum).
/// - Boundaries: the spending function is evaluated at the observed fractions of this and the
///   earlier looks (t_1 … t_s), and the design's later looks keep their planned fractions (those
///   above t_s; a planned look already passed is dropped). The design with these information
///   rates (rpact's `getDesignGroupSequential(informationRates = …)`) gives the critical value and
///   the non-binding futility bound of this look; the earlier looks' critical values are the ones
///   they had when they happened, since an alpha-spending bound depends only on the looks up to
///   it. A final look (the design's last, or t_s = 1) spends all the remaining alpha, also when it
///   has fewer events than planned.
/// - Decision: Z ≥ c_s stops for efficacy; two-sided, Z ≤ −c_s stops for harm; one-sided with
///   futility bounds, Z ≤ u_s may stop for futility; otherwise continue (at the final look: H0
///   not rejected).
/// - Conditional power: rpact's `getConditionalPower(getStageResults(design, dataset), nPlanned,
///   thetaH1, allocationRatioPlanned)` for that design (``ConditionalPower``), with the planned
///   events of the later looks t_j·D_max, under the design's hazard ratio and under the observed
///   one (rpact's default `thetaH1`).
/// - Repeated confidence interval: ``RepeatedConfidenceInterval`` at this look's critical value.
public enum InterimAnalysis {
    /// - Parameters:
    ///   - plan: the design, its maximum events, effect and allocation.
    ///   - observation: this look's events, Z and allocation.
    ///   - previous: the looks already done, in order (events increasing, below this look's).
    /// - Throws: ``GroupSequentialError`` — ``GroupSequentialError/invalidParameter(_:)`` for
    ///   input that does not fit the design (more looks than planned, a fraction above 1 or not
    ///   after the previous looks).
    /// - Complexity: the boundaries of the recomputed design, O(K·m²) per root-finding step, and
    ///   the conditional power, O(K·m²).
    public static func analyse(plan: InterimPlan, observation: InterimObservation, previous: [PreviousLook] = [],
                               gridSize: Int = GroupSequentialDesign.defaultGridSize) throws(GroupSequentialError)
        -> InterimResult
    {
        let design = plan.design
        // The recomputation below spends `design.spending`; designs by user spending values,
        // classical boundaries or binding futility (issue 12) are refused rather than analysed
        // with the wrong boundaries until the interim side handles them.
        guard case .spending = design.efficacy, !design.bindingFutility else {
            throw .invalidParameter("interim analyses support alpha-spending designs with non-binding futility only: the design uses \(design.efficacy)\(design.bindingFutility ? " with binding futility" : "")")
        }
        let K = design.looks
        let s = previous.count + 1
        guard s <= K else {
            throw .invalidParameter("the design has \(K) look\(K == 1 ? "" : "s") and \(previous.count) were done already: no look is left")
        }
        let dMax = Double(plan.maximumEvents)
        let d = Double(observation.events)
        let t = d / dMax
        guard t <= 1 else {
            throw .invalidParameter("\(observation.events) events are more than the planned maximum \(plan.maximumEvents): information fraction \(t) > 1")
        }
        if let last = previous.last, !(d > last.events) {
            throw .invalidParameter("this look's \(observation.events) events are not after the previous look's \(Int(last.events)): information must grow from look to look")
        }
        let observedRates = previous.map { $0.events / dMax } + [t]
        let isFinal = s == K || t == 1
        let remaining = isFinal ? [] : design.informationRates.values[s...].filter { $0 > t }
        let rates = observedRates + remaining

        // Boundaries at the observed information.
        let critical: [Double]
        var futility: [Double]? = nil
        if isFinal {
            var cumulative = observedRates.dropLast().map { design.spending.spent(design.alpha, at: $0, sides: design.sides) }
            cumulative.append(design.alpha)
            critical = try EfficacyBoundaries.criticalValues(
                informationRates: observedRates, cumulativeAlpha: cumulative, sides: design.sides, gridSize: gridSize)
        } else {
            let recomputed = try GroupSequentialDesign(
                informationRates: InformationRates(rates), alpha: design.alpha, sides: design.sides,
                spending: design.spending, futilitySpending: design.futilitySpending, power: design.power)
            let boundaries = try recomputed.boundaries(gridSize: gridSize)
            critical = boundaries.criticalValues
            futility = boundaries.futilityBounds
        }
        let c = critical[s - 1]
        let u = futility.map { $0[s - 1] }

        let z = observation.z
        let decision: InterimDecision
        if z >= c {
            decision = .efficacy
        } else if design.sides == 2, z <= -c {
            decision = .harm
        } else if isFinal {
            decision = .finalNotRejected
        } else if let u, z <= u {
            decision = .futility
        } else {
            decision = .continueTrial
        }

        let looks = try LogRankLooks(
            events: previous.map(\.events) + [d], z: previous.map(\.z) + [z],
            allocationRatios: Array(repeating: observation.allocationRatio, count: s))
        let observedHazardRatio = looks.hazardRatio(at: s - 1, direction: plan.direction)
        let interval = try RepeatedConfidenceInterval.hazardRatio(
            observed: looks, criticalValues: critical, direction: plan.direction)[s - 1]

        var future: [InterimResult.FutureLook] = []
        if !isFinal {
            let planned = rates.indices.dropFirst(s).map { j in (rates[j] - rates[j - 1]) * dMax }
            func power(_ hazardRatio: Double) throws(GroupSequentialError) -> [Double] {
                try ConditionalPower.survival(
                    informationRates: rates, criticalValues: critical, futilityBounds: futility, sides: design.sides,
                    observed: looks, plannedEvents: planned, allocationRatio: plan.allocationRatio,
                    hazardRatio: hazardRatio, direction: plan.direction, gridSize: gridSize)
            }
            let underDesign = try power(plan.hazardRatio)
            let underObserved = try power(observedHazardRatio)
            for j in s..<rates.count {
                future.append(InterimResult.FutureLook(
                    look: j + 1, informationRate: rates[j], events: rates[j] * dMax, criticalValue: critical[j],
                    futilityBound: futility.flatMap { j < $0.count ? $0[j] : nil },
                    conditionalPowerDesign: underDesign[j - s], conditionalPowerObserved: underObserved[j - s]))
            }
        }

        return InterimResult(
            plan: plan, look: s, previous: previous, observation: observation, informationFraction: t,
            informationRates: rates, criticalValues: critical, futilityBound: u, isFinal: isFinal, decision: decision,
            observedHazardRatio: observedHazardRatio, standardError: looks.standardError(at: s - 1),
            repeatedInterval: interval, futureLooks: future)
    }
}

/// The outcome of ``InterimAnalysis/analyse(plan:observation:previous:gridSize:)``.
public struct InterimResult: Sendable, Equatable {
    /// A look after this one, with its planned events and boundaries and the probability of
    /// rejecting H0 by then (cumulative conditional power).
    public struct FutureLook: Sendable, Equatable {
        /// 1-based look number.
        public let look: Int
        /// Planned cumulative information rate t_j.
        public let informationRate: Double
        /// Planned cumulative events, t_j·D_max.
        public let events: Double
        /// Efficacy critical value on the Z scale at that look.
        public let criticalValue: Double
        /// Non-binding futility bound; nil without futility spending.
        public let futilityBound: Double?
        /// Under the design's hazard ratio.
        public let conditionalPowerDesign: Double
        /// Under the hazard ratio observed at this look.
        public let conditionalPowerObserved: Double
    }

    /// The design and planned events the analysis follows.
    public let plan: InterimPlan
    /// This look's number (1-based): the previous looks plus one.
    public let look: Int
    /// Looks already done, in order.
    public let previous: [PreviousLook]
    /// The data at the current look.
    public let observation: InterimObservation
    /// D_s / D_max.
    public let informationFraction: Double
    /// The information rates of the recomputed design: observed so far, then the later planned looks.
    public let informationRates: [Double]
    /// Critical values of every look of the recomputed design (earlier looks as they were).
    public let criticalValues: [Double]
    /// This look's non-binding futility bound (nil at the final look and without futility spending).
    public let futilityBound: Double?
    /// Whether this is the final analysis (no look is left).
    public let isFinal: Bool
    /// Reject H0, stop for futility, or continue.
    public let decision: InterimDecision
    /// The hazard ratio the log-rank Z implies, exp(∓Z·(1 + r)/√(r·D)) (rpact's `effectSizes`).
    public let observedHazardRatio: Double
    /// (1 + r)/√(r·D), the standard error of its logarithm.
    public let standardError: Double
    /// The repeated confidence interval of the hazard ratio at this look.
    public let repeatedInterval: HazardRatioInterval?
    /// The looks still to come (empty at the final look).
    public let futureLooks: [FutureLook]

    /// The group-sequential design.
    public var design: GroupSequentialDesign { plan.design }
    /// This look's critical value c_s.
    public var criticalValue: Double { criticalValues[look - 1] }
    /// The nominal one-sided level 1 − Φ(c_s).
    public var stageLevel: Double { Normal.upperTail(criticalValue) }
    /// The one-sided p-value of Z, 1 − Φ(Z) (nominal: not adjusted for the looks).
    public var nominalPValue: Double { Normal.upperTail(observation.z) }
    /// The efficacy bound on the hazard-ratio scale: the hazard ratio at which Z would equal c_s
    /// (rpact's `criticalValuesEffectScale`).
    public var criticalHazardRatio: Double { plan.direction.hazardRatio(effect: criticalValue * standardError) }
    /// Coverage of the repeated confidence interval: 1 − α two-sided, 1 − 2α one-sided.
    public var repeatedIntervalLevel: Double { design.sides == 2 ? 1 - design.alpha : 1 - 2 * design.alpha }
    /// Conditional power of rejecting H0 by the final look, under the design's and the observed
    /// hazard ratio (nil at the final look).
    public var conditionalPowerDesign: Double? { futureLooks.last?.conditionalPowerDesign }
    /// Conditional power to the final look under the observed effect (rpact's `getConditionalPower` at the estimated hazard ratio).
    public var conditionalPowerObserved: Double? { futureLooks.last?.conditionalPowerObserved }
}
