import SurvivalAnalysis

private typealias K = DesignSettings.Key

/// A `design` question under non-proportional hazards: the arms' laws, accrual, dropout, the
/// analysis (calendar time or expected events), what is unknown (patients or power), and the
/// method that solves for patients. Built from ``DesignSettings`` and ``NonProportionalOptions``
/// by ``DesignSettings/nonProportionalRequest(options:)``.
public struct NonProportionalRequest: Sendable {
    /// The control arm's law.
    public let control: ArmLaw
    /// The treatment arm's law.
    public let treatment: ArmLaw
    /// Treatment:control allocation.
    public let allocation: Allocation
    /// The accrual (closed, or open with a rate).
    public let accrual: Accrual
    /// Exponential dropout hazard, both arms.
    public let dropoutHazard: Double
    /// Follow-up after accrual ends (calendar analysis); nil with `events`.
    public let followUp: Double?
    /// Expected events at which the analysis takes place (event-driven); nil with `followUp`.
    public let events: Double?
    /// Patients (evaluable) when given.
    public let patients: Double?
    /// Patients or power.
    public let unknown: DesignUnknown
    /// The approximation that solves for patients.
    public let method: NonProportionalMethod
    /// The RMST truncation time (required by ``NonProportionalMethod/rmst``; with another method
    /// the RMST comparison is reported beside it); nil when not given.
    public let tau: Double?
    /// The FH(ρ, γ) weight whose weighted log-rank power is computed (with
    /// ``NonProportionalMethod/fh``, or when `fh-rho`/`fh-gamma` is given); nil otherwise.
    public let weights: FlemingHarrington?
    /// Type I error, split over `sides`.
    public let alpha: Double
    /// 1 or 2.
    public let sides: Int
    /// Target power (``DesignUnknown/patients``).
    public let power: Double
    /// Dropout fraction inflating the enrolment: total = ⌈patients / (1 − d)⌉.
    public let dropoutInflation: Double
    /// A group-sequential design when looks are given: its information rates place the looks
    /// (as shares of the final analysis's expected events); its spending is applied at the
    /// method's information fractions (`NonProportionalSequentialPlan`).
    public let sequential: GroupSequentialDesign?
    /// Assumptions that took their default.
    public let defaults: [String]

    /// The share of patients on treatment.
    public var treatmentShare: Double { allocation.fraction(.treatment) }
}

