/// When a simulated trial is analysed.
public enum AnalysisCut: Sendable, Equatable {
    /// Event-driven: at the calendar time of the D-th event (rpact's `plannedEvents`), with
    /// everyone enrolled by then. If fewer than D events ever occur, the trial is analysed when
    /// the last patient's outcome is known, and it does not count as a rejection (as rpact counts
    /// `eventsNotAchieved`).
    case events(Int)
    /// Calendar: `follow-up` after the last patient entered (the end of accrual).
    case followUp(Double)
}
