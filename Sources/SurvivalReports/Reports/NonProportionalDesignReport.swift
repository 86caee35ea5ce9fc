import TrialDesign

/// `survkit design` under non-proportional hazards (`--delay`, `--cure-fraction*`,
/// `--hazard-times`/`--hazards-*`/`--hazard-ratios`, `--nph-method`).
///
/// JSON keys (docs/design.md): `method` (`ahr`, `logrank`, `rmst` or `fh`, the one that solved for patients),
/// `hazard_times`, `hazards_control`, `hazards_treatment` (of the uncured), `cure_fraction_control`,
/// `cure_fraction_treatment`, `average_hazard_ratio`, `events`, `events_control`,
/// `events_treatment`, `patients_evaluable` (the exact patients solved for, before rounding; null when
/// power is solved for), `patients_per_arm`, `patients`, `patients_total`, `power`, `power_ahr`,
/// `power_logrank`, `logrank_drift`, `alpha`, `sides`, `accrual_time`, `follow_up`,
/// `study_duration`, with `tau` (`--tau`, required by `--nph-method rmst`) also `tau`,
/// `rmst_control`, `rmst_treatment`, `rmst_difference`, `rmst_se` and `power_rmst` after
/// `logrank_drift`, with FH weights (`--nph-method fh`, `--fh-rho`, `--fh-gamma`) then `fh_rho`,
/// `fh_gamma`, `fh_drift` and `power_fh`, and with looks `power_fixed` (after `power`, which is
/// then the group-sequential power), `inflation_factor` and `looks` `[{look, information_rate,
/// information_fraction, information, drift, critical_value, cumulative_alpha_spent,
/// rejection_probability_h1, cumulative_power, futility_bound, futility_probability_h1, time, events,
/// average_hazard_ratio}]` (the futility keys null without futility bounds and at the last look).
public struct NonProportionalDesignReport: Report, Sendable {
    /// The solved design.
    public let result: NonProportionalResult

    /// A report of `result`.
    public init(_ result: NonProportionalResult) { self.result = result }

    /// The scalar JSON and CSV keys, in output order.
    public static let keys = [
        "method", "cure_fraction_control", "cure_fraction_treatment", "average_hazard_ratio", "events",
        "events_control", "events_treatment", "patients_evaluable", "patients", "patients_total", "power", "power_ahr", "power_logrank",
        "logrank_drift", "alpha", "sides", "accrual_time", "follow_up", "study_duration",
    ]

    /// The RMST keys, present (after `logrank_drift`) when τ is given.
    public static let restrictedMeanKeys = ["tau", "rmst_control", "rmst_treatment", "rmst_difference", "rmst_se", "power_rmst"]
    /// The FH weighted log-rank keys, present (after the RMST keys) with FH weights.
    public static let weightedLogRankKeys = ["fh_rho", "fh_gamma", "fh_drift", "power_fh"]

    /// The optional keys of this result and their values, inserted after `logrank_drift`.
    private var extras: [(String, Double?)] {
        let r = result
        var out: [(String, Double?)] = []
        if let m = r.restrictedMean {
            out += zip(Self.restrictedMeanKeys, [m.tau, m.control, m.treatment, m.difference, m.standardError,
                                                 r.powerRestrictedMean]).map { ($0, $1) }
        }
        if let w = r.request.weights {
            out += zip(Self.weightedLogRankKeys, [w.rho, w.gamma, r.weightedLogRankDrift, r.powerWeightedLogRank]).map { ($0, $1) }
        }
        return out
    }

    /// Where the optional keys go: after `logrank_drift` (an index in ``keys``; the scalars lack `method`,
    /// so it is the index after `logrank_drift` there).
    private static let extrasAt = keys.firstIndex(of: "logrank_drift")! + 1

    /// The scalar keys of this result: ``keys`` plus the optional ones.
    private var scalarKeys: [String] {
        Array(Self.keys[..<Self.extrasAt]) + extras.map(\.0) + Array(Self.keys[Self.extrasAt...])
    }

    private var scalars: [Double?] {
        var values = baseScalars
        values.insert(contentsOf: extras.map(\.1), at: Self.extrasAt - 1)
        return values
    }

    private var baseScalars: [Double?] {
        let r = result
        return [r.request.control.cureFraction, r.request.treatment.cureFraction, r.averageHazardRatio, r.events,
                r.eventsControl, r.eventsTreatment, r.patientsExact, Double(r.patientsPerArm.total), Double(r.patientsTotal), r.power,
                r.powerAverageHazardRatio, r.powerLogRank, r.logRankDrift, r.request.alpha, Double(r.request.sides),
                r.accrualEnd, r.analysisTime - r.accrualEnd, r.analysisTime]
    }

