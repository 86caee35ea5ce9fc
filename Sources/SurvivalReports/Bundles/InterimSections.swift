import SurvivalAnalysis
import TrialDesign

/// The sections of an interim report: data cut and disposition, Kaplan–Meier per arm with the
/// risk table, medians with CIs, log-rank and Cox, the boundary decision with the repeated
/// p-values, the final inference once the trial stops, and the conditional power with the
/// conditional rejection probability and predictive power.
/// Everything is formatted from results computed by the library (``InterimReport``,
/// SurvivalAnalysis' `KaplanMeierAnalysis`, the Cox fit); nothing is estimated here.
public struct InterimSections: Sendable {
    /// The interim decision rendered in the report.
    public let report: InterimReport
    /// Kaplan–Meier curves of the arms at the data cut.
    public let curves: KaplanMeierAnalysis
    /// The arm of each curve, as printed ("Empirical (control)").
    public let armLabels: [String]
    /// Cox hazard ratio of treatment vs control with its interval (nil if it could not be fitted).
    public let coxHazardRatio: (estimate: Double, lower: Double, upper: Double, level: Double)?
    /// The Kaplan–Meier figure's SVG.
    public let figure: String

    /// The sections of an interim report from the decision, the curves and the arm labels.
    public init(report: InterimReport, curves: KaplanMeierAnalysis, armLabels: [String],
                coxHazardRatio: (estimate: Double, lower: Double, upper: Double, level: Double)?, figure: String) {
        self.report = report; self.curves = curves; self.armLabels = armLabels
        self.coxHazardRatio = coxHazardRatio; self.figure = figure
    }

    private func number(_ x: Double) -> String { NumberText.significant(x, digits: 4) }
    private func limit(_ x: Double) -> String { x.isNaN ? "not reached" : number(x) }

