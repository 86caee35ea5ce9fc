import TrialDesign

/// `survkit design`: one solved design, as the contract's keys.
///
/// JSON and CSV carry exactly `method, hazard_ratio, hazard_control, hazard_treatment,
/// events_required, events, probability_event, probability_event_treatment,
/// probability_event_control, patients_evaluable, patients_per_arm, patients, patients_total,
/// power, alpha, sides, accrual_time, follow_up, study_duration`; a quantity that needs an
/// assumption that was not stated is `null` / `NA`, and the text says which assumption is missing.
public struct DesignReport: Report, Sendable {
    /// The solved design.
    public let result: DesignResult

    /// A report of `result`.
    public init(_ result: DesignResult) { self.result = result }

    /// The JSON keys of the CLI contract, in output order (docs/design.md).
    public static let keys = [
        "method", "hazard_ratio", "hazard_control", "hazard_treatment", "events_required", "events",
        "probability_event", "probability_event_treatment", "probability_event_control", "patients_evaluable",
        "patients_per_arm", "patients", "patients_total", "power", "alpha", "sides", "accrual_time",
        "follow_up", "study_duration",
    ]

    /// - Complexity: O(1).
    public func json() -> JSONValue {
        let r = result
        let perArm: JSONValue = r.patientsPerArm.map {
            .object([("treatment", .int($0.treatment)), ("control", .int($0.control))])
        } ?? .null
        let values: [JSONValue] = [
            .string(r.method.rawValue), .number(r.hazardRatio), .number(r.hazardControl), .number(r.hazardTreatment),
            .number(r.eventsRequired), .int(r.events), .optional(r.probabilityEvent?.overall),
            .optional(r.probabilityEvent?.treatment), .optional(r.probabilityEvent?.control),
            .optional(r.patientsEvaluable), perArm, r.patients.map(JSONValue.int) ?? .null,
            r.patientsTotal.map(JSONValue.int) ?? .null, .number(r.power), .number(r.alpha), .int(r.sides),
            .optional(r.accrualTime), .optional(r.followUp), .optional(r.studyDuration),
        ]
        return .object(Array(zip(Self.keys, values)))
    }

    /// One row; `patients_per_arm` is `T:C` (treatment:control), as the allocation is written.
    /// - Complexity: O(1).
    public func csv() -> String {
        let r = result
        var writer = CSVWriter(header: Self.keys)
        writer.append([
            .text(r.method.rawValue), .number(r.hazardRatio), .number(r.hazardControl), .number(r.hazardTreatment),
            .number(r.eventsRequired), .int(r.events), .number(r.probabilityEvent?.overall),
            .number(r.probabilityEvent?.treatment), .number(r.probabilityEvent?.control), .number(r.patientsEvaluable),
            .text(r.patientsPerArm.map { "\($0.treatment):\($0.control)" } ?? "NA"),
            r.patients.map(CSVWriter.Cell.int) ?? .text("NA"), r.patientsTotal.map(CSVWriter.Cell.int) ?? .text("NA"),
            .number(r.power), .number(r.alpha), .int(r.sides), .number(r.accrualTime), .number(r.followUp),
            .number(r.studyDuration),
        ])
        return writer.rendered()
    }

