import SurvivalAnalysis
import TrialDesign

/// `survkit interim`: a group-sequential survival trial analysed at a look.
///
/// JSON: `{"source","design","rows_used","rows_omitted","cut":{"time","entry_column",
/// "patients_excluded","follow_up_truncated","events_censored"}|null,"treatment","control",
/// "strata","arms":[{"arm","group","n","events","expected"}],"events","z","nominal_p_value",
/// "allocation_ratio","hazard_ratio","design_hazard_ratio","alpha","sides","spending","look",
/// "planned_looks","maximum_events","information_fraction","information_rates","critical_value",
/// "stage_level","critical_hazard_ratio","futility_bound","decision","final",
/// "conditional_power_design","conditional_power_observed","repeated_ci_level",
/// "repeated_ci_lower","repeated_ci_upper","over_running","previous_crossing":{"look","z",
/// "critical_value","decision"}|null,"final_inference_look","final_p_value","final_ci_level",
/// "final_ci_lower","final_ci_upper","median_unbiased_hazard_ratio","repeated_p_values",
/// "conditional_rejection_probability","predictive_power","predictive_power_prior",
/// "predictive_power_prior_events",
/// "previous_looks":[{"look","events","z","information_fraction","critical_value","critical_value_p",
/// "hazard_ratio_boundary","repeated_p_value"}],"future_looks":[{"look","information_rate","events",
/// "critical_value","critical_value_p","hazard_ratio_boundary","futility_bound",
/// "conditional_power_design","conditional_power_observed"}]}`. This look's bound on the three
/// scales is `critical_value` (Z), `stage_level` (nominal one-sided p) and `critical_hazard_ratio`;
/// each other look's is `critical_value`, `critical_value_p` and `hazard_ratio_boundary`
/// (TrialDesign's `InterimResult.hazardRatioBoundary(look:)`).
/// `z` is positive in the direction of the design's alternative (treatment better when the
/// design's hazard ratio is below 1). CSV: one row per look (done, this one, planned).
public struct InterimReport: Report, Sendable {
    /// The decision at the look.
    public let result: InterimResult
    /// The log-rank comparison of the arms at the data cut.
    public let comparison: ArmComparison
    /// The data file, its group and strata columns, rows used and left out.
    public let source: String
    /// The column naming the arms.
    public let groupColumn: String
    /// Strata columns of the log-rank test; empty when unstratified.
    public let strataColumns: [String]
    /// Rows used.
    public let rowsUsed: Int
    /// Rows left out for missing values, by column.
    public let omissions: Omissions
    /// The calendar data cut, if one was made.
    public let cut: DataCut?
    /// The design file.
    public let designSource: String

    /// A report of the interim decision and the comparison it rests on.
    public init(result: InterimResult, comparison: ArmComparison, source: String, groupColumn: String,
                strataColumns: [String] = [], rowsUsed: Int, omissions: Omissions = Omissions(), cut: DataCut? = nil,
                designSource: String) {
        self.result = result
        self.comparison = comparison
        self.source = source
        self.groupColumn = groupColumn
        self.strataColumns = strataColumns
        self.rowsUsed = rowsUsed
        self.omissions = omissions
        self.cut = cut
        self.designSource = designSource
    }

    private var design: GroupSequentialDesign { result.design }
    private var plannedLooks: Int { result.informationRates.count }

    // MARK: json