    /// - Complexity: O(pieces + looks).
    public func json() -> JSONValue {
        let r = result
        var fields: [(String, JSONValue)] = [("method", .string(r.request.method.rawValue))]
        for (key, value) in zip(scalarKeys.dropFirst(), scalars) {
            switch key {
            case "patients", "patients_total", "sides": fields.append((key, .int(Int(value!))))
            default: fields.append((key, .optional(value)))
            }
        }
        fields.insert(("patients_per_arm", .object([("treatment", .int(r.patientsPerArm.treatment)),
                                                    ("control", .int(r.patientsPerArm.control))])), at: 8)
        fields.insert(("hazard_times", .array(r.request.control.uncured.times.map(JSONValue.number))), at: 1)
        fields.insert(("hazards_control", .array(r.request.control.uncured.hazards.map(JSONValue.number))), at: 2)
        fields.insert(("hazards_treatment", .array(r.request.treatment.uncured.hazards.map(JSONValue.number))), at: 3)
        if let factor = r.inflationFactor {
            fields.insert(("power_fixed", .number(r.powerFixed)), at: fields.firstIndex { $0.0 == "power" }! + 1)
            fields.append(("inflation_factor", .number(factor)))
            fields.append(("looks", .array(r.looks.enumerated().map { k, look in
                .object([("look", .int(k + 1)), ("information_rate", .number(look.informationRate)),
                         ("information_fraction", .number(look.informationFraction)),
                         ("information", .number(look.information)), ("drift", .number(look.drift)),
                         ("critical_value", .number(look.criticalValue)),
                         ("cumulative_alpha_spent", .number(look.cumulativeAlphaSpent)),
                         ("rejection_probability_h1", .number(look.rejectionProbability)),
                         ("cumulative_power", .number(look.cumulativePower)),
                         ("futility_bound", .optional(look.futilityBound)),
                         ("futility_probability_h1", .optional(look.futilityProbability)), ("time", .number(look.time)),
                         ("events", .number(look.events)), ("average_hazard_ratio", .number(look.averageHazardRatio))])
            })))
        }
        return .object(fields)
    }

    /// The per-look CSV columns, after the scalars, `patients_per_arm` and `inflation_factor`: the
    /// JSON `looks` keys, in that order.
    public static let lookKeys = [
        "look", "information_rate", "information_fraction", "information", "drift", "critical_value",
        "cumulative_alpha_spent", "rejection_probability_h1", "cumulative_power", "futility_bound",
        "futility_probability_h1", "time", "events_look", "average_hazard_ratio_look",
    ]

    /// One row of the scalar keys; `patients_per_arm` is `T:C`. With looks, one row per look (the
    /// long form the proportional-hazards design writes): the scalars, with `power_fixed` after
    /// `power`, repeated, then `inflation_factor` and ``lookKeys`` (`events_look` and
    /// `average_hazard_ratio_look` are the look's, beside the final analysis's `events` and
    /// `average_hazard_ratio`).
    /// - Complexity: O(looks).
    public func csv() -> String {
        let r = result
        var keys = scalarKeys
        var values = scalars.map { CSVWriter.Cell.number($0) }
        guard let factor = r.inflationFactor else {
            var writer = CSVWriter(header: keys + ["patients_per_arm"])
            writer.append([.text(r.request.method.rawValue)] + values + [.text("\(r.patientsPerArm.treatment):\(r.patientsPerArm.control)")])
            return writer.rendered()
        }
        let powerAt = keys.firstIndex(of: "power")!
        keys.insert("power_fixed", at: powerAt + 1)
        values.insert(.number(r.powerFixed), at: powerAt)  // values lack `method`
        var writer = CSVWriter(header: keys + ["patients_per_arm", "inflation_factor"] + Self.lookKeys)
        let shared: [CSVWriter.Cell] = [.text(r.request.method.rawValue)] + values
            + [.text("\(r.patientsPerArm.treatment):\(r.patientsPerArm.control)"), .number(factor)]
        for (k, look) in r.looks.enumerated() {
            writer.append(shared + [.int(k + 1)] + [look.informationRate, look.informationFraction, look.information, look.drift,
                                                    look.criticalValue, look.cumulativeAlphaSpent, look.rejectionProbability,
                                                    look.cumulativePower, look.futilityBound, look.futilityProbability, look.time,
                                                    look.events, look.averageHazardRatio].map { CSVWriter.Cell.number($0) })
        }
        return writer.rendered()
    }

    private static func law(_ law: ArmLaw) -> String {
        let u = law.uncured
        var text = u.isExponential
            ? "hazard \(DesignText.number(u.hazards[0])) (median \(DesignText.number(u.median)))"
            : zip(u.times, u.hazards).map { "\(DesignText.number($1)) from \(DesignText.number($0))" }.joined(separator: ", ")
        if law.cureFraction > 0 { text = "\(DesignText.percent(law.cureFraction)) cured; uncured: " + text }
        return text
    }

