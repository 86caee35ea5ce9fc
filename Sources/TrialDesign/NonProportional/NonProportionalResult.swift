/// One look of a group-sequential design under non-proportional hazards: the calendar time at
/// which the expected events reach the look's share of the maximum, and what is expected then.
public struct NonProportionalLook: Sendable, Equatable {
    /// The look's information rate (share of the maximum events).
    public let informationRate: Double
    /// The efficacy critical value (z scale) of the look.
    public let criticalValue: Double
    /// Calendar time of the look.
    public let time: Double
    /// Expected events of both arms at the look.
    public let events: Double
    /// The average hazard ratio at the look.
    public let averageHazardRatio: Double
}

/// A design under non-proportional hazards, solved: patients, the analysis, the expected
/// events per arm, the average hazard ratio and the power by both approximations.
public struct NonProportionalResult: Sendable {
    /// The question answered.
    public let request: NonProportionalRequest
    /// Evaluable patients per arm (whole patients; solved for, or those given after dropout inflation).
    public let patientsPerArm: PatientsPerArm
    /// The evaluable patients that reach the target power exactly, before rounding up per arm
    /// (rpact's `maxNumberOfSubjects`); nil when power was solved for.
    public let patientsExact: Double?
    /// Patients to enrol: the evaluable ones inflated by the dropout fraction.
    public let patientsTotal: Int
    /// When accrual ends.
    public let accrualEnd: Double
    /// Calendar time of the (final) analysis.
    public let analysisTime: Double
    /// Expected events of the control arm at the analysis.
    public let eventsControl: Double
    /// Expected events of the treatment arm at the analysis.
    public let eventsTreatment: Double
    /// gsDesign2's average hazard ratio at the analysis.
    public let averageHazardRatio: Double
    /// Power by the AHR method.
    public let powerAverageHazardRatio: Double
    /// Power by the at-risk asymptotic distribution of the log-rank test.
    public let powerLogRank: Double
    /// The at-risk drift of the log-rank z statistic (negative when treatment is better).
    public let logRankDrift: Double
    /// The comparison of the arms' restricted mean survival times to the request's τ (with its
    /// power); nil without τ.
    public let restrictedMean: RestrictedMeanComparison?
    /// Power of the RMST test at the analysis; nil without τ.
    public var powerRestrictedMean: Double? { restrictedMean?.power(alpha: request.alpha, sides: request.sides) }
    /// The at-risk drift of the FH(ρ, γ) weighted log-rank z statistic (negative when treatment
    /// is better); nil without FH weights in the request.
    public let weightedLogRankDrift: Double?
    /// Power of the FH(ρ, γ) weighted log-rank test; nil without FH weights.
    public var powerWeightedLogRank: Double? {
        weightedLogRankDrift.map { NonProportionalDesign.power(drift: $0, alpha: request.alpha, sides: request.sides) }
    }
    /// The inflation factor of a group-sequential design; nil for a fixed design.
    public let inflationFactor: Double?
    /// The looks of a group-sequential design (empty for a fixed design).
    public let looks: [NonProportionalLook]

    /// Expected events of both arms.
    public var events: Double { eventsControl + eventsTreatment }
    /// The power of the request's method (for a group-sequential design, of the fixed design
    /// with the maximum patients; the target power is what the inflation factor secures).
    public var power: Double {
        switch request.method {
        case .ahr: powerAverageHazardRatio
        case .logrank: powerLogRank
        case .rmst: powerRestrictedMean!
        case .fh: powerWeightedLogRank!
        }
    }
}
