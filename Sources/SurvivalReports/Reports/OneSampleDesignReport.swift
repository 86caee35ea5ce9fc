import TrialDesign

/// `survkit design --one-sample`: a single-arm design tested by the one-sample log-rank test.
///
/// JSON/CSV keys (docs/design.md): `test` ("one-sample log-rank"), `variance` (`finkelstein` or
/// `wu`), `hazard_ratio`, `historical_hazard_times`, `historical_hazards`, `p0`, `p1`, `p00`,
/// `p01`, `omega`, `sigma` (Wu 2015's per-patient quantities), `patients_evaluable` (exact, null
/// when power is solved for), `patients`, `patients_total`, `expected_events`,
/// `expected_historical`, `power`, `alpha`, `sides`, `accrual_time`, `follow_up`, `study_duration`.
public struct OneSampleDesignReport: Report, Sendable {
    /// The solved design.
    public let result: OneSampleResult

    /// A report of `result`.
    public init(_ result: OneSampleResult) { self.result = result }

    static let keys = ["hazard_ratio", "p0", "p1", "p00", "p01", "omega", "sigma", "patients_evaluable", "patients",
                       "patients_total", "expected_events", "expected_historical", "power", "alpha", "sides",
                       "accrual_time", "follow_up", "study_duration"]

    private var values: [Double?] {
        let r = result, d = r.request.design, m = r.moments
        return [d.hazardRatio, m.p0, m.p1, m.p00, m.p01, m.omega, m.sigma, r.patientsExact, Double(r.patients),
                Double(r.patientsTotal), r.expectedEvents, r.expectedHistorical, r.power, r.request.alpha,
                Double(r.request.sides), d.accrualTime, d.followUp, d.accrualTime + d.followUp]
    }

    /// - Complexity: O(pieces).
    public func json() -> JSONValue {
        let h = result.request.design.historical
        var fields: [(String, JSONValue)] = [
            ("test", .string("one-sample log-rank")), ("variance", .string(result.request.wuVariance ? "wu" : "finkelstein")),
            ("historical_hazard_times", .array(h.times.map(JSONValue.number))),
            ("historical_hazards", .array(h.hazards.map(JSONValue.number))),
        ]
        for (key, value) in zip(Self.keys, values) {
            switch key {
            case "patients", "patients_total", "sides": fields.append((key, .int(Int(value!))))
            default: fields.append((key, .optional(value)))
            }
        }
        return .object(fields)
    }

    /// One row of the scalar keys.
    public func csv() -> String {
        var w = CSVWriter(header: ["variance"] + Self.keys)
        w.append([.text(result.request.wuVariance ? "wu" : "finkelstein")] + values.map { CSVWriter.Cell.number($0) })
        return w.rendered()
    }

    /// - Complexity: O(pieces).
    public func text() -> String {
        let r = result, q = r.request, d = q.design, m = r.moments
        var out = "Single-arm design, one-sample log-rank test (Wu 2015), "
            + (q.wuVariance ? "Wu's variance (O+E)/2" : "Finkelstein's variance E") + "; solved for "
            + DesignText.unknown(q.unknown) + "\n\n"
        var a = TextTable([("Assumption", .left), ("Value", .left)])
        let h = d.historical
        a.append(["historical control", h.times.isEmpty
            ? "exponential, hazard \(DesignText.number(h.hazards[0])) (median \(DesignText.number(0.6931471805599453 / h.hazards[0])))"
            : "piecewise, hazards " + h.hazards.map(DesignText.number).joined(separator: ", ") + " cut at "
                + h.times.map(DesignText.number).joined(separator: ", ")])
        a.append(["hazard ratio vs historical", DesignText.number(d.hazardRatio)])
        a.append(["alpha", "\(DesignText.number(q.alpha)), \(q.sides == 2 ? "two" : "one")-sided"])
        if q.unknown == .patients { a.append(["power (target)", DesignText.number(q.power)]) }
        a.append(["accrual", "uniform over \(DesignText.number(d.accrualTime))"])
        a.append(["follow-up", DesignText.number(d.followUp)])
        a.append(["dropout", d.dropoutHazard > 0 ? "exponential, hazard \(DesignText.number(d.dropoutHazard))" : "none"])
        out += a.rendered(indent: 2)
        var t = TextTable([("Result", .left), ("Value", .left)])
        if let exact = r.patientsExact { t.append(["patients (exact)", NumberText.fixed(exact, decimals: 2)]) }
        t.append(["patients", String(r.patients)])
        t.append(["patients to enrol", String(r.patientsTotal)])
        t.append(["expected events O", NumberText.fixed(r.expectedEvents, decimals: 2)])
        t.append(["expected under historical E", NumberText.fixed(r.expectedHistorical, decimals: 2)])
        t.append(["p0, p1, p00, p01", [m.p0, m.p1, m.p00, m.p01].map(DesignText.number).joined(separator: ", ")])
        t.append(["power", DesignText.number(r.power) + (q.unknown == .power ? "" : " (target \(DesignText.number(q.power)))")])
        out += "\n" + t.rendered(indent: 2)
        return out
    }
}
