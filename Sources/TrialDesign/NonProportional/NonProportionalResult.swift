/// One look of a group-sequential design under non-proportional hazards: the calendar time at
/// which the expected events reach the look's share of the maximum, what is expected then, and
/// the method's information, drift, boundary and crossing probability there.
public struct NonProportionalLook: Sendable, Equatable {
    /// The look's information rate as given: its share of the maximum events, which places it.
    public let informationRate: Double
    /// The method's information fraction I_k / I_K, at which alpha is spent (the information rate
    /// for the AHR method).
    public let informationFraction: Double
    /// The method's statistical information I_k.
    public let information: Double
    /// E[Z_k], oriented so that the final look's is ≥ 0.
    public let drift: Double
    /// The efficacy critical value (z scale) of the look.
    public let criticalValue: Double
    /// Alpha spent up to and including this look.
    public let cumulativeAlphaSpent: Double
    /// P(stop at this look rejecting H0) under the design's hazards (either boundary when two-sided).
    public let rejectionProbability: Double
    /// P(rejecting H0 at this look or before).
    public let cumulativePower: Double
    /// The futility bound (z scale) of the look; nil at the last look and without futility bounds.
    public let futilityBound: Double?
    /// P(stop at this look for futility); nil where ``futilityBound`` is.
    public let futilityProbability: Double?
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
    /// The inflation factor of the group-sequential boundaries at the method's information
    /// fractions (what the boundaries cost under proportional hazards; not what sizes the design
    /// here); nil for a fixed design.
    public let inflationFactor: Double?
    /// The looks of a group-sequential design (empty for a fixed design).
    public let looks: [NonProportionalLook]

    /// Expected events of both arms.
    public var events: Double { eventsControl + eventsTreatment }
    /// The power of the request's method: for a group-sequential design P(reject H0 at some
    /// look), the sum of the looks' ``NonProportionalLook/rejectionProbability``, otherwise
    /// ``powerFixed``.
    public var power: Double { looks.last?.cumulativePower ?? powerFixed }
    /// The power of the request's method for a fixed design analysed at the (final) analysis.
    public var powerFixed: Double {
        switch request.method {
        case .ahr: powerAverageHazardRatio
        case .logrank: powerLogRank
        case .rmst: powerRestrictedMean!
        case .fh: powerWeightedLogRank!
        }
    }
}