    /// - Complexity: O(pieces + looks).
    public func text() -> String {
        let r = result, q = r.request
        let methodTitle = switch q.method {
        case .ahr: "average hazard ratio (AHR)"
        case .logrank: "log-rank at-risk (Lakatos-type)"
        case .rmst: "restricted mean survival time (RMST)"
        case .fh: "Fleming–Harrington weighted log-rank at-risk"
        }
        var out = "Two-arm time-to-event design under non-proportional hazards, \(methodTitle) method; solved for "
            + DesignText.unknown(q.unknown) + "\n\n"
        var assumptions = TextTable([("Assumption", .left), ("Value", .left)])
        assumptions.append(["control", Self.law(q.control)])
        assumptions.append(["treatment", Self.law(q.treatment)])
        assumptions.append(["alpha", "\(DesignText.number(q.alpha)), \(q.sides == 2 ? "two" : "one")-sided"])
        if q.unknown == .patients { assumptions.append(["power (target)", DesignText.number(q.power)]) }
        assumptions.append(["allocation T:C", q.allocation.description])
        assumptions.append(["accrual", DesignText.accrual(q.accrual, end: r.accrualEnd)])
        assumptions.append(["analysis", q.followUp.map { "\(DesignText.number($0)) after accrual ends" }
                            ?? "at \(DesignText.number(q.events!)) expected events"])
        assumptions.append(["dropout", q.dropoutInflation > 0 ? "\(DesignText.percent(q.dropoutInflation)) (patients inflated)"
                            : q.dropoutHazard > 0 ? "exponential, hazard \(DesignText.number(q.dropoutHazard))" : "none"])
        out += assumptions.rendered(indent: 2)
        if !q.defaults.isEmpty { out += "  Defaults used: \(q.defaults.joined(separator: ", "))\n" }

        var table = TextTable([("Result", .left), ("Value", .left)])
        table.append(["patients per arm", "\(r.patientsPerArm.treatment) treatment, \(r.patientsPerArm.control) control"])
        table.append(["patients to enrol", String(r.patientsTotal)])
        table.append(["expected events", "\(NumberText.fixed(r.events, decimals: 2)) (treatment \(NumberText.fixed(r.eventsTreatment, decimals: 2)), control \(NumberText.fixed(r.eventsControl, decimals: 2)))"])
        table.append(["average hazard ratio", DesignText.number(r.averageHazardRatio)])
        if !r.looks.isEmpty {
            table.append(["power, group-sequential (\(q.method.rawValue))", DesignText.number(r.power)])
        }
        let fixed = r.looks.isEmpty ? "" : " (fixed design)"
        table.append(["power, log-rank at-risk" + fixed, DesignText.number(r.powerLogRank)])
        table.append(["power, AHR method" + fixed, DesignText.number(r.powerAverageHazardRatio)])
        if let m = r.restrictedMean, let power = r.powerRestrictedMean {
            table.append(["RMST to \(DesignText.number(m.tau))", "\(DesignText.number(m.treatment)) treatment, \(DesignText.number(m.control)) control"])
            table.append(["RMST difference (SE)", "\(DesignText.number(m.difference)) (\(DesignText.number(m.standardError)))"])
            table.append(["power, RMST difference" + fixed, DesignText.number(power)])
        }
        if let w = q.weights, let power = r.powerWeightedLogRank {
            table.append(["power, FH(\(DesignText.number(w.rho)), \(DesignText.number(w.gamma))) log-rank" + fixed, DesignText.number(power)])
        }
        table.append(["accrual time", DesignText.number(r.accrualEnd)])
        table.append(["study duration", DesignText.number(r.analysisTime)])
        if let factor = r.inflationFactor { table.append(["inflation factor", DesignText.number(factor)]) }
        out += "\n" + table.rendered(indent: 2)
        if !r.looks.isEmpty {
            let futility = r.looks.contains { $0.futilityBound != nil }
            var looks = TextTable([("Look", .right), ("Event rate", .right), ("Info fraction", .right), ("Drift", .right),
                                   ("Critical z", .right), ("Reject H1", .right), ("Cum. power", .right)]
                                  + (futility ? [("Futility z", .right), ("Futility H1", .right)] : [])
                                  + [("Time", .right), ("Events", .right), ("AHR", .right)])
            for (k, look) in r.looks.enumerated() {
                let stop = futility ? [look.futilityBound.map(DesignText.number) ?? "", look.futilityProbability.map(DesignText.number) ?? ""] : []
                looks.append([String(k + 1), DesignText.number(look.informationRate), DesignText.number(look.informationFraction),
                              DesignText.number(look.drift), DesignText.number(look.criticalValue),
                              DesignText.number(look.rejectionProbability), DesignText.number(look.cumulativePower)]
                             + stop + [DesignText.number(look.time), NumberText.fixed(look.events, decimals: 2),
                              DesignText.number(look.averageHazardRatio)])
            }
            out += "\n" + looks.rendered(indent: 2)
        }
        return out
    }
}
