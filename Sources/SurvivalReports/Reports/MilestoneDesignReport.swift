import TrialDesign

/// `survkit design --one-sample --milestone T`: the exact binomial single-stage design on a
/// milestone rate (A'Hern 2001).
///
/// JSON/CSV keys (docs/design.md): `test` ("exact binomial milestone"), `milestone`,
/// `rate_historical`, `rate_treatment`, `reject_when` (`at_least` or `at_most` the critical
/// count), `critical_count`, `patients` (evaluable), `patients_total` (enrolled),
/// `dropout_before_milestone`, `alpha`, `sides`, `alpha_attained`, `power_target` (null when power
/// is solved for), `power` (the exact power attained).
public struct MilestoneDesignReport: Report, Sendable {
    /// The solved design.
    public let result: MilestoneResult

    /// A report of `result`.
    public init(_ result: MilestoneResult) { self.result = result }

    static let keys = ["milestone", "rate_historical", "rate_treatment", "critical_count", "patients", "patients_total",
                       "dropout_before_milestone", "alpha", "sides", "alpha_attained", "power_target", "power"]
    static let integers: Set<String> = ["critical_count", "patients", "patients_total", "sides"]

    private var rejectWhen: String { result.request.design.rejectsHigh ? "at_least" : "at_most" }

    private var values: [Double?] {
        let q = result.request, d = q.design, s = result.solution
        return [d.milestone, d.rateHistorical, d.rateTreatment, Double(s.criticalCount), Double(s.patients),
                Double(s.patientsTotal), d.dropout, q.alpha, Double(q.sides), s.alphaAttained,
                q.unknown == .patients ? q.power : nil, s.power]
    }

    /// - Complexity: O(1).
    public func json() -> JSONValue {
        var fields: [(String, JSONValue)] = [("test", .string("exact binomial milestone")), ("reject_when", .string(rejectWhen))]
        for (key, value) in zip(Self.keys, values) {
            fields.append((key, Self.integers.contains(key) ? .int(Int(value!)) : .optional(value)))
        }
        return .object(fields)
    }

    /// One row of the keys.
    public func csv() -> String {
        var w = CSVWriter(header: ["reject_when"] + Self.keys)
        w.append([.text(rejectWhen)] + values.map { CSVWriter.Cell.number($0) })
        return w.rendered()
    }

    /// - Complexity: O(1).
    public func text() -> String {
        let q = result.request, d = q.design, s = result.solution
        var out = "Single-arm design, exact binomial test of the milestone rate (A'Hern 2001); solved for "
            + DesignText.unknown(q.unknown) + "\n\n"
        var a = TextTable([("Assumption", .left), ("Value", .left)])
        a.append(["milestone", DesignText.number(d.milestone)])
        a.append(["event-free rate, historical (H0)", DesignText.number(d.rateHistorical)])
        a.append(["event-free rate, treatment (H1)", DesignText.number(d.rateTreatment)])
        a.append(["alpha", "\(DesignText.number(q.alpha)), \(q.sides == 2 ? "two" : "one")-sided"])
        if q.unknown == .patients { a.append(["power (target)", DesignText.number(q.power)]) }
        a.append(["lost before the milestone", DesignText.number(d.dropout)])
        out += a.rendered(indent: 2)
        var t = TextTable([("Result", .left), ("Value", .left)])
        t.append(["patients evaluable", String(s.patients)])
        t.append(["patients to enrol", String(s.patientsTotal)])
        t.append(["reject H0 when event-free at milestone", (d.rejectsHigh ? "≥ " : "≤ ") + String(s.criticalCount)])
        t.append(["exact alpha", DesignText.number(s.alphaAttained)])
        t.append(["exact power", DesignText.number(s.power)])
        out += "\n" + t.rendered(indent: 2)
        return out
    }
}