    /// - Complexity: O(K).
    public func json() -> JSONValue {
        let r = result, c = comparison
        var cutValue = JSONValue.null
        if let cut {
            var members: [(String, JSONValue)] = [
                ("time", .number(cut.time)), ("entry_column", .string(cut.entryColumn)),
                ("patients_excluded", .int(cut.patientsExcluded)), ("follow_up_truncated", .int(cut.followUpTruncated)),
                ("events_censored", .int(cut.eventsCensored)),
            ]
            if cut.isDate { members.append(("date", .string(DateText.iso(dayNumber: cut.time)))) }
            cutValue = .object(members)
        }
        let arms: [JSONValue] = [
            .object([("arm", .string("treatment")), ("group", .string(c.treatmentLevel)), ("n", .int(c.patientsTreatment)),
                     ("events", .int(c.eventsTreatment)), ("expected", .number(c.expectedTreatment))]),
            .object([("arm", .string("control")), ("group", .string(c.controlLevel)), ("n", .int(c.patientsControl)),
                     ("events", .int(c.eventsControl)), ("expected", .number(c.expectedControl))]),
        ]
        let previous: [JSONValue] = r.previous.enumerated().map { k, look in
            .object([("look", .int(k + 1)), ("events", .number(look.events)), ("z", .number(look.z)),
                     ("information_fraction", .number(r.informationRates[k])),
                     ("critical_value", .optional(r.criticalValues[k])),
                     ("critical_value_p", .number(r.criticalValueP(look: k + 1))),
                     ("hazard_ratio_boundary", .optional(r.hazardRatioBoundary(look: k + 1))),
                     ("repeated_p_value", .number(r.repeatedPValues[k]))])
        }
        let future: [JSONValue] = r.futureLooks.map { look in
            .object([("look", .int(look.look)), ("information_rate", .number(look.informationRate)),
                     ("events", .number(look.events)), ("critical_value", .optional(look.criticalValue)),
                     ("critical_value_p", .number(r.criticalValueP(look: look.look))),
                     ("hazard_ratio_boundary", .optional(r.hazardRatioBoundary(look: look.look))),
                     ("futility_bound", .optional(look.futilityBound)),
                     ("conditional_power_design", .number(look.conditionalPowerDesign)),
                     ("conditional_power_observed", .number(look.conditionalPowerObserved))])
        }
        return .object([
            ("source", .string(source)), ("design", .string(designSource)),
            ("rows_used", .int(rowsUsed)), ("rows_omitted", .int(omissions.rows)), ("cut", cutValue),
            ("treatment", .string(c.treatmentLevel)), ("control", .string(c.controlLevel)),
            ("strata", .array(strataColumns.map(JSONValue.string))), ("arms", .array(arms)),
            ("events", .int(r.observation.events)), ("z", .number(r.observation.z)),
            ("nominal_p_value", .number(r.nominalPValue)), ("allocation_ratio", .number(r.observation.allocationRatio)),
            ("hazard_ratio", .number(r.observedHazardRatio)), ("design_hazard_ratio", .number(r.plan.hazardRatio)),
            ("alpha", .number(design.alpha)), ("sides", .int(design.sides)),
            ("spending", .string(design.spending.family.rawValue)),
            ("look", .int(r.look)), ("planned_looks", .int(plannedLooks)), ("maximum_events", .int(r.plan.maximumEvents)),
            ("information_fraction", .number(r.informationFraction)),
            ("information_rates", .array(r.informationRates.map(JSONValue.number))),
            ("critical_value", .optional(r.criticalValue)), ("stage_level", .number(r.stageLevel)),
            ("critical_hazard_ratio", .optional(r.criticalHazardRatio)), ("futility_bound", .optional(r.futilityBound)),
            ("decision", .string(r.decision.rawValue)), ("final", .bool(r.isFinal)),
            ("conditional_power_design", .optional(r.conditionalPowerDesign)),
            ("conditional_power_observed", .optional(r.conditionalPowerObserved)),
            ("repeated_ci_level", .number(r.repeatedIntervalLevel)),
            ("repeated_ci_lower", .optional(r.repeatedInterval?.lower)),
            ("repeated_ci_upper", .optional(r.repeatedInterval?.upper)),
            ("over_running", .bool(r.informationFraction > 1)),
            ("previous_crossing", crossingJSON),
            ("final_inference_look", .optional(r.finalInference.map { Double($0.look) })),
            ("final_p_value", .optional(r.finalInference?.pValue)),
            ("final_ci_level", .number(r.repeatedIntervalLevel)),
            ("final_ci_lower", .optional(r.finalInference?.lower)),
            ("final_ci_upper", .optional(r.finalInference?.upper)),
            ("median_unbiased_hazard_ratio", .optional(r.finalInference?.medianUnbiased)),
            ("repeated_p_values", .array(r.repeatedPValues.map(JSONValue.number))),
            ("conditional_rejection_probability", .optional(r.conditionalRejectionProbability)),
            ("predictive_power", .optional(r.predictivePower)),
            ("predictive_power_prior", .string(r.predictivePriorEvents == nil ? "flat" : "design")),
            ("predictive_power_prior_events", .optional(r.predictivePriorEvents)),
            ("previous_looks", .array(previous)), ("future_looks", .array(future)),
        ])
    }

