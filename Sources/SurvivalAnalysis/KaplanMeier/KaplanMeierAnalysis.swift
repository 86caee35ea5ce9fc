/// What `survkit km` computes, chosen once and validated by the caller.
public struct KaplanMeierOptions: Sendable, Equatable {
    /// Kaplan–Meier or Nelson–Aalen (Fleming–Harrington) survival (R's `stype`/`ctype`).
    public var estimator: SurvivalEstimator
    /// The confidence interval transform (R's `conf.type`, default log).
    public var confidenceType: ConfidenceType
    /// In (0, 1).
    public var confidenceLevel: Double
    /// Times at which to read the curves (`--times`), each finite and ≥ 0.
    public var times: [Double]?
    /// Probabilities of the quantiles to report (`--quantiles`), each in [0, 1].
    public var quantiles: [Double]?
    /// Upper limit of the restricted mean (`--tau`), finite and ≥ 0.
    public var tau: Double?
    /// The reverse Kaplan–Meier: censorings are the events and events censor (Schemper &
    /// Smith 1996), as `survfit(Surv(time, 1 - status) ~ ...)`; its median is the median
    /// follow-up.
    public var reverse = false

    /// Options of `survkit km`; the defaults are R's `survfit` defaults.
    public init(estimator: SurvivalEstimator = .kaplanMeier, confidenceType: ConfidenceType = .log,
                confidenceLevel: Double = 0.95, times: [Double]? = nil, quantiles: [Double]? = nil,
                tau: Double? = nil) {
        self.estimator = estimator
        self.confidenceType = confidenceType
        self.confidenceLevel = confidenceLevel
        self.times = times
        self.quantiles = quantiles
        self.tau = tau
    }
}

/// Everything `survkit km` reports for one curve.
public struct CurveSummary: Sendable, Equatable {
    /// The estimated curve.
    public var curve: SurvivalCurve
    /// Its pointwise confidence band.
    public var band: ConfidenceBand
    /// `quantile(fit, 0.5)`.
    public var median: SurvivalQuantile
    /// Quantiles with confidence limits, when asked for (R's `quantile.survfit`).
    public var quantiles: [SurvivalQuantile]?
    /// Survival at the requested times (R's `summary(fit, times =)`).
    public var survivalAt: [SurvivalAtTime]?
    /// Restricted mean survival time to τ, when asked for (R's `print(fit, rmean = tau)`).
    public var restrictedMean: RestrictedMean?
    /// The simultaneous confidence band over its range, when asked for
    /// (``KaplanMeierAnalysis/addSimultaneousBands(_:transform:low:high:)``).
    public var simultaneousBand: SimultaneousBand? = nil
}

/// Kaplan–Meier (or Nelson–Aalen) curves of a data set with everything derived from them: the
/// confidence band, median, chosen quantiles, survival at chosen times and restricted mean.
public struct KaplanMeierAnalysis: Sendable, Equatable {
    /// The options the analysis ran with.
    public var options: KaplanMeierOptions
    /// The group column and strata columns the curves were split by (for labels like R's `sex=1`).
    public var groupColumn: String?
    /// Strata columns whose interaction (with the group) defines the curves.
    public var strataColumns: [String]
    /// Rows used.
    public var rowsUsed: Int
    /// Rows left out for missing values, by column.
    public var omissions: Omissions
    /// One summary per curve, in R's order of the groups (strata).
    public var curves: [CurveSummary]

    /// Number of rows left out for missing values.
    public var rowsOmitted: Int { omissions.rows }

    /// - Complexity: O(n) (O(n log n) for small curves) to build the curves, then O(m·k) per
    ///   curve of m rows for k quantiles.
    public init(_ data: SurvivalData, options: KaplanMeierOptions) {
        var data = data
        if options.reverse { data.event = data.event.map { !$0 } }
        self.options = options
        self.groupColumn = data.group == nil ? nil : data.spec.group
        self.strataColumns = data.strata == nil ? [] : data.spec.strata
        self.rowsUsed = data.rowsUsed
        self.omissions = data.omissions
        self.curves = KaplanMeier.curves(data, estimator: options.estimator).map { curve in
            let band = ConfidenceBand(curve, type: options.confidenceType, level: options.confidenceLevel)
            return CurveSummary(
                curve: curve, band: band, median: curve.median(band: band),
                quantiles: options.quantiles.map { curve.quantiles($0, band: band) },
                survivalAt: options.times.map { curve.survival(at: $0, band: band) },
                restrictedMean: options.tau.map { curve.restrictedMean(tau: $0) })
        }
    }
}