extension DesignSettings {
    /// The non-proportional-hazards question these settings and `options` ask. Refuses what
    /// this design cannot do: solving for anything but patients or power, a sensitivity grid,
    /// dropout that differs between arms, and an analysis stated twice or not at all.
    /// - Complexity: O(hazard and accrual pieces + looks).
    public func nonProportionalRequest(options: NonProportionalOptions) throws(DesignError) -> NonProportionalRequest {
        let laws = try options.laws(settings: self)
        guard grid == nil else { throw .invalid("\(K.grid) is not available with non-proportional hazards") }
        guard method == nil else {
            throw .invalid("\(K.method) chooses an exponential design's events formula: under non-proportional hazards give \(SettingName.nphMethod) ahr or logrank")
        }
        guard let accrual = try accrualModel() else {
            throw .invalid("the accrual is missing: give \(K.accrualTime), or \(K.accrualTimes) and \(K.accrualRates)")
        }
        let dropout = try exponentialDropout()
        guard dropout.hazard(.treatment) == dropout.hazard(.control) else {
            throw .invalid("under non-proportional hazards the dropout must be the same in both arms: give \(K.dropoutProbability)")
        }
        let unknown = self.unknown
        guard unknown == .patients || unknown == .power else {
            throw .invalid("under non-proportional hazards \(K.solve) is patients or power (got \(unknown.rawValue))")
        }
        let sequential = try sequentialDesign()
        if let sequential, sequential.futilitySpending != nil {
            // Beta spending finds the bounds under the canonical drift θ√t; under NPH gsDesign2
            // derives them from the drifts per look, which is not built here. Given bounds
            // (futility-bounds) do not depend on the drift and are supported.
            throw .invalid("futility (beta) spending is not available with non-proportional hazards: give \(SequentialSettings.Key.futilityBounds) (z values) or drop \(SequentialSettings.Key.futilitySpending)")
        }
        switch (followUp, events) {
        case (_?, _?): throw .invalid("give \(K.followUp) (analysis at a calendar time) or \(K.events) (at that many expected events), not both")
        case (nil, nil): throw .invalid("the analysis time is missing: give \(K.followUp) (or \(K.events) with \(K.patients))")
        case (nil, _?) where unknown == .patients:
            throw .invalid("solving for patients needs the analysis time: give \(K.followUp) instead of \(K.events)")
        default: break
        }
        if let f = followUp, !(f.isFinite && f >= 0) { throw .invalid("follow-up must be a time ≥ 0 (got \(f.roundTripText))") }
        if let e = events, !(e.isFinite && e > 0) { throw .invalid("events must be positive (got \(e.roundTripText))") }
        if unknown == .power, patients == nil { throw .invalid("power needs \(K.patients)") }
        if let n = patients, !(n.isFinite && n > 0 && n < DesignSolver.patientLimit) {
            throw .invalid("patients must be positive and below 10^12 (got \(n.roundTripText))")
        }
        if let tau = options.tau, !(tau.isFinite && tau > 0) {
            throw .invalid("\(SettingName.tau) must be a positive time (got \(tau.roundTripText))")
        }
        if options.method == .rmst, options.tau == nil {
            throw .invalid("\(SettingName.nphMethod) rmst needs \(SettingName.tau), the time the restricted mean survival runs to")
        }
        for (value, name) in [(options.fhRho, SettingName.fhRho), (options.fhGamma, .fhGamma)] {
            if let value, !(value.isFinite && value >= 0) { throw .invalid("\(name) must be a number ≥ 0 (got \(value.roundTripText))") }
            // See FlemingHarrington.largestDesignExponent: beyond it the weighted drift
            // vanishes numerically and the power would read as alpha.
            if let value, value > FlemingHarrington.largestDesignExponent {
                throw .invalid("\(name) must be at most \(FlemingHarrington.largestDesignExponent.roundTripText) (got \(value.roundTripText)): beyond it the weights S^rho (1 - S)^gamma underflow and the test has no power to compute")
            }
        }
        let weights = options.method == .fh || options.fhRho != nil || options.fhGamma != nil
            ? FlemingHarrington(rho: options.fhRho ?? 0, gamma: options.fhGamma ?? 0) : nil
        if options.method == .rmst, sequential != nil {
            // The RMST difference at a fixed tau across looks has no independent increments
            // (Murray & Tsiatis 1999; Lu & Tian 2021 give its covariance): not built here.
            throw .invalid("\(SettingName.nphMethod) rmst plans a fixed design (the RMST difference to tau across looks needs its own covariance): drop \(SequentialSettings.Key.looks)")
        }
        let a = alpha ?? 0.05, s = sides ?? 2, p = power ?? 0.8
        guard a > 0, a < 1 else { throw .invalid("alpha must lie in (0, 1) (got \(a.roundTripText))") }
        guard s == 1 || s == 2 else { throw .invalid("sides must be 1 or 2 (got \(s))") }
        guard p > a / Double(s), p < 1 else { throw .invalid("power must lie between alpha and 1 (got \(p.roundTripText))") }
        let inflation = dropoutInflation ?? 0
        guard inflation >= 0, inflation < 1 else { throw .invalid("dropout must lie in [0, 1) (got \(inflation.roundTripText))") }
        var defaults: [String] = []
        if alpha == nil { defaults.append("alpha = 0.05") }
        if sides == nil { defaults.append("sides = 2") }
        if power == nil, unknown != .power { defaults.append("power = 0.8") }
        if allocation == nil { defaults.append("allocation = 1:1") }
        if options.method == nil { defaults.append("nph-method = logrank") }
        return NonProportionalRequest(
            control: laws.control, treatment: laws.treatment,
            allocation: try allocation.map { text throws(DesignError) in try Allocation(parsing: text) } ?? .equal,
            accrual: accrual, dropoutHazard: dropout.hazard(.control), followUp: followUp, events: events,
            patients: patients, unknown: unknown, method: options.method ?? .logrank, tau: options.tau, weights: weights, alpha: a, sides: s, power: p,
            dropoutInflation: inflation, sequential: sequential, defaults: defaults)
    }
}