    private var crossingJSON: JSONValue {
        guard let crossing = result.previousCrossing else { return .null }
        return .object([("look", .int(crossing.look)), ("z", .number(crossing.z)),
                        ("critical_value", .number(crossing.criticalValue)),
                        ("decision", .string(crossing.decision.rawValue))])
    }

    // MARK: csv

    /// One row per look: the looks done (`previous`), this one (`current`, with the decision,
    /// hazard ratio and repeated interval) and those planned (`planned`, with the conditional power).
    /// - Complexity: O(K).
    public func csv() -> String {
        let r = result
        var writer = CSVWriter(header: [
            "look", "status", "information_rate", "events", "z", "critical_value", "futility_bound", "decision",
            "hazard_ratio", "repeated_ci_lower", "repeated_ci_upper", "conditional_power_design",
            "conditional_power_observed", "repeated_p_value", "critical_value_p", "hazard_ratio_boundary",
        ])
        // Every look's bound on the nominal p-value and hazard-ratio scales, appended to its row.
        func scales(_ k: Int) -> [CSVWriter.Cell] { [.number(r.criticalValueP(look: k)), .number(r.hazardRatioBoundary(look: k))] }
        for (k, look) in r.previous.enumerated() {
            writer.append([.int(k + 1), .text("previous"), .number(r.informationRates[k]), .number(look.events),
                           .number(look.z), .number(finite(r.criticalValues[k])), .number(nil), .text("NA"),
                           .number(nil), .number(nil), .number(nil), .number(nil), .number(nil),
                           .number(r.repeatedPValues[k])] + scales(k + 1))
        }
        writer.append([.int(r.look), .text("current"), .number(r.informationFraction), .int(r.observation.events),
                       .number(r.observation.z), .number(finite(r.criticalValue)), .number(r.futilityBound),
                       .text(r.decision.rawValue), .number(r.observedHazardRatio), .number(r.repeatedInterval?.lower),
                       .number(r.repeatedInterval?.upper), .number(nil), .number(nil),
                       .number(r.repeatedPValues[r.look - 1])] + scales(r.look))
        for look in r.futureLooks {
            writer.append([.int(look.look), .text("planned"), .number(look.informationRate), .number(look.events),
                           .number(nil), .number(finite(look.criticalValue)), .number(look.futilityBound), .text("NA"),
                           .number(nil), .number(nil), .number(nil), .number(look.conditionalPowerDesign),
                           .number(look.conditionalPowerObserved), .number(nil)] + scales(look.look))
        }
        return writer.rendered()
    }

    private func finite(_ x: Double) -> Double? { x.isFinite ? x : nil }

    // MARK: text

