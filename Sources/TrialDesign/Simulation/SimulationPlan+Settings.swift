internal import Foundation
import SurvivalAnalysis

/// The options `simulate` adds to the design settings: piecewise hazards per arm, how entries
/// and arms are drawn, and whether to fit a Cox model too.
public struct SimulationOptions: Sendable, Equatable {
    /// Starts of the hazard pieces (from 0); nil for exponential arms.
    public var hazardTimes: [Double]?
    /// Treatment hazard on each piece.
    public var hazardsTreatment: [Double]?
    /// Control hazard on each piece.
    public var hazardsControl: [Double]?
    /// How arrivals are spaced within accrual (even or Poisson).
    public var arrivals: ArrivalPattern = .even
    /// How patients are assigned to arms.
    public var randomisation: RandomisationScheme = .permutedBlocks
    /// Block size of permuted blocks; nil for the default block (see ``Randomisation``).
    public var blockSize: Int?
    /// Also fit a Cox model per replicate (hazard ratio estimate).
    public var cox = false
    /// Delayed effect: the treatment has the control's hazard for this long after entry (`delay`).
    public var delay: Double?
    /// Cured fraction of the control arm (`cure-fraction`); hazards and medians are the uncured's.
    public var cureFractionControl: Double?
    /// Cured fraction of the treatment arm (`cure-fraction-treatment`).
    public var cureFractionTreatment: Double?
    /// Further tests per replicate (`simulate --test`).
    public var tests: [SimulationTest] = []

    /// The default simulation options.
    public init() {}
}

private typealias K = DesignSettings.Key

extension SimulationPlan {
    /// The plan for `settings` (the `design` flags and design-file keys) and `options`.
    ///
    /// Uses the effect (medians, hazard ratio — 1 is allowed, to simulate the null), accrual,
    /// allocation, exponential dropout, alpha and sides; `patients` and either `events`
    /// (event-driven cut) or `follow-up` (calendar cut). The dropout inflation `--dropout` is a
    /// sample-size rule, not a dropout model: it is left out, with a note. `method`, `solve` and
    /// `grid` ask design questions and are not used; `power` only defines the beta spending of
    /// futility bounds. With looks (`looks`, `information-rates`, `spending`, ...) the trial is
    /// group-sequential: the boundaries of ``GroupSequentialDesign`` at the plan's alpha and
    /// sides, looks at ⌈t_k·D⌉ events (``SimulationLooks``).
    /// - Complexity: O(accrual and hazard pieces).
    public init(settings s: DesignSettings, options: SimulationOptions) throws(DesignError) {
        guard let accrual = try s.accrualModel() else {
            throw .invalid("the accrual is missing: give \(K.accrualTime), or \(K.accrualTimes) and \(K.accrualRates)")
        }
        guard let patientsValue = s.patients else { throw .invalid("the number of patients is missing: give \(K.patients)") }
        guard patientsValue == patientsValue.rounded(), patientsValue >= 1, patientsValue <= Double(SimulationPlan.largestTrial) else {
            throw .invalid("patients must be a whole number from 2 to \(SimulationPlan.largestTrial) (got \(patientsValue.roundTripText))")
        }
        let cut: AnalysisCut
        switch (s.events, s.followUp) {
        case (_?, _?):
            throw .invalid("give \(K.events) (analysis at the D-th event) or \(K.followUp) (analysis at a calendar time), not both")
        case (nil, nil):
            throw .invalid("the analysis time is missing: give \(K.events) D (at the D-th event) or \(K.followUp) F (F after accrual ends)")
        case (let d?, nil):
            guard d == d.rounded(), d >= 1, d <= patientsValue else {
                throw .invalid("events must be a whole number from 1 to the patients (\(patientsValue.roundTripText)); got \(d.roundTripText)")
            }
            cut = .events(Int(d))
        case (nil, let f?): cut = .followUp(f)
        }
        let allocation = try s.allocation.map { text throws(DesignError) in try Allocation(parsing: text) } ?? .equal
        var notes: [SettingText] = []
        if let inflation = s.dropoutInflation, inflation > 0 {
            notes.append("dropout \(inflation.roundTripText) is an inflation of the patients, not a dropout model: "
                + "the simulation enrols the patients given; state \(DesignSettings.Key.dropoutProbability)/\(DesignSettings.Key.dropoutTime) to simulate dropout")
        }
        var looks: SimulationLooks? = nil
        if let design = try s.sequentialDesign() {
            looks = try SimulationLooks(design: design)
        }
        try self.init(
            patients: Int(patientsValue), accrual: accrual, arrivals: options.arrivals, allocation: allocation,
            randomisation: Randomisation(scheme: options.randomisation, allocation: allocation, blockSize: options.blockSize),
            survival: SimulationPlan.survival(settings: s, options: options), dropout: s.exponentialDropout(),
            cut: cut, alpha: s.alpha ?? 0.05, sides: s.sides ?? 2, cox: options.cox, notes: notes, looks: looks,
            tests: options.tests)
    }

