import SurvivalAnalysis

/// A design as the user states it: every `survkit design` flag, each optional, with the same
/// names in design files (``DesignFile``). Settings from a file are overridden by flags
/// (``overridden(by:)``), then turned into validated ``TrialAssumptions`` and a ``DesignRequest``.
/// `simulate` and group-sequential planning read the same settings. Every key is listed once, in
/// ``table`` (DesignSettingsTable.swift, which says how to add one).
public struct DesignSettings: Sendable, Equatable {
    /// The settings' names, as flags (`--median-control`) and design-file keys (`median-control`).
    public enum Key: String, CaseIterable, Sendable {
        case medianControl = "median-control", medianTreatment = "median-treatment", hazardRatio = "hazard-ratio"
        case alpha, sides, power, allocation
        case accrualTime = "accrual-time", accrualTimes = "accrual-times", accrualRates = "accrual-rates"
        case followUp = "follow-up"
        /// The fraction inflating the patients (`dropout` is accepted as an alias).
        case dropoutInflation = "dropout-inflation"
        /// Exponential dropout: the probability of having dropped out by `dropout-time`.
        case dropoutProbability = "dropout-rate", dropoutProbabilityTreatment = "dropout-rate-treatment"
        case dropoutProbabilityControl = "dropout-rate-control", dropoutTime = "dropout-time"
        case method, solve, patients, events, grid
    }

    /// Design-file keys for the interim analysis rather than the design itself (no `design` flag
    /// sets them): the unit of every time in the file, the control arm's level, and the weight of
    /// the design prior of the predictive power (`interim --prior-events`).
    public enum DataKey: String, CaseIterable, Sendable {
        case timeUnit = "time-unit", controlLabel = "control-label", priorEvents = "prior-events"
    }

    /// Design-file keys (and `design` flags) for hazards that need not be proportional (issue 13),
    /// filling ``nonProportional``.
    public enum NonProportionalKey: String, CaseIterable, Sendable {
        case hazardTimes = "hazard-times", hazardsControl = "hazards-control", hazardsTreatment = "hazards-treatment"
        case hazardRatios = "hazard-ratios", delay, cureFraction = "cure-fraction"
        case cureFractionTreatment = "cure-fraction-treatment", nphMethod = "nph-method", tau
        case fhRho = "fh-rho", fhGamma = "fh-gamma"
    }

    /// Median survival time in the control arm (rpact's `median2`).
    public var medianControl: Double?
    /// Median survival time in the treatment arm (rpact's `median1`).
    public var medianTreatment: Double?
    /// Hazard ratio treatment/control, the other way to state the effect.
    public var hazardRatio: Double?
    /// Type I error (rpact's `alpha`).
    public var alpha: Double?
    /// 1 or 2 sided test (rpact's `sided`).
    public var sides: Int?
    /// Target power 1 − β.
    public var power: Double?
    /// `T:C`.
    public var allocation: String?
    /// Duration of uniform accrual.
    public var accrualTime: Double?
    /// Start times of piecewise accrual intervals (rpact's `accrualTime`).
    public var accrualTimes: [Double]?
    /// Accrual intensities of those intervals (rpact's `accrualIntensity`).
    public var accrualRates: [Double]?
    /// Follow-up after the end of accrual (rpact's `followUpTime`).
    public var followUp: Double?
    /// The fraction of patients expected to drop out, inflating the enrolment:
    /// total = ⌈patients / (1 − d)⌉ (`dropout-inflation`, alias `dropout`).
    public var dropoutInflation: Double?
    /// The probability of dropping out by ``dropoutTime``, both arms (`dropout-rate`; exponential).
    public var dropoutProbability: Double?
    /// The same for the treatment arm alone (`dropout-rate-treatment`).
    public var dropoutProbabilityTreatment: Double?
    /// The same for the control arm alone (`dropout-rate-control`).
    public var dropoutProbabilityControl: Double?
    /// The time the dropout probabilities refer to (`dropout-time`).
    public var dropoutTime: Double?
    /// Event-count formula: Schoenfeld, Freedman or Lachin–Foulkes (rpact's `typeOfComputation`).
    public var method: DesignMethod?
    /// The quantity to solve for (patients, power, follow-up, accrual time or hazard ratio).
    public var solve: DesignUnknown?
    /// Patients enrolled, when given.
    public var patients: Double?
    /// Events at the analysis, when given.
    public var events: Double?
    /// `accrual=FROM:TO:STEP,follow-up=FROM:TO:STEP` (``SensitivityGrid``).
    public var grid: String?
    /// The unit of every time in the file (`time-unit: months`): medians, accrual, follow-up;
    /// the data an interim analysis reads must be in (or be converted to) the same unit.
    public var timeUnit: TimeUnit?
    /// The group level that is the control arm (`control-label:`).
    public var controlLabel: String?
    /// The predictive power's design prior: the design's hazard ratio with the weight of this
    /// many events (`prior-events:`, as `interim --prior-events`); nil for the flat prior.
    public var priorEvents: Double?
    /// Looks and spending of a group-sequential design (none for a fixed design).
    public var sequential = SequentialSettings()
    /// Piecewise hazards, delay, cure fractions and method of a non-proportional-hazards design
    /// (empty for proportional hazards).
    public var nonProportional = NonProportionalOptions()