    /// - Complexity: O(K).
    public func text() -> String {
        let r = result, c = comparison
        var out = "Interim analysis of a group-sequential survival trial\n"
        out += "data: \(source)  group: \(groupColumn)"
        if !strataColumns.isEmpty { out += "  strata: \(strataColumns.joined(separator: ", "))" }
        out += "\ndesign: \(designSource): \(design.looks) look\(design.looks == 1 ? "" : "s"), \(design.spending) alpha spending, "
        out += design.sides == 2 ? "two-sided alpha \(number(design.alpha))" : "one-sided alpha \(number(design.alpha))"
        if let futility = design.futilitySpending { out += ", non-binding \(futility) futility" }
        out += "; maximum \(r.plan.maximumEvents) events; hazard ratio \(number(r.plan.hazardRatio))\n"
        if let cut {
            let when = cut.isDate ? "date \(DateText.iso(dayNumber: cut.time))" : "calendar time \(NumberText.significant(cut.time, digits: 6))"
            out += "data cut at \(when) ('\(cut.entryColumn)'): "
                + "\(cut.patientsExcluded) patient\(cut.patientsExcluded == 1 ? "" : "s") entered later and are left out; "
                + "\(cut.followUpTruncated) followed past the cut are censored at it "
                + "(\(cut.eventsCensored) of them had their event after the cut)\n"
        }
        out += "n= \(rowsUsed), " + (omissions.sentence ?? "no rows left out") + ".\n\n"

        var arms = TextTable([("", .left), (groupColumn, .left), ("N", .right), ("events", .right), ("expected", .right)])
        arms.append(["treatment", c.treatmentLevel, String(c.patientsTreatment), String(c.eventsTreatment),
                     NumberText.fixed(c.expectedTreatment, decimals: 2)])
        arms.append(["control", c.controlLevel, String(c.patientsControl), String(c.eventsControl),
                     NumberText.fixed(c.expectedControl, decimals: 2)])
        out += arms.rendered(indent: 2) + "\n"

        let favours = r.plan.direction == .belowOne ? "treatment better" : "higher hazard on treatment, the design's alternative"
        out += "Look \(r.look) of \(plannedLooks)\(r.isFinal ? " (final analysis)" : ""): \(r.observation.events) events of "
            + "\(r.plan.maximumEvents) planned, information fraction \(NumberText.fixed(r.informationFraction, decimals: 4))\n"
        if r.isFinal, r.observation.events != r.plan.maximumEvents {
            let how = r.informationFraction > 1 ? "over-runs" : "under-runs"
            out += "  (this final look \(how) the planned events: the boundary spends the alpha spent at the earlier looks, then all the rest)\n"
        }
        var table: [[String]] = []
        table.append(["log-rank Z", "\(NumberText.fixed(r.observation.z, decimals: 4)) (positive = \(favours)); "
                      + "nominal one-sided p \(NumberText.pValue(r.nominalPValue, digits: 4))"])
        table.append(["hazard ratio", "\(number(r.observedHazardRatio)) (from Z; T:C allocation \(number(r.observation.allocationRatio)))"])
        table.append(["efficacy bound", "Z >= \(NumberText.fixed(r.criticalValue, decimals: 4)) (nominal level "
                      + "\(NumberText.significant(r.stageLevel, digits: 4)); hazard ratio "
                      + "\(r.plan.direction == .belowOne ? "<=" : ">=") \(number(r.criticalHazardRatio)))"])
        if design.sides == 2 {
            table.append(["harm bound", "Z <= \(NumberText.fixed(-r.criticalValue, decimals: 4))"])
        }
        table.append(["futility bound", r.futilityBound.map { "Z <= \(NumberText.fixed($0, decimals: 4)) (non-binding)" }
                      ?? (design.futilitySpending == nil ? "none" : "none at the final look")])
        if let interval = r.repeatedInterval {
            table.append(["repeated CI", "\(percent(r.repeatedIntervalLevel)) for the hazard ratio: "
                          + "\(number(interval.lower)) to \(number(interval.upper))"])
        }
        // Labels padded to one width, as a headerless two-column table.
        let width = table.map { $0[0].count }.max() ?? 0
        for row in table {
            out += "  " + row[0] + String(repeating: " ", count: width - row[0].count + 2) + row[1] + "\n"
        }
        out += "\nDecision: \(decisionText)\n"
        if let crossing = r.previousCrossing {
            let bound = crossing.decision == .harm
                ? "harm bound (Z \(NumberText.fixed(crossing.z, decimals: 4)) <= \(NumberText.fixed(-crossing.criticalValue, decimals: 4)))"
                : "efficacy bound (Z \(NumberText.fixed(crossing.z, decimals: 4)) >= \(NumberText.fixed(crossing.criticalValue, decimals: 4)))"
            out += "Warning: look \(crossing.look) already crossed the \(bound): the trial could have stopped there; "
                + "the final inference below is made at look \(crossing.look)\n"
        }
        out += finalInferenceText

        if !r.futureLooks.isEmpty {
            out += "\nConditional power (probability of rejecting H0 by each later look, given the data so far)\n"
            var future = TextTable(numeric: ["look", "information", "events", "critical z", "futility z",
                                             "HR \(number(r.plan.hazardRatio)) (design)",
                                             "HR \(number(r.observedHazardRatio)) (observed)"])
            for look in r.futureLooks {
                future.append([String(look.look), NumberText.fixed(look.informationRate, decimals: 4),
                               NumberText.fixed(look.events, decimals: 2), NumberText.fixed(look.criticalValue, decimals: 4),
                               look.futilityBound.map { NumberText.fixed($0, decimals: 4) } ?? "-",
                               NumberText.fixed(look.conditionalPowerDesign, decimals: 4),
                               NumberText.fixed(look.conditionalPowerObserved, decimals: 4)])
            }
            out += future.rendered(indent: 2)
        }
        if !r.previous.isEmpty {
            out += "\nEarlier looks (as they happened)\n"
            var previous = TextTable(numeric: ["look", "events", "information", "Z", "critical z"])
            for (k, look) in r.previous.enumerated() {
                previous.append([String(k + 1), NumberText.roundTrip(look.events),
                                 NumberText.fixed(r.informationRates[k], decimals: 4),
                                 NumberText.fixed(look.z, decimals: 4), NumberText.fixed(r.criticalValues[k], decimals: 4)])
            }
            out += previous.rendered(indent: 2)
        }
        return out
    }

