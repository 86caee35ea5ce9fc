import SurvivalAnalysis

private typealias K = DesignSettings.Key

/// The quantity a design is solved for (`--solve`).
public enum DesignUnknown: String, CaseIterable, Sendable, Equatable {
    /// Events and patients for the target power.
    case patients
    /// Power with given patients or events.
    case power
    /// Follow-up after accrual for given patients and accrual.
    case followUp = "follow-up"
    /// The accrual duration at given accrual rates: for the target power, or to enrol given patients.
    case accrualTime = "accrual-time"
    /// The smallest effect (hazard ratio below 1) detectable with given patients and power.
    case hazardRatio = "hazard-ratio"
}

/// One design question: the assumptions, the method, what is unknown and what is given.
public struct DesignRequest: Sendable, Equatable {
    /// The trial's assumptions: effect, error rates, allocation, accrual, dropout.
    public let assumptions: TrialAssumptions
    /// The event-count formula.
    public let method: DesignMethod
    /// The quantity to solve for.
    public let unknown: DesignUnknown
    /// Patients enrolled (dropout inflation not yet taken off).
    public let patients: Double?
    /// Events at the analysis (``DesignUnknown/power`` only).
    public let events: Double?
    /// Assumptions that were not given and took their default, for people to see (e.g. "alpha = 0.05").
    public let defaults: [String]
    /// The factor by which a group-sequential design multiplies the fixed design's events
    /// (``DesignCharacteristics/inflationFactor``): the events solved for are the fixed design's
    /// times this, as rpact's `maxNumberOfEvents`. 1 for a fixed design.
    public let eventsInflation: Double

    /// Checks that the givens fit the unknown; the messages name the flags to add or drop.
    /// - Complexity: O(1).
    public init(assumptions: TrialAssumptions, method: DesignMethod = .schoenfeld, unknown: DesignUnknown = .patients,
                patients: Double? = nil, events: Double? = nil, defaults: [String] = [],
                eventsInflation: Double = 1) throws(DesignError) {
        guard eventsInflation.isFinite, eventsInflation >= 1 else {
            throw .invalid("the events inflation factor must be at least 1 (got \(eventsInflation.roundTripText))")
        }
        if eventsInflation != 1 {
            // The inflated events give the maximum events; the unknown enters only the event
            // probability (power at given patients is solved by SequentialDesignSolver instead).
            guard unknown == .patients || unknown == .followUp || (unknown == .accrualTime && patients == nil) else {
                throw .invalid("a group-sequential design (\(SequentialSettings.Key.looks)) inflates the events only when solving for patients, follow-up or accrual time, not \(K.solve) \(unknown.rawValue)")
            }
            guard method != .lachinFoulkes else {
                throw .invalid("a group-sequential design (\(SequentialSettings.Key.looks)) needs an events formula: \(K.method) schoenfeld or freedman")
            }
        }
        if let patients, !(patients.isFinite && patients > 0 && patients < DesignSolver.patientLimit) {
            throw .invalid("patients must be positive and below 10^12 (got \(patients.roundTripText))")
        }
        if let events, !(events.isFinite && events > 0 && events < DesignSolver.patientLimit) {
            throw .invalid("events must be positive and below 10^12 (got \(events.roundTripText))")
        }
        let a = assumptions
        if unknown == .hazardRatio {
            guard a.hazardTreatment == nil else {
                throw .invalid("\(K.solve) hazard-ratio finds the effect: drop \(K.medianTreatment) / \(K.hazardRatio)")
            }
        } else if a.hazardTreatment == nil {
            throw .invalid("the effect is missing: give \(K.medianTreatment) or \(K.hazardRatio)")
        }
        if events != nil, unknown != .power {
            throw .invalid("\(K.events) is used only with \(K.solve) power")
        }
        switch unknown {
        case .patients:
            guard patients == nil else {
                throw .invalid("\(K.solve) patients finds the patients: drop \(K.patients), or use \(K.solve) power")
            }
        case .power:
            guard patients != nil || events != nil else {
                throw .invalid("\(K.solve) power needs \(K.patients) or \(K.events)")
            }
            if events != nil, patients != nil, a.followUp != nil {
                throw .invalid("with \(K.events) and \(K.patients) the follow-up follows from them: drop \(K.followUp)")
            }
        case .followUp:
            guard patients != nil else { throw .invalid("\(K.solve) follow-up needs \(K.patients)") }
            guard a.accrual != nil else {
                throw .invalid("\(K.solve) follow-up needs the accrual: \(K.accrualTime), or \(K.accrualTimes)/\(K.accrualRates)")
            }
            guard a.followUp == nil else { throw .invalid("\(K.solve) follow-up finds the follow-up: drop \(K.followUp)") }
        case .accrualTime:
            guard let accrual = a.accrual, accrual.isOpenEnded else {
                throw .invalid("\(K.solve) accrual-time needs accrual rates that run until the patients are in "
                    + "(\(K.accrualRates) R, or as many \(K.accrualRates) as \(K.accrualTimes)), not a fixed \(K.accrualTime)")
            }
        case .hazardRatio:
            guard patients != nil else { throw .invalid("\(K.solve) hazard-ratio needs \(K.patients)") }
        }
        self.assumptions = assumptions
        self.method = method
        self.unknown = unknown
        self.patients = patients
        self.events = events
        self.defaults = defaults
        self.eventsInflation = eventsInflation
    }
}
