import ArgumentParser
import SurvivalAnalysis

/// `design --one-sample`: a single-arm trial against a historical control, with the historical
/// hazard spelled as in `logrank --one-sample`.
struct OneSampleDesignFlags: ParsableArguments {
    @Flag(name: .customLong("one-sample"),
          help: "Single-arm design: the one-sample log-rank test against --median-historical or --historical-hazards (effect by --hazard-ratio).")
    var oneSample = false
    @Option(name: .customLong("median-historical"), parsing: .unconditional, help: "With --one-sample: the historical control's median (exponential).")
    var medianHistorical: Double?
    @Option(name: .customLong("historical-hazards"), parsing: .unconditional,
            help: "With --one-sample: piecewise-exponential historical hazards, one more than --historical-hazard-times.",
            transform: CommaList.doubles)
    var historicalHazards: [Double]?
    @Option(name: .customLong("historical-hazard-times"), parsing: .unconditional,
            help: "With --one-sample: the cut points (increasing, > 0) of --historical-hazards.", transform: CommaList.doubles)
    var historicalHazardTimes: [Double]?
    @Flag(name: .customLong("wu-variance"), help: "With --one-sample: the test uses Wu (2015)'s variance (O+E)/2 instead of E.")
    var wuVariance = false
    @Option(name: .customLong("milestone"), parsing: .unconditional,
            help: "With --one-sample: exact binomial design on the rate of being event-free at this time (A'Hern 2001).")
    var milestone: Double?
    @Option(name: .customLong("rate-historical"), parsing: .unconditional,
            help: "With --milestone: the historical event-free rate at the milestone (H0), or derive it from --median-historical/--historical-hazards.")
    var rateHistorical: Double?
    @Option(name: .customLong("rate-treatment"), parsing: .unconditional,
            help: "With --milestone: the treatment's event-free rate at the milestone (H1), or derive it from --hazard-ratio/--median-treatment.")
    var rateTreatment: Double?

    /// Whether any one-sample flag is given.
    var isGiven: Bool {
        oneSample || medianHistorical != nil || historicalHazards != nil || historicalHazardTimes != nil || wuVariance
            || milestone != nil || rateHistorical != nil || rateTreatment != nil
    }

    /// The historical law for a milestone design: nil when `--rate-historical` gives the rate itself.
    func milestoneHistorical() throws -> HistoricalHazard? {
        guard oneSample else { throw ValidationError("--milestone, --rate-historical and --rate-treatment go with --one-sample") }
        guard milestone != nil else { throw ValidationError("--rate-historical and --rate-treatment go with --milestone") }
        guard !wuVariance else { throw ValidationError("--wu-variance is for the one-sample log-rank design, not --milestone") }
        if rateHistorical != nil {
            guard medianHistorical == nil, historicalHazards == nil, historicalHazardTimes == nil else {
                throw ValidationError("give --rate-historical or the historical law (--median-historical/--historical-hazards), not both")
            }
            if let p = rateHistorical, !(p > 0 && p < 1) { throw ValidationError("--rate-historical must lie in (0, 1) (got \(p))") }
            return nil
        }
        guard medianHistorical != nil || historicalHazards != nil else {
            throw ValidationError("--milestone needs the historical rate: give --rate-historical P or --median-historical M or --historical-hazards h1,h2,...")
        }
        return try historical()
    }

    /// The historical hazard of the one-sample log-rank design (no milestone flags).
    func logRankHistorical() throws -> HistoricalHazard {
        guard rateHistorical == nil, rateTreatment == nil else {
            throw ValidationError("--rate-historical and --rate-treatment go with --milestone")
        }
        return try historical()
    }

    /// The historical hazard, its failures worded with the flag names.
    func historical() throws -> HistoricalHazard {
        guard oneSample else { throw ValidationError("--median-historical, --historical-hazards, --historical-hazard-times and --wu-variance go with --one-sample") }
        guard (medianHistorical == nil) != (historicalHazards == nil) else {
            throw ValidationError("--one-sample needs the historical control: give --median-historical M or --historical-hazards h1,h2,...")
        }
        if historicalHazardTimes != nil && historicalHazards == nil {
            throw ValidationError("--historical-hazard-times goes with --historical-hazards")
        }
        do {
            if let medianHistorical { return try HistoricalHazard(median: medianHistorical) }
            return try HistoricalHazard(times: historicalHazardTimes ?? [], hazards: historicalHazards ?? [])
        } catch {
            switch error {
            case let .countMismatch(t, h):
                throw ValidationError("--historical-hazards needs one more value than --historical-hazard-times (got \(h) hazards, \(t) times)")
            case .badTimes: throw ValidationError("--historical-hazard-times must be finite, > 0 and increasing")
            case .badHazards:
                throw ValidationError(medianHistorical != nil ? "--median-historical must be a finite number > 0"
                                      : "--historical-hazards must be finite and >= 0, the last > 0")
            }
        }
    }
}
