/// The looks of a group-sequential design under non-proportional hazards for a number of
/// patients: when each look happens, the method's information and drift there, and the
/// efficacy boundaries spent at the method's information fractions — the inputs of gsDesign2's
/// `gs_power_npe` as `gs_power_ahr` and `gs_power_wlr` build them.
///
/// Look k is at the calendar time t_k when the expected events reach r_k times those of the
/// final analysis (r_k the design's information rates, read as event fractions; the last look is
/// the analysis). The method's statistic there has information I_k and drift δ_k
/// (``NonProportionalDesign/lookStatistic(method:patients:at:weights:)``), and the joint law is
/// canonical: Z_k ~ N(δ_k, 1), corr(Z_j, Z_k) = √(I_j / I_k). For the AHR method I_k ∝ D_k, so
/// the fractions I_k / I_K are the r_k; for the at-risk log-rank they are close to them and for
/// a Fleming–Harrington weight they differ. Alpha is spent at I_k / I_K, as gsDesign2 spends it
/// on the information fraction. The drifts are oriented so that the final one is ≥ 0 (the
/// efficacy direction of the fixed design's |δ|); an earlier look may have a negative drift
/// when the hazards cross.
struct NonProportionalSequentialPlan: Sendable {
    /// The look times t_k; the last is the analysis.
    let times: [Double]
    /// I_k / I_K.
    let informationFractions: [Double]
    /// The efficacy boundaries at the information fractions.
    let boundaries: GroupSequentialBoundaries

    /// The plan for `patients` with the final analysis at `analysisTime`.
    /// - Throws: ``DesignError`` when the information does not grow from look to look (no events
    ///   yet at a look) or the boundaries cannot be computed.
    init(_ r: NonProportionalRequest, patients: Double, analysisTime: Double) throws(DesignError) {
        let design = NonProportionalSolver.design(r, patients: patients)
        let rates = r.sequential!.informationRates.values
        let final = design.expectedEvents(patients: patients, at: analysisTime)
        var times: [Double] = []
        for rate in rates.dropLast() {
            times.append(try NonProportionalSolver.timeOfEvents(rate * (final.control + final.treatment), design: design,
                                                                patients: patients, upTo: analysisTime))
        }
        times.append(analysisTime)
        let information = times.map { design.lookStatistic(method: r.method, patients: patients, at: $0, weights: r.weights).information }
        var fractions = information.map { $0 / information[information.count - 1] }
        fractions[fractions.count - 1] = 1
        for k in fractions.indices where !(fractions[k] > (k == 0 ? 0 : fractions[k - 1])) {
            throw .unsolvable("the \(r.method.rawValue) information does not grow from look \(k) to look \(k + 1) (at times \(times.map(\.roundTripText).joined(separator: ", "))): the looks are too close or too early")
        }
        let g = r.sequential!
        do {
            let atFractions = try GroupSequentialDesign(
                informationRates: InformationRates(fractions), alpha: g.alpha, sides: g.sides, spending: g.spending,
                futilitySpending: g.futilitySpending, power: g.power, efficacy: g.efficacy,
                bindingFutility: g.bindingFutility, futilityBounds: g.userFutilityBounds)
            boundaries = try atFractions.boundaries()
        } catch {
            throw DesignError(error)
        }
        self.times = times
        self.informationFractions = fractions
    }

    /// The method's statistic at each look for `patients` (the plan's times kept).
    func statistics(_ r: NonProportionalRequest, patients: Double) -> [LookStatistic] {
        let design = NonProportionalSolver.design(r, patients: patients)
        return times.map { design.lookStatistic(method: r.method, patients: patients, at: $0, weights: r.weights) }
    }

    /// The probabilities of crossing each look's boundaries with the drifts of `statistics`,
    /// oriented so the last is ≥ 0: the upper one at c_k and the lower one — −c_k two-sided, the
    /// futility bound u_k one-sided (a stop without rejection, binding or not, as rpact's
    /// `getPowerSurvival` counts it), none otherwise.
    /// - Complexity: O(K·m²), m ≈ 380 grid points.
    func crossing(_ statistics: [LookStatistic], sides: Int) -> CrossingProbabilities {
        let orientation = statistics[statistics.count - 1].drift < 0 ? -1.0 : 1.0
        let critical = boundaries.criticalValues
        let lower = sides == 2 ? critical.map { -$0 }
            : (boundaries.futilityBounds.map { $0 + [-.infinity] } ?? Array(repeating: -.infinity, count: critical.count))
        return CrossingProbabilities(informationRates: informationFractions, lower: lower, upper: critical,
                                     means: statistics.map { orientation * $0.drift })
    }
}
