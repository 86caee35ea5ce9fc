/// Why a parametric survival model cannot be fitted to the data given.
public enum SurvregError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No events: nothing identifies the location.
    case noEvents
    /// Fewer than two events while a scale is estimated: the likelihood is unbounded.
    case tooFewEventsForScale(events: Int)
    /// The exponential fixes the scale, so scale strata are meaningless (R stops too).
    case strataWithFixedScale
    /// The intercept-and-scale fit that gives the starting values did not reach finite values.
    case initialFitFailed
    /// A group has no events (the arm check).
    case groupWithoutEvents(group: String)
    /// More parameters (coefficients and one log-scale per stratum) than ``SurvregModel/maximumParameters``:
    /// the p × p information matrix would not fit in memory (20,000 strata asked for 64 GB).
    case tooManyParameters(coefficients: Int, scales: Int)

    /// The problem in words, for a message.
    public var description: String {
        switch self {
        case .noEvents: return "no events: a parametric model needs at least one event"
        case .tooFewEventsForScale(let e):
            return "only \(e) event\(e == 1 ? "" : "s"): the scale cannot be estimated (use the exponential, or more data)"
        case .strataWithFixedScale:
            return "strata give each stratum its own scale, but the exponential fixes the scale at 1"
        case .initialFitFailed: return "the intercept-only fit for the starting values failed (non-finite estimates)"
        case .groupWithoutEvents(let g): return "group '\(g)' has no events: its hazard cannot be estimated"
        case .tooManyParameters(let c, let s):
            return "the model has \(c) coefficients and \(s) scales (one per stratum); at most \(SurvregModel.maximumParameters) parameters are supported (is a strata column an identifier?)"
        }
    }
}
