/// How `design` plans under non-proportional hazards: which approximation of the log-rank
/// test's distribution gives power and sample size.
public enum NonProportionalMethod: String, CaseIterable, Sendable, Equatable {
    /// The average-hazard-ratio method: Schoenfeld's formula with the expected events and the
    /// AHR (gsDesign2's `gs_power_ahr`; rpact's Schoenfeld power under proportional hazards).
    case ahr
    /// The at-risk (Lakatos-type) asymptotic distribution of the unweighted log-rank statistic:
    /// mean and variance of its score from the expected numbers at risk
    /// (``NonProportionalDesign/logRankDrift(patients:at:)``).
    case logrank
    /// The Wald test of the difference in Kaplan–Meier restricted mean survival times to τ
    /// (`tau`), with the asymptotic variance from the expected at-risk probability
    /// (``NonProportionalDesign/restrictedMeanComparison(patients:at:tau:)``; Royston & Parmar 2013).
    case rmst
    /// The Fleming–Harrington FH(ρ, γ) weighted log-rank test (`fh-rho`, `fh-gamma`, default 0, 0):
    /// the at-risk drift with the weight S̄^ρ (1 − S̄)^γ
    /// (``NonProportionalDesign/weightedLogRankDrift(patients:at:weights:)``).
    case fh
}

/// The `design` inputs that describe hazards which need not be proportional: per-arm
/// piecewise-exponential hazards (or a hazard ratio per piece), a delayed effect and cure
/// fractions. Together with the ``DesignSettings`` (medians, accrual, dropout, error rates)
/// they make a ``NonProportionalRequest``.
public struct NonProportionalOptions: Sendable, Equatable {
    /// Starts of the hazard pieces, from 0 (`hazard-times`).
    public var hazardTimes: [Double]?
    /// Control hazard on each piece (of the uncured; `hazards-control`).
    public var hazardsControl: [Double]?
    /// Treatment hazard on each piece (of the uncured; `hazards-treatment`).
    public var hazardsTreatment: [Double]?
    /// Treatment/control hazard ratio on each piece (`hazard-ratios`).
    public var hazardRatios: [Double]?
    /// The treatment takes effect after this follow-up time: its hazard equals the control's
    /// before (`delay`).
    public var delay: Double?
    /// The cured fraction of the control arm (`cure-fraction`, `cure-fraction-control`).
    public var cureFractionControl: Double?
    /// The cured fraction of the treatment arm (`cure-fraction-treatment`).
    public var cureFractionTreatment: Double?
    /// The approximation used to solve for patients (`nph-method`, default ``NonProportionalMethod/logrank``).
    public var method: NonProportionalMethod?
    /// The truncation time of the restricted mean survival time (`tau`): needed by
    /// ``NonProportionalMethod/rmst``, and with any method adds the RMST comparison to the result.
    public var tau: Double?
    /// ρ of the FH(ρ, γ) weight (`fh-rho`): with ``NonProportionalMethod/fh``, or with another
    /// method to report the weighted test's power beside it.
    public var fhRho: Double?
    /// γ of the FH(ρ, γ) weight (`fh-gamma`).
    public var fhGamma: Double?

    /// No non-proportional input.
    public init() {}

    /// True when none of these inputs is given: `design` is then the exponential design.
    public var isEmpty: Bool {
        hazardTimes == nil && hazardsControl == nil && hazardsTreatment == nil && hazardRatios == nil
            && delay == nil && cureFractionControl == nil && cureFractionTreatment == nil && method == nil
            && tau == nil && fhRho == nil && fhGamma == nil
    }
}

extension SettingName {
    /// A hazard ratio per hazard piece.
    public static let hazardRatios = SettingName(rawValue: "hazard-ratios")
    /// The delay before the treatment acts.
    public static let delay = SettingName(rawValue: "delay")
    /// The control arm's cure fraction (`cure-fraction`).
    public static let cureFraction = SettingName(rawValue: "cure-fraction")
    /// The control arm's cure fraction, spelled per arm.
    public static let cureFractionControl = SettingName(rawValue: "cure-fraction-control")
    /// The treatment arm's cure fraction.
    public static let cureFractionTreatment = SettingName(rawValue: "cure-fraction-treatment")
    /// The method of a design under non-proportional hazards.
    public static let nphMethod = SettingName(rawValue: "nph-method")
    /// The truncation time of the RMST power (`nph-method rmst`).
    public static let tau = SettingName(rawValue: "tau")
    /// ρ of the FH weighted log-rank power (`nph-method fh`).
    public static let fhRho = SettingName(rawValue: "fh-rho")
    /// γ of the FH weighted log-rank power (`nph-method fh`).
    public static let fhGamma = SettingName(rawValue: "fh-gamma")
}
