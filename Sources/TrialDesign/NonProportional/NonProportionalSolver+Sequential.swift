import PlatformSupport

extension NonProportionalSolver {
    /// The (continuous) evaluable patients whose group-sequential power reaches the target,
    /// counting rejections in the efficacy direction only (rpact's `getSampleSizeSurvival` and
    /// gsDesign2's `gs_design_npe` size on the upper boundary): bisection on N, the power
    /// P(∪_k Z_k ≥ c_k) of ``NonProportionalSequentialPlan`` increasing with the drifts.
    ///
    /// With a closed accrual and a calendar analysis the look times, information fractions and
    /// boundaries do not depend on N (the expected events are N times a function of time), so
    /// they are computed once and only the drifts per N; with an open accrual its end moves with
    /// N and the plan is rebuilt at every step.
    /// - Complexity: O(bisection steps × (K integrals + K·m²)), more with an open accrual.
    static func patientsReachingSequentialPower(request r: NonProportionalRequest) throws(DesignError) -> Double {
        let fixedTimes = !r.accrual.isOpenEnded
        var reference: NonProportionalSequentialPlan? = nil
        func power(_ n: Double) throws(DesignError) -> Double {
            let plan: NonProportionalSequentialPlan
            if fixedTimes, let reference {
                plan = reference
            } else {
                let design = design(r, patients: n)
                plan = try NonProportionalSequentialPlan(r, patients: n, analysisTime: try analysisTime(r, design: design, patients: n))
                if fixedTimes { reference = plan }
            }
            return plan.crossing(plan.statistics(r, patients: n), sides: r.sides).upper.reduce(0, +)
        }
        return try smallestPatients(reaching: r.power, by: power, orElse: "the arms' hazards barely differ by the looks")
    }

    /// The looks of `plan` for `patients`: time, events, AHR, information, drift, boundaries and
    /// the probabilities of rejecting H0 there (either boundary when two-sided, as rpact's
    /// `getPowerSurvival` counts `rejectPerStage`) and by then, and of stopping for futility.
    static func sequentialLooks(_ r: NonProportionalRequest, plan: NonProportionalSequentialPlan,
                                design: NonProportionalDesign, patients: Double) -> [NonProportionalLook] {
        let statistics = plan.statistics(r, patients: patients)
        let crossing = plan.crossing(statistics, sides: r.sides)
        let orientation = statistics[statistics.count - 1].drift < 0 ? -1.0 : 1.0
        var cumulative = 0.0
        return plan.times.indices.map { k in
            let rejection = crossing.upper[k] + (r.sides == 2 ? crossing.lower[k] : 0)
            cumulative += rejection
            let events = design.expectedEvents(patients: patients, at: plan.times[k])
            let look = plan.boundaries.looks[k]
            return NonProportionalLook(
                informationRate: r.sequential!.informationRates.values[k], informationFraction: plan.informationFractions[k],
                information: statistics[k].information, drift: orientation * statistics[k].drift,
                criticalValue: look.criticalValue, cumulativeAlphaSpent: look.cumulativeAlphaSpent,
                rejectionProbability: rejection, cumulativePower: cumulative,
                futilityBound: look.futilityBound, futilityProbability: look.futilityBound.map { _ in crossing.lower[k] },
                time: plan.times[k],
                events: events.control + events.treatment, averageHazardRatio: design.averageHazardRatio(at: plan.times[k]))
        }
    }
}
