/// One estimated survival curve: a row for every distinct time with an event or a censoring,
/// as R's `summary(survfit(...), censored = TRUE)` lists them.
///
/// Stored column-wise so a curve of millions of rows costs a handful of arrays.
public struct SurvivalCurve: Sendable, Equatable {
    /// The curve's group label (the group's value as written in the file, or R's `a=1, b=2`
    /// strata label); nil for a single curve over all rows.
    public var label: String?
    /// How the curve was estimated (Kaplan–Meier product limit or Nelson–Aalen).
    public var estimator: SurvivalEstimator
    /// Number of observations in the curve.
    public var n: Int
    /// Number of events in the curve.
    public var events: Int
    /// Distinct times, ascending.
    public var time: [Double]
    /// Number at risk just before each time.
    public var nRisk: [Int32]
    /// Events at each distinct time.
    public var nEvent: [Int32]
    /// Censored at each distinct time.
    public var nCensor: [Int32]
    /// Ŝ(t) at each time (Kaplan–Meier, or exp(−Nelson–Aalen)).
    public var survival: [Double]
    /// Standard error of −log Ŝ(t): what R's survfit stores as `std.err` (Greenwood for
    /// Kaplan–Meier, √Σ d/n² for Nelson–Aalen). +∞ once the Kaplan–Meier estimate reaches 0.
    /// Where survfit uses the infinitesimal jackknife instead (non-integer case weights, or `id`
    /// with a subject's repeated events), its value on the log scale, and 0 once the
    /// Kaplan–Meier estimate reaches 0 (R's standard error of Ŝ is 0 there).
    public var logStandardError: [Double]
    /// Ĥ(t), the Nelson–Aalen cumulative hazard (R's `cumhaz` with `ctype = 1`); only for the
    /// Nelson–Aalen estimator. Its standard error is ``logStandardError`` (R's `std.chaz`).
    public var cumulativeHazard: [Double]?
    /// With case weights (R's `survfit(..., weights =)`): the weighted number at risk, events
    /// and censorings, from which ``survival`` and ``logStandardError`` were computed; nil
    /// without weights. ``nRisk``, ``nEvent`` and ``nCensor`` then count rows.
    public var weighted: WeightedCounts? = nil
    /// The standard error of Ĥ when it is not ``logStandardError``: only the weighted
    /// Nelson–Aalen curve with the jackknife (R's `survfit(..., weights, stype = 2, ctype = 1)`
    /// with non-integer weights), where R reports `std.chaz` itself as the standard error of Ŝ,
    /// so ``logStandardError`` holds `std.chaz`/Ŝ to give R's `std.err` and intervals.
    public var separateHazardStandardError: [Double]? = nil

    /// The standard error of Ĥ at each time (R's `std.chaz`), for Nelson–Aalen curves.
    public var cumulativeHazardStandardError: [Double]? {
        cumulativeHazard == nil ? nil : separateHazardStandardError ?? logStandardError
    }

    /// A curve from its columns, as R's `survfit` object holds them.
    public init(label: String?, estimator: SurvivalEstimator, n: Int, events: Int, time: [Double],
                nRisk: [Int32], nEvent: [Int32], nCensor: [Int32], survival: [Double],
                logStandardError: [Double], cumulativeHazard: [Double]?) {
        self.label = label
        self.estimator = estimator
        self.n = n
        self.events = events
        self.time = time
        self.nRisk = nRisk
        self.nEvent = nEvent
        self.nCensor = nCensor
        self.survival = survival
        self.logStandardError = logStandardError
        self.cumulativeHazard = cumulativeHazard
    }

    /// Number of rows (distinct times).
    public var count: Int { time.count }

    /// Standard error of Ŝ(t) at row `i`, as `summary.survfit` prints it: `std.err × surv`
    /// (the delta method). NaN (R's NA) once Ŝ = 0, where Greenwood's sum is infinite.
    /// - Complexity: O(1).
    public func standardError(at i: Int) -> Double { logStandardError[i] * survival[i] }
}
