/// The log-rank (or Fleming–Harrington) test of a ``SurvivalData`` set across the levels of
/// its group column, stratified by its strata: R's
/// `survdiff(Surv(time, event) ~ group + strata(s1, s2), rho = ρ)`, with the labels and row
/// counts a report needs. On (start, stop] data (``SurvivalData/start``) it is the log-rank
/// test with risk sets start < t ≤ stop (``CountingLogRank``), which equals the score test of
/// `coxph(Surv(start, stop, event) ~ factor(group) + strata(s), ties = "exact")`.
public struct LogRankTest: Sendable {
    /// Observed and expected events and their variance, per group.
    public let statistics: LogRankStatistics
    /// The weight function (Fleming–Harrington, or another scheme of ``LogRankWeightScheme``).
    public let scheme: LogRankWeightScheme
    /// The test statistic, degrees of freedom and p-value.
    public let chiSquare: LogRankChiSquare
    /// The file (or `<stdin>`) the data came from.
    public let source: String
    /// The time column.
    public let timeColumn: String
    /// The event column.
    public let eventColumn: String
    /// The group column.
    public let groupColumn: String
    /// Group levels in R's factor order; index g is group code g.
    public let groupLevels: [String]
    /// Strata columns (R's `strata()`); empty for an unstratified test.
    public let strataColumns: [String]
    /// Stratum labels (`inst=1, ph.ecog=0`), empty when unstratified.
    public let strataLevels: [String]
    /// Rows used.
    public let rowsUsed: Int
    /// Rows left out for missing values, by column.
    public let omissions: Omissions

    /// More groups than this are refused: the variance matrix is k × k and each event time
    /// costs O(k²), so a column with thousands of levels (an identifier, most likely) would
    /// exhaust memory or time instead of answering.
    public static let maximumGroups = 1000

    /// The Fleming–Harrington weights; G(0, 0) for a scheme outside that family (see ``scheme``).
    public var weights: FlemingHarrington { statistics.weights }
    /// Number of rows left out for missing values.
    public var rowsOmitted: Int { omissions.rows }
    /// See ``LogRankStatistics/z``: (O − E)/√V of the first level, two groups only.
    public var z: Double? { statistics.z }

    /// Runs the test.
    ///
    /// Errors (``InputError`` naming the file and column): no group column, a group column
    /// with a single level once rows with missing values are left out or with more than
    /// ``maximumGroups`` levels, and no events at all.
    /// - Complexity: as ``LogRank/statistics(time:event:group:groupCount:strata:stratumCount:weights:)-([Double],[Bool],[Int32],Int,[Int32]?,Int,FlemingHarrington)``.
    public init(_ data: SurvivalData, weights: FlemingHarrington = .logRank) throws(InputError) {
        try self.init(data, scheme: .flemingHarrington(weights))
    }