    /// The arms' event distributions: control from `--median-control` or `--hazards-control`;
    /// treatment from `--hazards-treatment`, `--median-treatment` or `--hazard-ratio` (times the
    /// control hazards, piece by piece).
    static func survival(settings s: DesignSettings, options o: SimulationOptions) throws(DesignError) -> ArmSurvival {
        if o.delay != nil || o.cureFractionControl != nil || o.cureFractionTreatment != nil {
            // The delayed-effect and cure models are built in one place, that of `design`.
            var n = NonProportionalOptions()
            n.hazardTimes = o.hazardTimes
            n.hazardsControl = o.hazardsControl
            n.hazardsTreatment = o.hazardsTreatment
            n.delay = o.delay
            n.cureFractionControl = o.cureFractionControl
            n.cureFractionTreatment = o.cureFractionTreatment
            let laws = try n.laws(settings: s)
            return try ArmSurvival(control: laws.control, treatment: laws.treatment)
        }
        let pieces = o.hazardTimes?.count ?? max(o.hazardsControl?.count ?? 1, o.hazardsTreatment?.count ?? 1)
        guard o.hazardTimes != nil || pieces == 1 else {
            throw .invalid("several hazards per arm need \(SettingName.hazardTimes) to say where each piece starts")
        }
        if o.hazardTimes != nil, o.hazardsControl == nil, o.hazardsTreatment == nil {
            throw .invalid("\(SettingName.hazardTimes) needs \(SettingName.hazardsControl) and/or \(SettingName.hazardsTreatment)")
        }
        let times = o.hazardTimes ?? [0]

        let control: [Double]
        switch (o.hazardsControl, s.medianControl) {
        case (_?, _?): throw .invalid("give \(K.medianControl) or \(SettingName.hazardsControl), not both")
        case (nil, nil): throw .invalid("the control arm is missing: give \(K.medianControl) or \(SettingName.hazardsControl)")
        case (let hazards?, nil): control = hazards
        case (nil, let median?):
            guard median.isFinite, median > 0 else {
                throw .invalid("median control must be a positive time (got \(median.roundTripText))")
            }
            control = Array(repeating: TrialAssumptions.hazard(median: median), count: times.count)
        }

        let given = [o.hazardsTreatment != nil, s.medianTreatment != nil, s.hazardRatio != nil].filter { $0 }.count
        guard given == 1 else {
            throw .invalid(given == 0
                ? "the treatment arm is missing: give \(K.medianTreatment), \(K.hazardRatio) or \(SettingName.hazardsTreatment)"
                : "give one of \(K.medianTreatment), \(K.hazardRatio) and \(SettingName.hazardsTreatment)")
        }
        let treatment: [Double]
        if let hazards = o.hazardsTreatment {
            treatment = hazards
        } else if let median = s.medianTreatment {
            guard median.isFinite, median > 0 else {
                throw .invalid("median treatment must be a positive time (got \(median.roundTripText))")
            }
            treatment = Array(repeating: TrialAssumptions.hazard(median: median), count: times.count)
        } else {
            let ratio = s.hazardRatio!
            guard ratio.isFinite, ratio > 0 else { throw .invalid("hazard ratio must be positive (got \(ratio.roundTripText))") }
            treatment = control.map { $0 * ratio }
        }
        return try ArmSurvival(treatment: PiecewiseExponential(times: times, hazards: treatment),
                               control: PiecewiseExponential(times: times, hazards: control))
    }
}
