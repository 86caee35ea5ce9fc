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
/// - Binding futility bounds (given or by beta spending) enter the boundaries, the decision
///   (Z ≤ u_s stops), the stage-wise ordering, the conditional rejection probability and the
///   repeated p-values (`InterimAnalysis+BindingFutility.swift`), as rpact's `bindingFutility = TRUE`.
/// - A look at or past a later planned look: a classical design is recomputed at the observed
///   rates; user spending is interpolated linearly between the planned fractions (gsDesign's
///   `sfLinear`); given futility bounds have no value there and are refused.
public enum InterimAnalysis {
    /// - Parameters:
    ///   - plan: the design, its maximum events, effect and allocation.
    ///   - observation: this look's events, Z and allocation.
    ///   - previous: the looks already done, in order (events increasing, below this look's).
    ///   - priorEvents: nil for the flat prior of the predictive power; otherwise a design prior
    ///     centred at the design's hazard ratio with the information of this many events.
    ///   - gridSize: Jennison & Turnbull's grid parameter r of the numerical integration
    ///     (about 12·r points per look; larger is slower and more accurate).
    /// - Throws: ``GroupSequentialError`` — ``GroupSequentialError/invalidParameter(_:)`` for
    ///   input that does not fit the design (more looks than planned, a fraction above 1 or not
    ///   after the previous looks).
    /// - Complexity: the boundaries of the recomputed design, O(K·m²) per root-finding step, and
    ///   the conditional power, O(K·m²).
    public static func analyse(plan: InterimPlan, observation: InterimObservation, previous: [PreviousLook] = [],
                               priorEvents: Double? = nil,
                               gridSize: Int = GroupSequentialDesign.defaultGridSize) throws(GroupSequentialError)
        -> InterimResult
    {
        if let priorEvents, !(priorEvents.isFinite && priorEvents > 0) {
            throw .invalidParameter("the design prior's weight must be a positive number of events, got \(priorEvents)")
        }
        let design = plan.design
        let binding = design.bindingFutility
        let K = design.looks
        let s = previous.count + 1
        guard s <= K else {
            throw .invalidParameter("the design has \(K) look\(K == 1 ? "" : "s"), so at most \(K - 1) previous look\(K == 2 ? "" : "s") can come before this one, but \(previous.count) were given: list only the looks done before this one")
        }
        let dMax = Double(plan.maximumEvents)
        let d = Double(observation.events)
        let t = d / dMax
        if let last = previous.last, !(d > last.events) {
            throw .invalidParameter("this look's \(observation.events) events are not more than the previous look's \(last.events.roundTripText): give the looks in the order they happened, each with more events than the one before")
        }
        // A look with all the planned events is the final one: none can follow it (rpact's
        // getObservedInformationRates ends the design at the first rate reaching 1).
        if let k = previous.firstIndex(where: { $0.events >= dMax }) {
            throw .invalidParameter("previous look \(k + 1) had \(previous[k].events.roundTripText) events, at or above the planned maximum \(plan.maximumEvents): it was the final analysis and no look can follow it")
        }
        let observedRates = previous.map { $0.events / dMax } + [t]
        let planned = design.informationRates.values
        let classical = design.efficacy.boundaryType != nil
        // A look at or past the next planned look's information (look k's fraction at least
        // t_{k+1}): the looks no longer line up with the plan by number.
        func passes(_ k: Int) -> Bool { k + 1 < K && observedRates[k] >= planned[k + 1] }
        let passing = observedRates.indices.contains(where: passes)
        // Classical boundaries are analysed by look at the planned rates, as rpact does (it warns
        // that maxInformation is ignored for them) — unless a look passed a planned one: then
        // the classical design is recomputed at the observed rates (rpact's
        // getDesignGroupSequential(typeOfDesign = type, informationRates = observed, then the
        // planned ones above them)).
        let reshapedClassical = classical && passing
        // Over-running (t > 1) at any look makes it the final one, as rpact's
        // getAnalysisResults(maxInformation =) does; so does the design's last look. Classical
        // boundaries keep their planned looks: only the last is final (unless reshaped).
        let isFinal = s == K || ((!classical || reshapedClassical) && t >= 1)
        let remaining = isFinal ? [] : planned[s...].filter { $0 > t }
        // Given futility bounds have a value per planned look only; a final look uses none of
        // its own, so only an earlier look, or an interim, past a planned look is refused.
        if design.userFutilityBounds != nil,
           let k = observedRates.indices.first(where: { passes($0) && ($0 < s - 1 || !isFinal) }) {
            throw .invalidParameter("look \(k + 1)'s \((observedRates[k] * dMax).rounded().roundTripText) events reach look \(k + 2)'s planned \((planned[k + 1] * dMax).roundTripText), but the design's futility bounds are given per planned look and have no value at other information: analyse it as the later look (add the skipped look to the previous looks only if it happened), or use futility (beta) spending")
        }
        let rates = classical && !reshapedClassical ? planned : observedRates + remaining
        // The classical design the looks are analysed with: at a final look its rates are D_k/D_s.
        let classicalRates = !reshapedClassical ? planned : isFinal ? observedRates.map { $0 / t } : rates
        // User spending past a planned look: the cumulative alpha of a look that passed is the
        // user's values interpolated linearly between the planned fractions ((0, 0), (t_k, a_k),
        // …, (1, α)), as gsDesign's piecewise-linear spending function sfLinear; a look that did
        // not pass keeps the user's value of its number (as rpact's asUser by look), and the later
        // planned looks keep theirs.
        // The user's cumulative alpha of earlier look k as it was analysed: interpolated if it
        // passed a planned look, the user's value of its number otherwise (used again at the final).
        func userSpent(_ values: [Double], look k: Int) -> Double {
            guard passes(k) else { return values[k] }
            let x = observedRates[k]
            guard x < 1 else { return design.alpha }
            let knots = [0] + planned, levels = [0] + values
            let j = knots.firstIndex { $0 >= x }!
            let w = (x - knots[j - 1]) / (knots[j] - knots[j - 1])
            return levels[j - 1] + w * (levels[j] - levels[j - 1])
        }
        var userCumulative: [Double]? = nil
        if case .userSpending(let values) = design.efficacy, !isFinal {
            if passing || rates.count != K {
                userCumulative = observedRates.indices.map { k in userSpent(values, look: k) }
                    + planned.indices.filter { planned[$0] > t && $0 >= s }.map { values[$0] }
            } else {
                userCumulative = values
            }
        }

        // Boundaries at the observed information.
        let critical: [Double]
        var futility: [Double]? = nil
        // Binding futility bounds u_1 … of the looks so far (and, before the final look, of the
        // later ones): they shape the efficacy bounds, the stage-wise ordering, the conditional
        // rejection probability and the repeated p-values. Empty for non-binding or no futility.
        var bindingBounds: [Double] = []
        if classical {
            let analysed = !reshapedClassical ? design : try GroupSequentialDesign(
                informationRates: InformationRates(classicalRates), alpha: design.alpha, sides: design.sides,
                power: design.power, efficacy: design.efficacy, bindingFutility: binding,
                futilityBounds: design.userFutilityBounds)
            let boundaries = try analysed.boundaries(gridSize: gridSize)
            critical = boundaries.criticalValues
            futility = isFinal ? nil : boundaries.futilityBounds
            if binding { bindingBounds = boundaries.futilityBounds ?? [] }
        } else if isFinal {
            // rpact's getAnalysisResults(maxInformation =, informationEpsilon =) at an over- or
            // under-running final look: the alpha actually spent at the earlier looks (at their
            // fractions of the planned maximum), then all of alpha, as user spending at the
            // observed rates D_k/D_s (only their ratios matter).
            // User spending: the user's value of each earlier look's index (rpact's designBefore$alphaSpent),
            // or, for a look that passed a planned one, the interpolated value it was analysed with.
            var cumulative = observedRates.dropLast().indices.map { k in
                design.efficacy.spendingValues.map { userSpent($0, look: k) }
                    ?? design.spending.spent(design.alpha, at: observedRates[k], sides: design.sides)
            }
            cumulative.append(design.alpha)
            if binding {
                bindingBounds = try InterimAnalysis.bindingBoundsBefore(
                    design: design, observedRates: observedRates, gridSize: gridSize)
            }
            critical = try EfficacyBoundaries.criticalValues(
                informationRates: observedRates.map { $0 / t }, cumulativeAlpha: cumulative, sides: design.sides,
                binding: bindingBounds, gridSize: gridSize)
        } else {
            // rpact's getDesignGroupSequential(informationRates = observed then planned): the same
            // spending function, or the user's values by look (asUser).
            let recomputed = try GroupSequentialDesign(
                informationRates: InformationRates(rates), alpha: design.alpha, sides: design.sides,
                spending: design.spending, futilitySpending: design.futilitySpending, power: design.power,
                efficacy: userCumulative.map { .userSpending($0) } ?? design.efficacy, bindingFutility: binding,
                futilityBounds: design.userFutilityBounds)
            let boundaries = try recomputed.boundaries(gridSize: gridSize)
            critical = boundaries.criticalValues
            futility = boundaries.futilityBounds
            if binding { bindingBounds = boundaries.futilityBounds ?? [] }
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

        // The events each later look adds: from this look's observed events to the next planned
        // look, then between planned looks (for classical designs rates[s − 1] is the planned
        // fraction, not the observed one).
        let plannedIncrements = rates.indices.dropFirst(s).map { j in (j == s ? rates[j] * dMax - d : (rates[j] - rates[j - 1]) * dMax) }
        var future: [InterimResult.FutureLook] = []
        if !isFinal {
            let planned = plannedIncrements
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

        // A bound crossed at an earlier look: the trial could have stopped there, and the
        // stage-wise ordering puts the final inference at that look (rpact's .getStageGroupSeq).
        // A binding futility bound crossed earlier stopped the trial there too (rpact's
        // .getStageGroupSeq with bindingFutility = TRUE).
        var previousCrossing: InterimResult.Crossing? = nil
        for (k, look) in previous.enumerated() {
            if look.z >= critical[k] {
                previousCrossing = .init(look: k + 1, z: look.z, criticalValue: critical[k], decision: .efficacy)
            } else if design.sides == 2, look.z <= -critical[k] {
                previousCrossing = .init(look: k + 1, z: look.z, criticalValue: critical[k], decision: .harm)
            } else if k < bindingBounds.count, look.z <= bindingBounds[k] {
                previousCrossing = .init(look: k + 1, z: look.z, criticalValue: bindingBounds[k], decision: .futility)
            }
            if previousCrossing != nil { break }
        }
        let stopped = decision == .efficacy || decision == .harm || decision == .finalNotRejected
            || (binding && decision == .futility)
        let stopLook = previousCrossing?.look ?? (stopped ? s : nil)
        let inference = try stopLook.map { f throws(GroupSequentialError) in
            try StageWiseOrdering.inference(
                informationRates: rates, criticalValues: critical, observed: looks, stopLook: f, alpha: design.alpha,
                sides: design.sides, direction: plan.direction, bindingFutility: bindingBounds, gridSize: gridSize)
        }
        let repeatedP: [Double]
        switch design.efficacy {
        case .spending(let f) where binding && design.futilitySpending != nil:
            repeatedP = try InterimAnalysis.bindingBetaSpendingRepeatedPValues(
                design: design, rates: rates, observedRates: observedRates, z: looks.z, isFinal: isFinal,
                spending: f, gridSize: gridSize)
        case .spending(let f):
            repeatedP = try RepeatedPValues.values(
                informationRates: observedRates, z: looks.z, lastIsFinal: isFinal, spending: f,
                sides: design.sides, bindingFutility: design.userFutilityBounds.map { _ in bindingBounds } ?? [],
                gridSize: gridSize)
        case .classical(let type, let delta):
            // rpact: the classical design at level ℓ over the planned looks (or the reshaped ones), c_k(ℓ) = Z_k.
            repeatedP = try RepeatedPValues.values(z: looks.z, sides: design.sides) { k, level throws(GroupSequentialError) in
                if type == .haybittlePeto {
                    // The interim bound is 3 at any level; the final one exists only for levels
                    // above what the interim 3s spend (rpact searches from there): below, no Z rejects.
                    if k < classicalRates.count - 1 { return EfficacyRule.haybittlePetoInterim }
                    do throws(GroupSequentialError) {
                        return try ClassicalBoundaries.criticalValues(informationRates: classicalRates, type: type, delta: delta,
                                                                      alpha: level, sides: design.sides, gridSize: gridSize)[k]
                    } catch {
                        if case .invalidParameter = error { return 40 }
                        throw error
                    }
                }
                return try ClassicalBoundaries.criticalValues(informationRates: classicalRates, type: type, delta: delta, alpha: level,
                                                              sides: design.sides, binding: bindingBounds, gridSize: gridSize)[k]
            }
        case .userSpending(let values):
            // rpact 3.3.4 gives none for asUser designs; survkit scales the user's cumulative
            // alpha to the level, ℓ·a_k/α (the same shape), all of ℓ at a final look.
            repeatedP = try RepeatedPValues.values(z: looks.z, sides: design.sides) { k, level throws(GroupSequentialError) in
                let scaled = userCumulative ?? values
                var cumulative = (0...k).map { j in level * scaled[min(j, scaled.count - 1)] / design.alpha }
                if isFinal && k == s - 1 { cumulative[k] = level }
                do throws(GroupSequentialError) {
                    return try EfficacyBoundaries.criticalValues(
                        informationRates: Array(observedRates[0...k]), cumulativeAlpha: cumulative, sides: design.sides,
                        binding: bindingBounds.isEmpty ? [] : Array(bindingBounds.prefix(k)), gridSize: gridSize)[k]
                } catch {
                    if !bindingBounds.isEmpty { return -40 }
                    throw error
                }
            }
        }
        // No conditional rejection probability at a look that stops: there is no rest of the trial
        // to condition on (rpact integrates over an empty, reversed continuation region there).
        // A binding futility bound reached at this or an earlier look ends the trial without
        // rejection: probability 0, as rpact sets it.
        let futilityStop = looks.z.indices.contains { k in k < bindingBounds.count && looks.z[k] <= bindingBounds[k] }
        let crp = isFinal || decision == .efficacy || decision == .harm ? nil
            : futilityStop ? 0 : ConditionalRejectionProbability.value(
                informationRates: rates, criticalValues: critical, look: s, z: z, sides: design.sides,
                bindingFutility: binding ? bindingBounds : nil, gridSize: gridSize)
        var predictive: Double? = nil
        if !isFinal {
            let planned = plannedIncrements
            func power(_ effect: Double) throws(GroupSequentialError) -> Double {
                try ConditionalPower.survival(
                    informationRates: rates, criticalValues: critical, futilityBounds: futility, sides: design.sides,
                    observed: looks, plannedEvents: planned, allocationRatio: plan.allocationRatio,
                    hazardRatio: plan.direction.hazardRatio(effect: effect), direction: plan.direction,
                    gridSize: gridSize).last!
            }
            let estimate = looks.effectEstimate(at: s - 1), se = looks.standardError(at: s - 1)
            if let priorEvents {
                // The design prior: the design's effect, worth priorEvents events at the planned allocation.
                let r = plan.allocationRatio
                predictive = try PredictivePower.normalPrior(
                    estimate: estimate, standardError: se,
                    priorMean: plan.direction.effect(hazardRatio: plan.hazardRatio),
                    priorStandardError: (1 + r) / (r * priorEvents).squareRoot(), conditionalPower: power)
            } else {
                predictive = try PredictivePower.flatPrior(estimate: estimate, standardError: se, conditionalPower: power)
            }
        }

        return InterimResult(
            plan: plan, look: s, previous: previous, observation: observation, informationFraction: t,
            informationRates: rates, criticalValues: critical, futilityBound: u, isFinal: isFinal, decision: decision,
            observedHazardRatio: observedHazardRatio, standardError: looks.standardError(at: s - 1),
            repeatedInterval: interval, futureLooks: future, previousCrossing: previousCrossing,
            finalInference: inference, repeatedPValues: repeatedP, conditionalRejectionProbability: crp,
            predictivePower: predictive, predictivePriorEvents: priorEvents)
    }
}

/// The outcome of ``InterimAnalysis/analyse(plan:observation:previous:priorEvents:gridSize:)``.
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
    /// The first earlier look whose Z already crossed the efficacy (or, two-sided, the harm)
    /// bound; nil when none did.
    public let previousCrossing: Crossing?
    /// The stage-wise-ordering inference (``StageWiseOrdering``) at the look the trial stops:
    /// an earlier crossing, this look when it stops, or the final look; nil while it continues.
    public let finalInference: FinalInference?
    /// The repeated p-value of each look so far (``RepeatedPValues``).
    public let repeatedPValues: [Double]
    /// The conditional rejection probability at this look (``ConditionalRejectionProbability``);
    /// nil at the final look and at a look that crosses an efficacy or harm bound.
    public let conditionalRejectionProbability: Double?
    /// The predictive power (``PredictivePower``) of rejecting by the final look; nil at the
    /// final look.
    public let predictivePower: Double?
    /// The weight in events of the design prior of the predictive power; nil for a flat prior.
    public let predictivePriorEvents: Double?

    /// An earlier look at which a bound was crossed.
    public struct Crossing: Sendable, Equatable {
        /// 1-based look number.
        public let look: Int
        /// The Z at that look.
        public let z: Double
        /// The critical value it reached (−it for harm).
        public let criticalValue: Double
        /// ``InterimDecision/efficacy`` or ``InterimDecision/harm``.
        public let decision: InterimDecision
    }

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
