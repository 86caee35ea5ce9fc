import TrialDesign

/// `survkit design --grid`: patients needed, and the power of given patients, over accrual and
/// follow-up times — which unstated assumptions make a planned N enough.
///
/// CSV is the long table (one row per accrual/follow-up pair, full precision); JSON is the
/// assumptions plus `grid`, an array of the same rows; text shows two matrices (patients to
/// enrol, evaluable patients, probability of an event; power with the given patients, `*` where
/// it reaches the target) and lists the pairs
/// under which the given patients reach the target power.
public struct SensitivityReport: Report, Sendable {
    /// The accrual × follow-up grid of designs.
    public let analysis: SensitivityAnalysis

    /// A report of `analysis`.
    public init(_ analysis: SensitivityAnalysis) { self.analysis = analysis }

    /// The JSON keys of each grid row, in output order (docs/design.md).
    public static let rowKeys = [
        "accrual_time", "follow_up", "study_duration", "probability_event", "probability_event_treatment",
        "probability_event_control", "events_required", "events", "patients_evaluable", "patients_per_arm",
        "patients", "patients_total", "power_at_patients", "reaches_power",
    ]

    /// - Complexity: O(grid cells).
    public func csv() -> String {
        var writer = CSVWriter(header: Self.rowKeys)
        for cell in analysis.cells {
            let d = cell.design
            writer.append([
                .number(cell.accrualTime), .number(cell.followUp), .number(d.studyDuration),
                .number(d.probabilityEvent?.overall), .number(d.probabilityEvent?.treatment),
                .number(d.probabilityEvent?.control), .number(d.eventsRequired), .int(d.events),
                .number(d.patientsEvaluable), .text(d.patientsPerArm.map { "\($0.treatment):\($0.control)" } ?? "NA"),
                d.patients.map(CSVWriter.Cell.int) ?? .text("NA"), d.patientsTotal.map(CSVWriter.Cell.int) ?? .text("NA"),
                .number(cell.powerAtPatients), .text(cell.reachesPower.map { $0 ? "TRUE" : "FALSE" } ?? "NA"),
            ])
        }
        return writer.rendered()
    }

    /// - Complexity: O(grid cells).
    public func json() -> JSONValue {
        let a = analysis.assumptions
        let first = analysis.cells.first?.design
        let rows: [JSONValue] = analysis.cells.map { cell in
            let d = cell.design
            let values: [JSONValue] = [
                .number(cell.accrualTime), .number(cell.followUp), .optional(d.studyDuration),
                .optional(d.probabilityEvent?.overall), .optional(d.probabilityEvent?.treatment),
                .optional(d.probabilityEvent?.control), .number(d.eventsRequired), .int(d.events),
                .optional(d.patientsEvaluable),
                d.patientsPerArm.map { .object([("treatment", .int($0.treatment)), ("control", .int($0.control))]) } ?? .null,
                d.patients.map(JSONValue.int) ?? .null, d.patientsTotal.map(JSONValue.int) ?? .null,
                .optional(cell.powerAtPatients), cell.reachesPower.map(JSONValue.bool) ?? .null,
            ]
            return .object(Array(zip(Self.rowKeys, values)))
        }
        return .object([
            ("method", .string(analysis.method.rawValue)),
            ("hazard_ratio", .optional(first?.hazardRatio)),
            ("hazard_control", .number(a.hazardControl)),
            ("hazard_treatment", .optional(a.hazardTreatment)),
            ("power", .number(a.power)), ("alpha", .number(a.alpha)), ("sides", .int(a.sides)),
            ("patients_given", .optional(analysis.patients)),
            ("grid", .array(rows)),
        ])
    }

    /// - Complexity: O(grid cells).
    public func text() -> String {
        let a = analysis.assumptions
        guard let first = analysis.cells.first?.design else { return "" }
        var out = "Sensitivity of a two-arm exponential design to accrual and follow-up, \(analysis.method.title) method\n\n"
        out += "  hazard ratio \(DesignText.number(first.hazardRatio)) (median control \(DesignText.number(first.median(.control))), "
            + "treatment \(DesignText.number(first.median(.treatment)))); alpha \(DesignText.number(a.alpha)) "
            + "\(a.sides == 2 ? "two" : "one")-sided; target power \(DesignText.number(a.power)); allocation \(a.allocation)\n"
        out += "  dropout: \(DesignText.dropout(a))\n"
        if analysis.method != .lachinFoulkes {
            out += "  events required: \(NumberText.fixed(first.eventsRequired, decimals: 2)) -> \(first.events) (any accrual and follow-up)\n"
        }
        if !analysis.defaults.isEmpty { out += "  Defaults used: \(analysis.defaults.joined(separator: ", "))\n" }

        let accruals = unique(analysis.cells.map(\.accrualTime))
        let followUps = unique(analysis.cells.map(\.followUp))
        func matrix(_ title: String, _ value: (SensitivityCell) -> String) -> String {
            var table = TextTable(numeric: ["accrual \\ follow-up"] + followUps.map(DesignText.number))
            for (i, accrual) in accruals.enumerated() {
                let row = analysis.cells[(i * followUps.count)..<((i + 1) * followUps.count)]
                table.append([DesignText.number(accrual)] + row.map(value))
            }
            return "\n\(title)\n" + table.rendered(indent: 2)
        }
        out += matrix("Patients to enrol for power \(DesignText.number(a.power))"
                      + (a.dropoutInflation > 0 ? " (after \(DesignText.percent(a.dropoutInflation)) dropout)" : ""),
                      { $0.design.patientsTotal.map(String.init) ?? "NA" })
        out += matrix("Evaluable patients needed (exact)", { NumberText.fixed($0.design.patientsEvaluable, decimals: 2) })
        out += matrix("Probability of an event by the analysis (both arms)",
                      { NumberText.fixed($0.design.probabilityEvent?.overall, decimals: 4) })
        if let patients = analysis.patients {
            let evaluable = patients * (1 - a.dropoutInflation)
            let label = "\(DesignText.number(patients)) patients"
                + (a.dropoutInflation > 0 ? " (\(DesignText.number(evaluable)) evaluable)" : "")
            out += matrix("Power with \(label); * marks power >= \(DesignText.number(a.power))", { cell in
                NumberText.fixed(cell.powerAtPatients, decimals: 3) + (cell.reachesPower == true ? "*" : " ")
            })
            let enough = analysis.cells.filter { $0.reachesPower == true }
            out += "\nAccrual/follow-up pairs under which \(label) reach power \(DesignText.number(a.power)):\n"
            if enough.isEmpty {
                out += "  none in this grid\n"
            } else {
                var table = TextTable(numeric: ["accrual", "follow-up", "study duration", "power"])
                for cell in enough {
                    table.append([DesignText.number(cell.accrualTime), DesignText.number(cell.followUp),
                                  cell.design.studyDuration.map(DesignText.number) ?? "NA",
                                  NumberText.fixed(cell.powerAtPatients, decimals: 4)])
                }
                out += table.rendered(indent: 2)
            }
        }
        return out
    }

    private func unique(_ values: [Double]) -> [Double] {
        var seen: [Double] = []
        for v in values where !seen.contains(v) { seen.append(v) }
        return seen
    }
}