    /// The adjusted inference, repeated p-values, conditional rejection probability and
    /// predictive power, as the text report prints them.
    private var finalInferenceText: String {
        let r = result
        var out = ""
        if let f = r.finalInference {
            out += "\nFinal inference at look \(f.look) (stage-wise ordering, adjusted for the looks)\n"
            var rows: [[String]] = []
            rows.append(["p-value", NumberText.pValue(f.pValue, digits: 4)
                         + (design.sides == 1 ? " (one-sided)" : f.look > 1 ? " (two-sided)" : " (one-sided: rpact gives the one-sided p-value at a first-look stop)")])
            if let lower = f.lower, let upper = f.upper {
                rows.append(["\(percent(r.repeatedIntervalLevel)) CI", "for the hazard ratio: \(number(lower)) to \(number(upper))"])
            } else {
                rows.append(["\(percent(r.repeatedIntervalLevel)) CI", "not available (Z beyond 8)"])
            }
            rows.append(["median-unbiased", f.medianUnbiased.map { "hazard ratio \(number($0))" } ?? "not available"])
            out += labelled(rows)
        }
        out += "\nRepeated p-values: "
            + r.repeatedPValues.enumerated().map { "look \($0.offset + 1) \(NumberText.pValue($0.element, digits: 4))" }
                .joined(separator: ", ") + "\n"
        if let crp = r.conditionalRejectionProbability {
            out += "Conditional rejection probability (under H0, given the data so far): \(NumberText.fixed(crp, decimals: 4))\n"
        }
        if let predictive = r.predictivePower {
            let prior = r.predictivePriorEvents.map {
                "a design prior: hazard ratio \(number(r.plan.hazardRatio)) worth \(NumberText.roundTrip($0)) event\($0 == 1 ? "" : "s")"
            } ?? "a flat prior"
            out += "Predictive power (conditional power averaged over the posterior of the effect, \(prior)): "
                + "\(NumberText.fixed(predictive, decimals: 4))\n"
        }
        return out
    }

    private func labelled(_ table: [[String]]) -> String {
        let width = table.map { $0[0].count }.max() ?? 0
        return table.map { "  " + $0[0] + String(repeating: " ", count: width - $0[0].count + 2) + $0[1] + "\n" }.joined()
    }

    /// The decision in words, as the text report prints it.
    public var decisionText: String {
        let r = result
        switch r.decision {
        case .continueTrial: return "continue (Z is between the bounds)"
        case .efficacy:
            return r.isFinal ? "reject H0 at the final analysis (Z reached the efficacy bound)"
                : "stop for efficacy (Z reached the efficacy bound)"
        case .futility: return "stop for futility may be considered (Z is at or below the non-binding futility bound)"
        case .harm: return "stop: Z reached the lower bound (H0 rejected, treatment worse)"
        case .finalNotRejected: return "H0 not rejected at the final analysis"
        }
    }

    private func number(_ x: Double) -> String { NumberText.significant(x, digits: 4) }
    private func percent(_ x: Double) -> String { NumberText.significant(100 * x, digits: 4) + "%" }
}
