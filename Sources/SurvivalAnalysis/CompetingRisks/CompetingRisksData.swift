/// A competing-risks data set: a ``SurvivalData`` whose `event` is "an event of any cause" (or,
/// for a cause-specific analysis, "an event of the chosen cause"), with the cause of each row.
public struct CompetingRisksData: Sendable {
    /// Times (after R's tie rule), groups, strata, covariates and the rows' lines.
    public var data: SurvivalData
    /// Cause of each row: 0 = censored, 1…k = ``status``'s labels.
    public var cause: [Int32]
    /// The causes' labels.
    public var status: CompetingStatus
    /// Number of causes (k).
    public var causeCount: Int { status.labels.count }

    /// A data set from memory: `cause` 0 = censored, 1…k with `labels`. The event flags of
    /// `data` are set to "any cause".
    public init(data: SurvivalData, cause: [Int32], labels: [String]) {
        precondition(cause.count == data.count, "one cause per row")
        var data = data
        data.event = cause.map { $0 > 0 }
        self.data = data
        self.cause = cause
        self.status = CompetingStatus(labels: labels)
    }

    /// The 0-based indices of the rows in increasing time (ties in row order), as R's
    /// `order(time)`.
    func timeOrder() -> [Int] { RadixSort.order(data.time).map(Int.init) }
}
