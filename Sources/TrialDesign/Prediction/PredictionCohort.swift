import SurvivalAnalysis

/// The patients of a trial as seen at a data cut: calendar entry, follow-up, status and arm.
///
/// Built once from the data as cut (SurvivalAnalysis' `SurvivalData.cut(atCalendarTime:)`). A patient whose
/// follow-up ends before the cut without the event is a dropout, unless a dropout column says
/// otherwise; a patient censored at the cut is still at risk.
public struct PredictionCohort: Sendable {
    /// Calendar time of the cut, on the entry column's scale (in the report unit).
    public let cut: Double
    /// Calendar entry of each patient.
    public let entry: [Double]
    /// Time from entry to the event, the dropout or the cut.
    public let followUp: [Double]
    /// Each patient's status at the cut.
    public let status: [PatientStatus]
    /// Arm index of each patient (0 when the data are blinded/pooled).
    public let arm: [Int]
    /// The arms' labels; one empty label for pooled data.
    public let armLabels: [String]

    /// A cohort given row by row.
    public init(cut: Double, entry: [Double], followUp: [Double], status: [PatientStatus], arm: [Int], armLabels: [String]) {
        self.cut = cut
        self.entry = entry
        self.followUp = followUp
        self.status = status
        self.arm = arm
        self.armLabels = armLabels
    }

    /// The cohort of `data` (which needs its entry column) at calendar time `cut`.
    /// - Parameters:
    ///   - data: the trial's data with its entry column, as loaded (before the cut).
    ///   - cut: the calendar time of the cut, on the entry column's scale.
    ///   - dropout: per row, whether the patient dropped out (a flag on a patient followed to the
    ///     cut means a dropout after it: still at risk at the cut); nil to take every patient
    ///     censored before the cut as a dropout (their follow-up ends before the cut: they are no
    ///     longer followed). A censored time that reaches the cut within 1e-9 (relative) is at the cut.
    ///   - byGroup: fit and simulate the arms of `data.group` separately (unblinded data).
    /// - Complexity: O(n).
    public init(data: SurvivalData, cut: Double, dropout: [Bool]?, byGroup: Bool) {
        let entry = data.entry ?? [Double](repeating: 0, count: data.count)
        let slack = 1e-9 * max(1, abs(cut))
        var status: [PatientStatus] = []
        status.reserveCapacity(data.count)
        for i in 0..<data.count {
            if data.event[i] {
                status.append(.event)
            } else {
                let endsBeforeCut = entry[i] + data.time[i] < cut - slack
                status.append(endsBeforeCut && (dropout?[i] ?? true) ? .dropout : .atRisk)
            }
        }
        if byGroup, let group = data.group {
            self.init(cut: cut, entry: entry, followUp: data.time, status: status,
                      arm: group.codes.map { Int($0) }, armLabels: group.levels)
        } else {
            self.init(cut: cut, entry: entry, followUp: data.time, status: status,
                      arm: [Int](repeating: 0, count: data.count), armLabels: [""])
        }
    }

    /// Patients in the cohort.
    public var count: Int { status.count }
    /// Events observed by the cut.
    public var events: Int { status.filter { $0 == .event }.count }
    /// Patients still followed at the cut.
    public var atRisk: Int { status.filter { $0 == .atRisk }.count }
    /// Patients who dropped out before the cut.
    public var dropouts: Int { status.filter { $0 == .dropout }.count }

    /// The rows of arm `a`.
    func rows(ofArm a: Int) -> [Int] { (0..<count).filter { arm[$0] == a } }
}
