import TrialDesign

/// The report section "What if hazards are not proportional": the numbers of
/// `NonProportionalScenarios` as a table (this type only formats them).
public struct NonProportionalSection: Sendable {
    /// The computed scenarios.
    public let scenarios: NonProportionalScenarios

    /// A section for `scenarios`.
    /// - Parameter scenarios: the analytic and simulated power under each assumption.
    public init(_ scenarios: NonProportionalScenarios) { self.scenarios = scenarios }

    /// The section: an explanation, then one row per assumption.
    public var section: ReportDocument.Section {
        let s = scenarios
        let rows = s.rows.map { r in
            [r.label, NumberText.fixed(r.expectedEvents, decimals: 1), NumberText.fixed(r.averageHazardRatio, decimals: 3),
             NumberText.fixed(r.powerLogRank, decimals: 3), NumberText.fixed(r.powerAverageHazardRatio, decimals: 3),
             "\(NumberText.fixed(r.simulatedPower, decimals: 3)) (SE \(NumberText.fixed(r.simulatedStandardError, decimals: 3)))"]
        }
        return .init("What if hazards are not proportional", [
            .paragraph("Power of \(s.patients) patients with \(DesignText.number(s.accrualTime)) months of uniform accrual and the analysis "
                + "\(DesignText.number(s.followUp)) months after the last entry, at the design's medians (of the uncured, with a cure "
                + "fraction), alpha and sides: analytic by the at-risk log-rank method and the average-hazard-ratio method "
                + "(`survkit design --delay`, `--cure-fraction`), simulated by `survkit simulate` with the same model "
                + "(\(s.settings.replicates) replicates, seed \(s.settings.seed))."),
            .table(header: ["assumption", "expected events", "AHR", "power (at-risk)", "power (AHR)", "simulated"],
                   rows: rows, numeric: [1, 2, 3, 4, 5]),
        ])
    }
}