    /// No settings: everything from defaults, a design file or flags.
    public init() {}

    /// The unknown: `--solve`, or power when patients or events are given, else patients.
    public var unknown: DesignUnknown {
        solve ?? (patients != nil || events != nil ? .power : .patients)
    }

    /// The validated assumptions. The effect may be missing only when it is the unknown.
    /// - Complexity: O(accrual pieces).
    public func assumptions() throws(DesignError) -> TrialAssumptions {
        guard let medianControl else { throw .invalid("the control median is missing: give \(Key.medianControl)") }
        guard medianControl.isFinite, medianControl > 0 else {
            throw .invalid("median control must be a positive time (got \(medianControl.roundTripText))")
        }
        let hazardControl = TrialAssumptions.hazard(median: medianControl)
        let hazardTreatment: Double?
        switch (medianTreatment, hazardRatio) {
        case (_?, _?): throw .invalid("give \(Key.medianTreatment) or \(Key.hazardRatio), not both")
        case (let median?, nil):
            guard median.isFinite, median > 0 else {
                throw .invalid("median treatment must be a positive time (got \(median.roundTripText))")
            }
            hazardTreatment = TrialAssumptions.hazard(median: median)
        case (nil, let ratio?):
            guard ratio.isFinite, ratio > 0 else {
                throw .invalid("hazard ratio must be positive (got \(ratio.roundTripText))")
            }
            hazardTreatment = ratio * hazardControl
        case (nil, nil): hazardTreatment = nil
        }
        return try TrialAssumptions(
            hazardControl: hazardControl, hazardTreatment: hazardTreatment,
            allocation: allocation.map { text throws(DesignError) in try Allocation(parsing: text) } ?? .equal,
            accrual: accrualModel(), followUp: followUp, dropoutInflation: dropoutInflation ?? 0,
            dropout: exponentialDropout(), alpha: alpha ?? 0.05, sides: sides ?? 2, power: power ?? 0.8)
    }

    /// The design question these settings ask.
    /// - Complexity: O(accrual pieces).
    public func request() throws(DesignError) -> DesignRequest {
        try DesignRequest(assumptions: assumptions(), method: method ?? .schoenfeld, unknown: unknown,
                          patients: patients, events: events, defaults: defaultsUsed())
    }

    /// The sensitivity grid, if asked for.
    public func sensitivityGrid() throws(DesignError) -> SensitivityGrid? {
        guard let grid else { return nil }
        return try SensitivityGrid(parsing: grid)
    }

    /// Assumptions that took a default, spelled for people.
    public func defaultsUsed() -> [String] {
        var used: [String] = []
        if alpha == nil { used.append("alpha = 0.05") }
        if sides == nil { used.append("sides = 2") }
        if power == nil, unknown != .power { used.append("power = 0.8") }
        if allocation == nil { used.append("allocation = 1:1") }
        if method == nil { used.append("method = schoenfeld") }
        return used
    }

    /// The accrual the settings describe, nil when none is given (shared with `simulate`).
    func accrualModel() throws(DesignError) -> Accrual? {
        if let accrualTime {
            guard accrualTimes == nil, accrualRates == nil else {
                throw .invalid("give \(Key.accrualTime) (uniform) or \(Key.accrualTimes)/\(Key.accrualRates) (piecewise), not both")
            }
            guard accrualTime.isFinite, accrualTime > 0 else {
                throw .invalid("accrual time must be a positive time (got \(accrualTime.roundTripText))")
            }
            return try Accrual.uniform(duration: accrualTime)
        }
        switch (accrualTimes, accrualRates) {
        case (nil, nil): return nil
        case (_?, nil): throw .invalid("\(Key.accrualTimes) needs \(Key.accrualRates)")
        case (nil, let rates?):
            guard rates.count == 1 else {
                throw .invalid("several \(Key.accrualRates) need \(Key.accrualTimes) to say where each starts")
            }
            return try Accrual.constantRate(rates[0])
        case (let times?, let rates?): return try Accrual(times: times, rates: rates)
        }
    }

    /// The exponential dropout the settings describe (shared with `simulate`).
    func exponentialDropout() throws(DesignError) -> ExponentialDropout {
        let treatment = dropoutProbabilityTreatment ?? dropoutProbability
        let control = dropoutProbabilityControl ?? dropoutProbability
        guard treatment != nil || control != nil else {
            guard dropoutTime == nil else { throw .invalid("\(Key.dropoutTime) needs \(Key.dropoutProbability)") }
            return .none
        }
        guard dropoutInflation == nil else {
            throw .invalid("give \(Key.dropoutInflation) (inflation) or \(Key.dropoutProbability)/\(Key.dropoutTime) (exponential), not both")
        }
        guard let dropoutTime else {
            throw .invalid("\(Key.dropoutProbability) needs \(Key.dropoutTime) (the time by which that share has dropped out)")
        }
        return try ExponentialDropout(probabilityTreatment: treatment ?? 0, probabilityControl: control ?? 0, time: dropoutTime)
    }
}
