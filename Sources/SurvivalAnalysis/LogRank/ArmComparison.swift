/// The log-rank comparison of a treatment arm with a control arm, oriented on the treatment:
/// R's `survdiff(Surv(time, event) ~ arm (+ strata(...)))` for a two-level group, with the
/// treatment's observed and expected events and the variance of O − E (stratified sums when the
/// data have strata), as an interim analysis of a two-arm trial needs them.
public struct ArmComparison: Sendable, Equatable {
    /// The treatment arm's level of the group column.
    public let treatmentLevel: String
    /// The control arm's level of the group column.
    public let controlLevel: String
    /// Patients in the treatment arm.
    public let patientsTreatment: Int
    /// Patients in the control arm.
    public let patientsControl: Int
    /// Events in the treatment arm.
    public let eventsTreatment: Int
    /// Events in the control arm.
    public let eventsControl: Int
    /// O_T, E_T and Var(O_T − E_T) (hypergeometric).
    public let observedTreatment: Double
    /// E_T, the treatment's expected events under the null.
    public let expectedTreatment: Double
    /// Var(O_T − E_T), hypergeometric, summed over strata.
    public let variance: Double

    /// All events.
    public var events: Int { eventsTreatment + eventsControl }
    /// E_C = D − E_T: the expected events of two arms add up to all the events.
    public var expectedControl: Double { Double(events) - expectedTreatment }
    /// (O_T − E_T)/√V: negative when the treatment arm has fewer events than expected under equal
    /// hazards (treatment better); z² is survdiff's chi-square.
    public var z: Double { (observedTreatment - expectedTreatment) / variance.squareRoot() }
    /// n_T / n_C (rpact's `overallAllocationRatios`).
    public var allocationRatio: Double { Double(patientsTreatment) / Double(patientsControl) }

    /// Errors (``InputError`` naming the file and the group column): no group column, a group
    /// with other than two levels in the rows used, a treatment level that is not one of them,
    /// no events, and events that carry no information (variance 0: no event with both arms at risk).
    /// - Complexity: as ``LogRank/statistics(time:event:group:groupCount:strata:stratumCount:weights:)-([Double],[Bool],[Int32],Int,[Int32]?,Int,FlemingHarrington)``.
    public init(_ data: SurvivalData, treatment: String) throws(InputError) {
        let column = data.spec.group ?? "group"
        guard let group = data.group else {
            throw InputError(file: data.source, message: "comparing arms needs the group column (--group COL)")
        }
        guard group.levels.count == 2 else {
            let shown = group.levels.prefix(5).map { "'\($0)'" }.joined(separator: ", ")
                + (group.levels.count > 5 ? ", ..." : "")
            throw InputError(file: data.source, columnName: column,
                             message: "group column '\(column)' has \(group.levels.count) level\(group.levels.count == 1 ? "" : "s") (\(shown)) in the \(data.rowsUsed) rows used; an interim analysis compares exactly 2 arms")
        }
        guard let t = group.levels.firstIndex(of: treatment) else {
            throw InputError(file: data.source, columnName: column,
                             message: "treatment level '\(treatment)' is not a level of '\(column)' ('\(group.levels[0])', '\(group.levels[1])')")
        }
        guard data.event.contains(true) else {
            throw InputError(file: data.source, columnName: data.spec.event,
                             message: "no events: all \(data.rowsUsed) rows used are censored; the log-rank test needs at least one event")
        }
        let s = LogRank.statistics(time: data.time, event: data.event, group: group.codes, groupCount: 2,
                                   strata: data.strata?.codes, stratumCount: data.strata?.levels.count ?? 1)
        guard s.variance(t, t) > 0 else {
            throw InputError(file: data.source, columnName: column,
                             message: "the log-rank statistic is undefined: no event happened while both arms were at risk")
        }
        let c = 1 - t
        treatmentLevel = group.levels[t]
        controlLevel = group.levels[c]
        patientsTreatment = s.size[t]
        patientsControl = s.size[c]
        eventsTreatment = s.events[t]
        eventsControl = s.events[c]
        observedTreatment = s.observed[t]
        expectedTreatment = s.expected[t]
        variance = s.variance(t, t)
    }
}
