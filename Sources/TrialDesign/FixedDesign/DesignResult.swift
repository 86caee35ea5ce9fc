/// A solved design: every quantity of the contract's `design` output, exact and rounded.
///
/// Quantities that need an assumption that was not given (patients without accrual or
/// follow-up) are nil, and ``notes`` says what is missing — gaps are shown, not filled.
public struct DesignResult: Sendable, Equatable {
    /// The question, with its assumptions as given.
    public let request: DesignRequest
    /// Exponential hazard of the control arm, ln 2 / median.
    public let hazardControl: Double
    /// Exponential hazard of the treatment arm, ln 2 / median.
    public let hazardTreatment: Double
    /// Hazard ratio treatment/control.
    public var hazardRatio: Double { hazardTreatment / hazardControl }
    /// Events needed (or, when patients are given, expected at the analysis), before rounding.
    public let eventsRequired: Double
    /// `eventsRequired` rounded up.
    public var events: Int { PatientRounding.ceiling(eventsRequired) }
    /// Probability of an event by the analysis, per arm and overall.
    public let probabilityEvent: EventProbability.ByArm?
    /// Evaluable patients (after dropout inflation is taken off), before rounding.
    public let patientsEvaluable: Double?
    /// Whole evaluable patients per arm.
    public let patientsPerArm: PatientsPerArm?
    /// Their sum.
    public var patients: Int? { patientsPerArm?.total }
    /// Patients to enrol (after dropout inflation).
    public let patientsTotal: Int?
    /// Target power, or the power reached when it is the unknown.
    public let power: Double
    /// Accrual duration (given or solved); nil when not needed.
    public let accrualTime: Double?
    /// Follow-up after accrual (given or solved); nil when not needed.
    public let followUp: Double?
    /// Accrual plus follow-up.
    public var studyDuration: Double? {
        guard let accrualTime, let followUp else { return nil }
        return accrualTime + followUp
    }
    /// What could not be computed and why, for people.
    public let notes: [SettingText]

    /// The event-count formula used.
    public var method: DesignMethod { request.method }
    /// Type I error.
    public var alpha: Double { request.assumptions.alpha }
    /// 1 or 2 sided test.
    public var sides: Int { request.assumptions.sides }
}

extension DesignResult {
    /// The exponential median `log 2 / λ` of an arm, for people reading the assumptions.
    public func median(_ arm: Arm) -> Double {
        TrialAssumptions.median(hazard: arm == .treatment ? hazardTreatment : hazardControl)
    }
}