    /// The report's sections: decision, curves, boundaries and data.
    public var sections: [ReportDocument.Section] {
        let r = report.result, c = report.comparison
        var disposition: [ReportDocument.Block] = []
        var cutText = "Data: \(report.source), arms in column '\(report.groupColumn)'. "
        if let cut = report.cut {
            cutText += "Data cut at calendar time \(NumberText.roundTrip(cut.time)) (entry column '\(cut.entryColumn)'): "
                + "\(report.rowsUsed + cut.patientsExcluded) patients in the file, \(cut.patientsExcluded) entered after the cut "
                + "and are left out, \(report.rowsUsed) are analysed; \(cut.followUpTruncated) were followed past the cut "
                + "and are censored at it (\(cut.eventsCensored) of them had their event after the cut)."
        } else {
            cutText += "\(report.rowsUsed) patients analysed (no data cut)."
        }
        if let omitted = report.omissions.sentence { cutText += " " + omitted + "." }
        disposition.append(.paragraph(cutText))
        disposition.append(.table(
            header: ["role", "\(report.groupColumn) (group)", "patients", "events", "expected (log-rank)"],
            rows: [["treatment", c.treatmentLevel, String(c.patientsTreatment), String(c.eventsTreatment),
                    NumberText.fixed(c.expectedTreatment, decimals: 2)],
                   ["control", c.controlLevel, String(c.patientsControl), String(c.eventsControl),
                    NumberText.fixed(c.expectedControl, decimals: 2)]],
            numeric: [2, 3, 4]))

        let level = NumberText.significant(curves.options.confidenceLevel * 100, digits: 3)
        let medians: [[String]] = zip(curves.curves, armLabels).map { summary, label in
            [label, String(summary.curve.n), String(summary.curve.events), limit(summary.median.time),
             limit(summary.median.lower), limit(summary.median.upper)]
        }
        let km: [ReportDocument.Block] = [
            .figure(file: "km.svg", svg: figure,
                    caption: "Kaplan–Meier estimate of each arm with its \(level)% pointwise confidence band (log scale, R's survfit default); "
                        + "+ marks censorings; the table gives the number at risk at each tick."),
            .table(header: ["arm", "patients", "events", "median", "\(level)% CI lower", "\(level)% CI upper"],
                   rows: medians, numeric: [1, 2, 3, 4, 5]),
        ]

        let favours = r.plan.direction == .belowOne ? "treatment better" : "the design's alternative"
        var tests: [[String]] = [
            ["log-rank Z", "\(NumberText.fixed(r.observation.z, decimals: 4)) (positive = \(favours))"],
            ["nominal one-sided p", NumberText.pValue(r.nominalPValue, digits: 4)],
            ["hazard ratio from Z", number(r.observedHazardRatio)],
        ]
        if let hr = coxHazardRatio {
            tests.append(["Cox hazard ratio, treatment vs control",
                          "\(number(hr.estimate)) (\(NumberText.significant(hr.level * 100, digits: 3))% CI \(number(hr.lower)) to \(number(hr.upper)))"])
        }
        if let interval = r.repeatedInterval {
            tests.append(["repeated CI of the hazard ratio",
                          "\(NumberText.significant(r.repeatedIntervalLevel * 100, digits: 4))%: \(number(interval.lower)) to \(number(interval.upper))"])
        }

        var looks: [[String]] = []
        for k in 0..<r.informationRates.count {
            let observed: String
            if k < r.previous.count { observed = NumberText.fixed(r.previous[k].z, decimals: 4) }
            else if k == r.look - 1 { observed = NumberText.fixed(r.observation.z, decimals: 4) }
            else { observed = "-" }
            let events = k == r.look - 1 ? String(r.observation.events)
                : k < r.previous.count ? NumberText.roundTrip(r.previous[k].events)
                : (r.futureLooks.first { $0.look == k + 1 }.map { NumberText.significant($0.events, digits: 4) } ?? "-") + " planned"
            looks.append([String(k + 1), NumberText.fixed(r.informationRates[k], decimals: 4), events,
                          NumberText.fixed(r.criticalValues[k], decimals: 4), observed, repeatedPValue(look: k)])
        }
        var decision: [ReportDocument.Block] = [
            .table(header: ["look", "information", "events", "efficacy bound (Z)", "observed Z", "repeated p-value"], rows: looks,
                   numeric: [0, 1, 2, 3, 4, 5]),
            .paragraph("This look's efficacy bound on the hazard-ratio scale: HR \(r.plan.direction == .belowOne ? "≤" : "≥") "
                + "\(number(r.criticalHazardRatio)). Decision: \(report.decisionText)."),
        ]
        if let warning = previousCrossingWarning { decision.append(warning) }
        if r.futureLooks.isEmpty {
            decision.append(.paragraph("This is the final analysis: no conditional power is computed."))
        }
        var sections: [ReportDocument.Section] = [
            .init("Data cut and patient disposition", disposition),
            .init("Kaplan–Meier curves by arm", km),
            .init("Log-rank test and hazard ratio", [.table(header: ["statistic", "value"], rows: tests, numeric: [])]),
            .init("Boundary decision", decision),
        ]
        if let final = finalInferenceSection { sections.append(final) }
        if !r.futureLooks.isEmpty {
            let rows = r.futureLooks.map { look in
                [String(look.look), NumberText.fixed(look.events, decimals: 2), NumberText.fixed(look.criticalValue, decimals: 4),
                 NumberText.fixed(look.conditionalPowerDesign, decimals: 4), NumberText.fixed(look.conditionalPowerObserved, decimals: 4)]
            }
            sections.append(.init("Conditional power", [
                .paragraph("Probability of rejecting H0 by each later look given the data so far, under the design's hazard ratio "
                    + "\(number(r.plan.hazardRatio)) and under the observed \(number(r.observedHazardRatio)) (rpact's getConditionalPower)."),
                .table(header: ["look", "events", "critical z", "CP at design HR \(number(r.plan.hazardRatio))", "CP at observed HR \(number(r.observedHazardRatio))"], rows: rows, numeric: [0, 1, 2, 3, 4]),
            ] + (rejectionAndPredictive.map { [$0] } ?? [])))
        }
        return sections
    }
}
