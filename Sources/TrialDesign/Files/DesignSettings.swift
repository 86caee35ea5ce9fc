/// A design as the user states it: every `survkit design` flag, each optional, with the same
/// names in design files (``DesignFile``). Settings from a file are overridden by flags
/// (``overridden(by:)``), then turned into validated ``TrialAssumptions`` and a ``DesignRequest``.
/// `simulate` and group-sequential planning read the same settings.
public struct DesignSettings: Sendable, Equatable {
    /// The settings' names, as flags (`--median-control`) and design-file keys (`median-control`).
    public enum Key: String, CaseIterable, Sendable {
        case medianControl = "median-control", medianTreatment = "median-treatment", hazardRatio = "hazard-ratio"
        case alpha, sides, power, allocation
        case accrualTime = "accrual-time", accrualTimes = "accrual-times", accrualRates = "accrual-rates"
        case followUp = "follow-up"
        case dropout, dropoutRate = "dropout-rate", dropoutRateTreatment = "dropout-rate-treatment"
        case dropoutRateControl = "dropout-rate-control", dropoutTime = "dropout-time"
        case method, solve, patients, events, grid
    }

    public var medianControl: Double?
    public var medianTreatment: Double?
    public var hazardRatio: Double?
    public var alpha: Double?
    public var sides: Int?
    public var power: Double?
    /// `T:C`.
    public var allocation: String?
    public var accrualTime: Double?
    public var accrualTimes: [Double]?
    public var accrualRates: [Double]?
    public var followUp: Double?
    /// Plain inflation fraction.
    public var dropout: Double?
    public var dropoutRate: Double?
    public var dropoutRateTreatment: Double?
    public var dropoutRateControl: Double?
    public var dropoutTime: Double?
    public var method: DesignMethod?
    public var solve: DesignUnknown?
    public var patients: Double?
    public var events: Double?
    /// `accrual=FROM:TO:STEP,follow-up=FROM:TO:STEP` (``SensitivityGrid``).
    public var grid: String?
    /// The data side of the design (``DesignDataKey``): the unit of every time in the file
    /// (`time-unit: months`) and the group level that is the control arm (`control-label:`).
    public var timeUnit: String?
    public var controlLabel: String?
    /// Looks and spending of a group-sequential design (none for a fixed design).
    public var sequential = SequentialSettings()

    public init() {}

    /// These settings with every value `flags` sets replacing the one here.
    /// - Complexity: O(1).
    public func overridden(by flags: DesignSettings) -> DesignSettings {
        var s = self
        s.medianControl = flags.medianControl ?? medianControl
        s.medianTreatment = flags.medianTreatment ?? medianTreatment
        s.hazardRatio = flags.hazardRatio ?? hazardRatio
        s.alpha = flags.alpha ?? alpha
        s.sides = flags.sides ?? sides
        s.power = flags.power ?? power
        s.allocation = flags.allocation ?? allocation
        // An accrual given by flags replaces the file's accrual as a whole (uniform vs piecewise).
        if flags.accrualTime != nil || flags.accrualTimes != nil || flags.accrualRates != nil {
            s.accrualTime = flags.accrualTime
            s.accrualTimes = flags.accrualTimes
            s.accrualRates = flags.accrualRates
        }
        s.followUp = flags.followUp ?? followUp
        // Likewise the dropout model: inflation or exponential.
        if flags.dropout != nil || flags.dropoutRate != nil || flags.dropoutRateTreatment != nil
            || flags.dropoutRateControl != nil || flags.dropoutTime != nil {
            s.dropout = flags.dropout
            s.dropoutRate = flags.dropoutRate
            s.dropoutRateTreatment = flags.dropoutRateTreatment
            s.dropoutRateControl = flags.dropoutRateControl
            s.dropoutTime = flags.dropoutTime
        }
        s.method = flags.method ?? method
        s.solve = flags.solve ?? solve
        s.patients = flags.patients ?? patients
        s.events = flags.events ?? events
        s.grid = flags.grid ?? grid
        s.sequential = sequential.overridden(by: flags.sequential)
        return s
    }

    /// The unknown: `--solve`, or power when patients or events are given, else patients.
    public var unknown: DesignUnknown {
        solve ?? (patients != nil || events != nil ? .power : .patients)
    }

    /// The validated assumptions. The effect may be missing only when it is the unknown.
    /// - Complexity: O(accrual pieces).
    public func assumptions() throws(DesignError) -> TrialAssumptions {
        guard let medianControl else { throw .invalid("the control median is missing: give --median-control") }
        guard medianControl.isFinite, medianControl > 0 else {
            throw .invalid("median control must be a positive time (got \(Allocation.spell(medianControl)))")
        }
        let hazardControl = TrialAssumptions.hazard(median: medianControl)
        let hazardTreatment: Double?
        switch (medianTreatment, hazardRatio) {
        case (_?, _?): throw .invalid("give --median-treatment or --hazard-ratio, not both")
        case (let median?, nil):
            guard median.isFinite, median > 0 else {
                throw .invalid("median treatment must be a positive time (got \(Allocation.spell(median)))")
            }
            hazardTreatment = TrialAssumptions.hazard(median: median)
        case (nil, let ratio?):
            guard ratio.isFinite, ratio > 0 else {
                throw .invalid("hazard ratio must be positive (got \(Allocation.spell(ratio)))")
            }
            hazardTreatment = ratio * hazardControl
        case (nil, nil): hazardTreatment = nil
        }
        return try TrialAssumptions(
            hazardControl: hazardControl, hazardTreatment: hazardTreatment,
            allocation: allocation.map { text throws(DesignError) in try Allocation(parsing: text) } ?? .equal,
            accrual: accrualModel(), followUp: followUp, dropoutInflation: dropout ?? 0,
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
                throw .invalid("give --accrual-time (uniform) or --accrual-times/--accrual-rates (piecewise), not both")
            }
            guard accrualTime.isFinite, accrualTime > 0 else {
                throw .invalid("accrual time must be a positive time (got \(Allocation.spell(accrualTime)))")
            }
            return try Accrual.uniform(duration: accrualTime)
        }
        switch (accrualTimes, accrualRates) {
        case (nil, nil): return nil
        case (_?, nil): throw .invalid("--accrual-times needs --accrual-rates")
        case (nil, let rates?):
            guard rates.count == 1 else {
                throw .invalid("several --accrual-rates need --accrual-times to say where each starts")
            }
            return try Accrual.constantRate(rates[0])
        case (let times?, let rates?): return try Accrual(times: times, rates: rates)
        }
    }

    /// The exponential dropout the settings describe (shared with `simulate`).
    func exponentialDropout() throws(DesignError) -> ExponentialDropout {
        let treatment = dropoutRateTreatment ?? dropoutRate
        let control = dropoutRateControl ?? dropoutRate
        guard treatment != nil || control != nil else {
            guard dropoutTime == nil else { throw .invalid("--dropout-time needs --dropout-rate") }
            return .none
        }
        guard dropout == nil else {
            throw .invalid("give --dropout (inflation) or --dropout-rate/--dropout-time (exponential), not both")
        }
        guard let dropoutTime else {
            throw .invalid("--dropout-rate needs --dropout-time (the time by which that share has dropped out)")
        }
        return try ExponentialDropout(probabilityTreatment: treatment ?? 0, probabilityControl: control ?? 0, time: dropoutTime)
    }
}
