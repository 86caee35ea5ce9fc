import SurvivalAnalysis
import TrialDesign

/// The adjusted inference of an interim report: a warning for an earlier look that already
/// crossed a bound, the stage-wise-ordering p-value, interval and median-unbiased hazard ratio
/// once the trial stops (rpact's getFinalPValue / getFinalConfidenceInterval), the repeated
/// p-values, and the conditional rejection probability and predictive power that stand next to
/// the conditional power. Formatting only: every number comes from ``InterimResult``.
extension InterimSections {
    /// The warning paragraph for an earlier look whose Z already crossed a bound; nil when none did.
    var previousCrossingWarning: ReportDocument.Block? {
        guard let crossing = report.result.previousCrossing else { return nil }
        let bound = crossing.decision == .harm
            ? "harm bound (Z \(NumberText.fixed(crossing.z, decimals: 4)) ≤ \(NumberText.fixed(-crossing.criticalValue, decimals: 4)))"
            : crossing.decision == .futility
            ? "binding futility bound (Z \(NumberText.fixed(crossing.z, decimals: 4)) ≤ \(NumberText.fixed(crossing.criticalValue, decimals: 4)))"
            : "efficacy bound (Z \(NumberText.fixed(crossing.z, decimals: 4)) ≥ \(NumberText.fixed(crossing.criticalValue, decimals: 4)))"
        return .paragraph("Warning: look \(crossing.look) already crossed the \(bound): the trial could have stopped there, "
            + "so the final inference is made at look \(crossing.look).")
    }

    /// The section of the final inference; nil while the trial continues.
    var finalInferenceSection: ReportDocument.Section? {
        let r = report.result
        guard let f = r.finalInference else { return nil }
        let level = NumberText.significant(r.repeatedIntervalLevel * 100, digits: 4) + "%"
        let sided = r.design.sides == 1 ? "one-sided"
            : f.look > 1 ? "two-sided" : "one-sided: rpact gives the one-sided p-value at a first-look stop"
        let interval = f.lower.flatMap { lower in f.upper.map { "\(hazardRatio(lower)) to \(hazardRatio($0))" } }
            ?? "not available (Z beyond 8)"
        let rows: [[String]] = [
            ["look the inference is made at", "\(f.look) of \(r.informationRates.count)"],
            ["final p-value", "\(NumberText.pValue(f.pValue, digits: 4)) (\(sided))"],
            ["final \(level) CI of the hazard ratio", interval],
            ["median-unbiased hazard ratio", f.medianUnbiased.map(hazardRatio) ?? "not available"],
        ]
        return .init("Final inference", [
            .paragraph("The trial stops at look \(f.look): p-value, confidence interval and median-unbiased estimate "
                + "adjusted for the looks under the stage-wise ordering (rpact's getFinalPValue and getFinalConfidenceInterval; "
                + (r.design.bindingFutility ? "binding futility bounds counted)." : "non-binding futility ignored).")),
            .table(header: ["statistic", "value"], rows: rows, numeric: []),
        ])
    }

    /// The repeated p-value of look `k` (0-based) as printed in the looks table; "-" for a later look.
    func repeatedPValue(look k: Int) -> String {
        let p = report.result.repeatedPValues
        return k < p.count ? NumberText.pValue(p[k], digits: 4) : "-"
    }

    /// The conditional rejection probability and the predictive power, as a paragraph under the
    /// conditional power; nil when neither is given (final look).
    var rejectionAndPredictive: ReportDocument.Block? {
        let r = report.result
        var parts: [String] = []
        if let crp = r.conditionalRejectionProbability {
            parts.append("Conditional rejection probability (under H0, given the data so far; rpact's "
                + "getConditionalRejectionProbabilities): \(NumberText.fixed(crp, decimals: 4)).")
        }
        if let predictive = r.predictivePower {
            let prior = r.predictivePriorEvents.map {
                "a design prior: hazard ratio \(hazardRatio(r.plan.hazardRatio)) worth \(NumberText.roundTrip($0)) event\($0 == 1 ? "" : "s")"
            } ?? "a flat prior"
            parts.append("Predictive power of rejecting by the final look (conditional power averaged over the posterior "
                + "of the effect, \(prior)): \(NumberText.fixed(predictive, decimals: 4)).")
        }
        return parts.isEmpty ? nil : .paragraph(parts.joined(separator: " "))
    }

    private func hazardRatio(_ x: Double) -> String { NumberText.significant(x, digits: 4) }
}