    /// Runs the test with any weight scheme: Fleming–Harrington through the ``LogRank`` kernel,
    /// the other schemes through a ``LogRankEventTable``. Errors as ``init(_:weights:)``.
    /// - Complexity: O(n log n) plus O(D·k²) for D event times.
    public init(_ data: SurvivalData, scheme: LogRankWeightScheme) throws(InputError) {
        let groupColumn = data.spec.group ?? "group"
        guard let group = data.group else {
            throw InputError(file: data.source, message: "the log-rank test needs a group column")
        }
        guard group.levels.count >= 2 else {
            let only = group.levels.first.map { " ('\($0)')" } ?? ""
            throw InputError(file: data.source, column: data.columnNumbers[groupColumn], columnName: groupColumn,
                             message: "group column '\(groupColumn)' has only one level\(only) in the \(data.rowsUsed) rows used; the log-rank test compares two or more groups")
        }
        guard group.levels.count <= LogRankTest.maximumGroups else {
            throw InputError(file: data.source, column: data.columnNumbers[groupColumn], columnName: groupColumn,
                             message: "group column '\(groupColumn)' has \(group.levels.count) levels; the log-rank test compares at most \(LogRankTest.maximumGroups) groups (is it an identifier?)")
        }
        guard data.event.contains(true) else {
            throw InputError(file: data.source, column: data.columnNumbers[data.spec.event], columnName: data.spec.event,
                             message: "no events: all \(data.rowsUsed) rows used are censored; the log-rank test needs at least one event")
        }
        if let start = data.start {
            // (start, stop] data: the log-rank test with risk sets start < t ≤ stop (the score
            // test of coxph(..., ties = "exact")); weights would need a left-truncated KM.
            guard scheme.flemingHarrington?.isLogRank == true else {
                throw InputError(file: data.source, column: data.columnNumbers[data.spec.start ?? data.spec.time],
                                 columnName: data.spec.start ?? data.spec.time,
                                 message: "with (start, stop] data only the unweighted log-rank test is available (not \(scheme))")
            }
            statistics = CountingLogRank.statistics(start: start, stop: data.time, event: data.event, group: group.codes,
                                                    groupCount: group.levels.count, strata: data.strata?.codes,
                                                    stratumCount: data.strata?.levels.count ?? 1)
        } else if let weights = scheme.flemingHarrington {
            statistics = LogRank.statistics(time: data.time, event: data.event, group: group.codes,
                                            groupCount: group.levels.count, strata: data.strata?.codes,
                                            stratumCount: data.strata?.levels.count ?? 1, weights: weights)
            // Σ_g E_g = Σ w·d over event times: zero with events present means every weight
            // S^ρ(1 − S)^γ is 0 — with γ > 0 because every event falls at its stratum's first
            // event time (S(t−) = 1 there), or because the weights underflowed (e.g. γ = 1e9) —
            // and the "test" would be 0 on 0 df, p = 1.
            if !weights.isLogRank, !(statistics.expected.reduce(0, +) > 0) {
                throw InputError(file: data.source, column: data.columnNumbers[data.spec.time], columnName: data.spec.time,
                                 message: "the weights \(weights) are 0 at every event time (gamma > 0 gives 0 where the pooled S(t-) is 1, i.e. at each stratum's first event time; large rho or gamma underflow): the test has no information; use a smaller rho or gamma")
            }
        } else {
            let table = LogRankEventTable(time: data.time, event: data.event, group: group.codes,
                                          groupCount: group.levels.count, strata: data.strata?.codes,
                                          stratumCount: data.strata?.levels.count ?? 1)
            statistics = table.statistics(weights: table.weights(scheme))
        }
        self.scheme = scheme
        chiSquare = statistics.chiSquare()
        // Two or more groups with expected events, or with events (so at risk at an event
        // time), but no variance at all (V = 0: every event at a time where all at risk have
        // the event, or weights 0 wherever the variance is not, as FH γ > 0 at the first
        // event time): the test is undefined. R's survdiff stops there ("system is exactly
        // singular"), and "chi-square 0 on 0 df, p = 1" would read as a finding of no
        // difference. One group with events and the others never at risk stays R's 0 on 0 df.
        if chiSquare.degreesOfFreedom == 0,
           statistics.expected.filter({ $0 > 0 }).count >= 2 || statistics.events.filter({ $0 > 0 }).count >= 2 {
            // R's survdiff computes only G(ρ, 0) (and Peto–Peto, G(1, 0)): it is cited for those.
            let survdiffComputes = scheme == .petoPeto || scheme.flemingHarrington?.gamma == 0
            let reference = survdiffComputes ? " (R's survdiff stops: exactly singular)" : ""
            throw InputError(file: data.source, column: data.columnNumbers[data.spec.time], columnName: data.spec.time,
                             message: "the variance of observed minus expected is 0 (at each event time everyone at risk had the event, or the weight was 0): the \(scheme) test is undefined\(reference)")
        }
        source = data.source
        timeColumn = data.spec.time
        eventColumn = data.spec.event
        self.groupColumn = groupColumn
        groupLevels = group.levels
        strataColumns = data.strata == nil ? [] : data.spec.strata
        strataLevels = data.strata?.levels ?? []
        rowsUsed = data.rowsUsed
        omissions = data.omissions
    }
}