    /// - Complexity: O(1).
    public func text() -> String {
        let r = result
        let a = r.request.assumptions
        var out = "Two-arm exponential time-to-event design, \(r.method.title) method; solved for \(DesignText.unknown(r.request.unknown))\n\n"
        var assumptions = TextTable([("Assumption", .left), ("Value", .left)])
        assumptions.append(["hazard ratio (T/C)", DesignText.number(r.hazardRatio)])
        assumptions.append(["control", "median \(DesignText.number(r.median(.control))), hazard \(DesignText.number(r.hazardControl))"])
        assumptions.append(["treatment", "median \(DesignText.number(r.median(.treatment))), hazard \(DesignText.number(r.hazardTreatment))"])
        assumptions.append(["alpha", "\(DesignText.number(a.alpha)), \(a.sides == 2 ? "two" : "one")-sided"])
        assumptions.append([r.request.unknown == .power ? "power" : "power (target)",
                            r.request.unknown == .power ? "solved below" : DesignText.number(a.power)])
        assumptions.append(["allocation T:C", a.allocation.description])
        assumptions.append(["accrual", DesignText.accrual(a.accrual, end: r.accrualTime)])
        assumptions.append(["follow-up", a.followUp.map(DesignText.number) ?? (r.followUp != nil ? "solved below" : "not stated")])
        assumptions.append(["dropout", DesignText.dropout(a)])
        if let patients = r.request.patients { assumptions.append(["patients enrolled", DesignText.number(patients)]) }
        if let events = r.request.events { assumptions.append(["events", DesignText.number(events)]) }
        out += assumptions.rendered(indent: 2)
        if !r.request.defaults.isEmpty { out += "  Defaults used: \(r.request.defaults.joined(separator: ", "))\n" }

        var table = TextTable([("Result", .left), ("Value", .left)])
        let given = r.request.patients != nil
        table.append([given ? "events expected" : "events required",
                      "\(NumberText.fixed(r.eventsRequired, decimals: 2)) -> \(r.events)"])
        if let p = r.probabilityEvent {
            table.append(["P(event) by analysis", "\(DesignText.number(p.overall)) (treatment \(DesignText.number(p.treatment)), "
                          + "control \(DesignText.number(p.control)))"])
        }
        if let n = r.patientsEvaluable { table.append(["patients evaluable", NumberText.fixed(n, decimals: 2)]) }
        if let perArm = r.patientsPerArm {
            table.append(["patients per arm", "\(perArm.treatment) treatment, \(perArm.control) control"])
        }
        if let n = r.patients { table.append(["patients", String(n)]) }
        if let n = r.patientsTotal {
            table.append(["patients to enrol", a.dropoutInflation > 0
                ? "\(n) (after \(DesignText.percent(a.dropoutInflation)) dropout)" : String(n)])
        }
        table.append(["power", DesignText.number(r.power) + (r.request.unknown == .power ? "" : " (target)")])
        if let accrual = r.accrualTime { table.append(["accrual time", DesignText.number(accrual)]) }
        if let followUp = r.followUp { table.append(["follow-up", DesignText.number(followUp)]) }
        if let duration = r.studyDuration { table.append(["study duration", DesignText.number(duration)]) }
        out += "\n" + table.rendered(indent: 2)
        for note in r.notes { out += "\nNote: \(note.flagSpelled).\n" }
        return out
    }
}

/// How design quantities are spelled for people.
enum DesignText {
    static func number(_ x: Double) -> String { NumberText.significant(x, digits: 4) }

    static func percent(_ x: Double) -> String { NumberText.significant(100 * x, digits: 4) + "%" }

    static func unknown(_ u: DesignUnknown) -> String {
        switch u {
        case .patients: return "patients"
        case .power: return "power"
        case .followUp: return "follow-up"
        case .accrualTime: return "accrual time"
        case .hazardRatio: return "hazard ratio"
        }
    }

    static func accrual(_ accrual: Accrual?, end: Double?) -> String {
        guard let accrual else { return "not stated" }
        if accrual.isUniform { return "uniform over \(number(accrual.times[1]))" }
        var pieces: [String] = []
        for (k, rate) in accrual.rates.enumerated() {
            let to = k + 1 < accrual.times.count ? number(accrual.times[k + 1]) : "end"
            pieces.append("\(number(rate))/time on \(number(accrual.times[k]))-\(to)")
        }
        var text = pieces.joined(separator: ", ")
        if accrual.isOpenEnded { text += end.map { " (ends at \(number($0)))" } ?? " until the patients are in" }
        return text
    }

    static func dropout(_ a: TrialAssumptions) -> String {
        if a.dropoutInflation > 0 { return "\(percent(a.dropoutInflation)) (patients inflated)" }
        let d = a.dropout
        if d.isNone { return "none" }
        if d.probabilityTreatment == d.probabilityControl {
            return "exponential, \(percent(d.probabilityTreatment)) by \(number(d.time))"
        }
        return "exponential, \(percent(d.probabilityTreatment)) treatment / \(percent(d.probabilityControl)) control by \(number(d.time))"
    }
}
