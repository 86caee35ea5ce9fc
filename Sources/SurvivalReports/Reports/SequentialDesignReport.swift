import TrialDesign

/// `survkit design --looks K`: a group-sequential design — the ``DesignReport`` of its maximum
/// (the final look) with the looks added.
///
/// JSON: the design's keys unchanged (`events_required`, `events`, `patients...` are the
/// maximum), then `"looks":[{"look","information_rate","critical_value","stage_level",
/// "cumulative_alpha_spent","futility_bound","events","events_planned","analysis_time",
/// "patients_evaluable","analysis_time_h0","patients_evaluable_h0","rejection_probability_h1",
/// "futility_probability_h1","stopping_probability_h1","rejection_probability_h0",
/// "futility_probability_h0","stopping_probability_h0","critical_value_p",
/// "critical_value_hazard_ratio","futility_bound_p","futility_bound_hazard_ratio"}]`,
/// `"spending","gamma","rho","futility_spending","futility_gamma","futility_rho",
/// "boundary_type","delta","spending_values","binding_futility","inflation_factor","events_fixed",
/// "expected_events_h1","expected_events_h01","expected_events_h0","expected_study_duration_h1",
/// "expected_study_duration_h0","expected_patients_evaluable_h1","expected_patients_evaluable_h0"`.
/// CSV: one row per look: the design's columns, the overall group-sequential columns, then the
/// look's (`look_events`, `look_events_planned`, `look_patients_evaluable`,
/// `look_patients_evaluable_h0` where a name would clash with the design's).
public struct SequentialDesignReport: Report, Sendable {
    /// The solved group-sequential design.
    public let result: SequentialDesignResult

    /// A report of `result`.
    public init(_ result: SequentialDesignResult) { self.result = result }
    /// The bound of each look at the ends of its window of events (min-/max-events-per-look),
    /// when windows are given: JSON `window_min_events`, `window_max_events`,
    /// `critical_value_at_window_min`, `critical_value_at_window_max` per look, and a text table.
    public var windows: [LookWindowBound]?

    private var design: GroupSequentialDesign { result.design }

    // MARK: json

    /// - Complexity: O(K).
    public func json() -> JSONValue {
        guard case .object(var members) = DesignReport(result.maximum).json() else { return .null }
        let hazardRatios = result.criticalHazardRatios, futilityRatios = result.futilityHazardRatios
        let looks: [JSONValue] = result.looks.enumerated().map { k, look in
            .object([
                ("look", .int(look.look)),
                ("information_rate", .number(look.informationRate)),
                ("critical_value", .optional(look.criticalValue)),
                ("stage_level", .number(look.stageLevel)),
                ("cumulative_alpha_spent", .number(look.cumulativeAlphaSpent)),
                ("futility_bound", .optional(look.futilityBound)),
                ("events", .number(look.events)),
                ("events_planned", .int(look.eventsPlanned)),
                ("analysis_time", .optional(look.analysisTime)),
                ("patients_evaluable", .optional(look.patientsEvaluable)),
                ("analysis_time_h0", .optional(look.analysisTimeNull)),
                ("patients_evaluable_h0", .optional(look.patientsEvaluableNull)),
                ("rejection_probability_h1", .number(look.rejectionAlternative)),
                ("futility_probability_h1", .optional(look.futilityAlternative)),
                ("stopping_probability_h1", .number(look.stoppingAlternative)),
                ("rejection_probability_h0", .number(look.rejectionNull)),
                ("futility_probability_h0", .optional(look.futilityNull)),
                ("stopping_probability_h0", .number(look.stoppingNull)),
                ("critical_value_p", .number(look.stageLevel)),
                ("critical_value_hazard_ratio", .optional(hazardRatios[k])),
                ("futility_bound_p", .optional(look.futilityLevel)),
                ("futility_bound_hazard_ratio", .optional(futilityRatios[k])),
            ] + (windows.map { w in [
                ("window_min_events", .optional(w[k].minimumEvents)),
                ("window_max_events", .optional(w[k].maximumEvents)),
                ("critical_value_at_window_min", .optional(w[k].criticalValueAtMinimum)),
                ("critical_value_at_window_max", .optional(w[k].criticalValueAtMaximum)),
            ] } ?? []))
        }
        members.append(("looks", .array(looks)))
        for (key, cell) in overall() { members.append((key, cell.json)) }
        return .object(members)
    }

    /// The group-sequential quantities of the whole design, in output order.
    private func overall() -> [(String, Cell)] {
        let r = result
        func parameter(_ s: SpendingFunction?, _ family: SpendingFamily) -> Cell {
            guard let s, s.family == family else { return .number(nil) }
            return .number(s.parameter)
        }
        let futility = design.futilitySpending
        let spending: SpendingFunction? = { if case .spending(let f) = design.efficacy { return f }; return nil }()
        let spendingName: Cell
        switch design.efficacy {
        case .spending(let f): spendingName = .text(f.family.rawValue)
        case .userSpending: spendingName = .text("user")
        case .classical: spendingName = .missingText
        }
        return [
            ("spending", spendingName),
            ("gamma", parameter(spending, .hwangShihDeCani)),
            ("rho", parameter(spending, .kimDeMets)),
            ("futility_spending", futility.map { .text($0.family.rawValue) } ?? .missingText),
            ("futility_gamma", parameter(futility, .hwangShihDeCani)),
            ("futility_rho", parameter(futility, .kimDeMets)),
            ("boundary_type", design.efficacy.boundaryType.map { .text($0.rawValue) } ?? .missingText),
            ("delta", .number(design.efficacy.delta)),
            ("spending_values", design.efficacy.spendingValues.map { .text($0.map(NumberText.roundTrip).joined(separator: ";")) } ?? .missingText),
            ("futility_bounds", design.userFutilityBounds.map { .text($0.map(NumberText.roundTrip).joined(separator: ";")) } ?? .missingText),
            ("binding_futility", .text(design.bindingFutility ? "true" : "false")),
            ("inflation_factor", .number(r.inflationFactor)),
            ("events_fixed", .number(r.fixedEvents)),
            ("expected_events_h1", .number(r.expectedEventsAlternative)),
            ("expected_events_h01", .number(r.expectedEventsMidpoint)),
            ("expected_events_h0", .number(r.expectedEventsNull)),
            ("expected_study_duration_h1", .number(r.expectedStudyDurationAlternative)),
            ("expected_study_duration_h0", .number(r.expectedStudyDurationNull)),
            ("expected_patients_evaluable_h1", .number(r.expectedPatientsAlternative)),
            ("expected_patients_evaluable_h0", .number(r.expectedPatientsNull)),
        ]
    }

    /// A value rendered both as JSON and as a CSV cell.
    private enum Cell {
        case text(String)
        case missingText
        case number(Double?)

        var json: JSONValue {
            switch self {
            case .text(let s): return .string(s)
            case .missingText: return .null
            case .number(let x): return .optional(x)
            }
        }

        var csv: CSVWriter.Cell {
            switch self {
            case .text(let s): return .text(s)
            case .missingText: return .text("NA")
            case .number(let x): return .number(x.flatMap { $0.isFinite ? $0 : nil })
            }
        }
    }

    // MARK: csv

    /// - Complexity: O(K).
    public func csv() -> String {
        // The design's own row, as DesignReport writes it, begins every look's row.
        let designLines = DesignReport(result.maximum).csv().split(separator: "\n", omittingEmptySubsequences: false)
        let designHeader = String(designLines[0]), designRow = String(designLines[1])
        let overall = overall()
        var writer = CSVWriter(header: overall.map(\.0) + [
            "look", "information_rate", "critical_value", "stage_level", "cumulative_alpha_spent", "futility_bound",
            "look_events", "look_events_planned", "analysis_time", "look_patients_evaluable", "analysis_time_h0",
            "look_patients_evaluable_h0", "rejection_probability_h1", "futility_probability_h1",
            "stopping_probability_h1", "rejection_probability_h0", "futility_probability_h0", "stopping_probability_h0",
            "critical_value_p", "critical_value_hazard_ratio", "futility_bound_p", "futility_bound_hazard_ratio",
        ])
        let hazardRatios = result.criticalHazardRatios, futilityRatios = result.futilityHazardRatios
        for (k, look) in result.looks.enumerated() {
            writer.append(overall.map(\.1.csv) + [
                .int(look.look), .number(look.informationRate), .number(look.criticalValue), .number(look.stageLevel),
                .number(look.cumulativeAlphaSpent), .number(look.futilityBound), .number(look.events),
                .int(look.eventsPlanned), .number(look.analysisTime), .number(look.patientsEvaluable),
                .number(look.analysisTimeNull), .number(look.patientsEvaluableNull),
                .number(look.rejectionAlternative), .number(look.futilityAlternative), .number(look.stoppingAlternative),
                .number(look.rejectionNull), .number(look.futilityNull), .number(look.stoppingNull),
                .number(look.stageLevel), .number(finite(hazardRatios[k])),
                .number(look.futilityLevel), .number(futilityRatios[k].flatMap(finite)),
            ])
        }
        let lines = writer.rendered().split(separator: "\n")
        var out = designHeader + "," + lines[0] + "\n"
        for line in lines.dropFirst() { out += designRow + "," + line + "\n" }
        return out
    }

    // MARK: text

    /// - Complexity: O(K).
    public func text() -> String {
        let r = result
        let K = r.looks.count
        var out = "Group-sequential design: \(K) look\(K == 1 ? "" : "s"), "
        out += design.sides == 1
            ? "one-sided alpha \(DesignText.number(design.alpha))\n"
            : "two-sided alpha \(DesignText.number(design.alpha)) (symmetric)\n"
        out += "Efficacy: \(design.efficacy)\n"
        out += design.futilitySpending.map { "Futility: \(design.bindingFutility ? "binding" : "non-binding"), \($0) beta spending\n" }
            ?? (design.userFutilityBounds != nil ? "Futility: \(design.bindingFutility ? "binding" : "non-binding"), bounds given on the Z scale\n" : "Futility: none\n")
        if r.solvedForPower {
            out += "Maximum events: \(NumberText.fixed(r.maximum.eventsRequired, decimals: 2)) expected from the patients by the "
                + "final look, power \(DesignText.number(r.maximum.power)) (the target power \(DesignText.number(design.power)) needs "
                + "\(NumberText.fixed(r.fixedEvents, decimals: 2)) x inflation factor \(NumberText.fixed(r.inflationFactor, decimals: 4)) = "
                + "\(NumberText.fixed(r.fixedEvents * r.inflationFactor, decimals: 2))); the design below is the final look's\n\n"
        } else {
            out += "Maximum events: fixed design \(NumberText.fixed(r.fixedEvents, decimals: 2)) x inflation factor "
                + "\(NumberText.fixed(r.inflationFactor, decimals: 4)) = \(NumberText.fixed(r.maximum.eventsRequired, decimals: 2)); "
                + "the design below is the final look's\n\n"
        }
        out += DesignReport(r.maximum).text()

        out += "\nLooks (HR bound: the hazard ratio at the bound given the look's events; time: calendar time from the "
            + "first entry; patients: evaluable patients entered by then; H0: both arms at the control hazard)\n"
        var looks = TextTable(numeric: ["look", "information", "events", "planned", "critical z", "stage level",
                                        "HR bound", "futility z", "futility HR", "time H1", "patients H1", "time H0"])
        let hazardRatios = r.criticalHazardRatios, futilityRatios = r.futilityHazardRatios
        for (k, look) in r.looks.enumerated() {
            looks.append([
                String(look.look), NumberText.fixed(look.informationRate, decimals: 4),
                NumberText.fixed(look.events, decimals: 2), String(look.eventsPlanned),
                NumberText.fixed(look.criticalValue, decimals: 4), NumberText.significant(look.stageLevel, digits: 4),
                finite(hazardRatios[k]).map { NumberText.fixed($0, decimals: 4) } ?? "-",
                look.futilityBound.map { NumberText.fixed($0, decimals: 4) } ?? "-",
                futilityRatios[k].flatMap(finite).map { NumberText.fixed($0, decimals: 4) } ?? "-",
                look.analysisTime.map { NumberText.fixed($0, decimals: 2) } ?? "-",
                look.patientsEvaluable.map { NumberText.fixed($0, decimals: 2) } ?? "-",
                look.analysisTimeNull.map { NumberText.fixed($0, decimals: 2) } ?? "-",
            ])
        }
        out += looks.rendered(indent: 2)
        if let windows {
            out += "\nIf a look falls elsewhere in its window of events (planned spending at that information)\n"
            var table = TextTable(numeric: ["look", "planned", "min events", "critical z at min", "max events", "critical z at max"])
            for (look, w) in zip(r.looks, windows) {
                table.append([String(w.look), String(look.eventsPlanned),
                              w.minimumEvents.map { NumberText.significant($0, digits: 6) } ?? "-",
                              w.criticalValueAtMinimum.map { NumberText.fixed($0, decimals: 4) } ?? "-",
                              w.maximumEvents.map { NumberText.significant($0, digits: 6) } ?? "-",
                              w.criticalValueAtMaximum.map { NumberText.fixed($0, decimals: 4) } ?? "-"])
            }
            out += table.rendered(indent: 2)
        }

        out += "\nStopping probabilities by look (H1: power \(DesignText.number(r.solvedForPower ? r.maximum.power : design.power)); H0: no effect)\n"
        var stops = TextTable(numeric: ["look", "reject H1", "futility H1", "stop H1", "reject H0", "futility H0", "stop H0"])
        for look in r.looks {
            stops.append([
                String(look.look), NumberText.significant(look.rejectionAlternative, digits: 4),
                look.futilityAlternative.map { NumberText.significant($0, digits: 4) } ?? "-",
                NumberText.significant(look.stoppingAlternative, digits: 4),
                NumberText.significant(look.rejectionNull, digits: 4),
                look.futilityNull.map { NumberText.significant($0, digits: 4) } ?? "-",
                NumberText.significant(look.stoppingNull, digits: 4),
            ])
        }
        out += stops.rendered(indent: 2)

        var expected = TextTable([("Expected at stopping", .left), ("under H1", .right), ("under H0", .right)])
        expected.append(["events", NumberText.fixed(r.expectedEventsAlternative, decimals: 2),
                         NumberText.fixed(r.expectedEventsNull, decimals: 2)])
        expected.append(["study duration", r.expectedStudyDurationAlternative.map { NumberText.fixed($0, decimals: 2) } ?? "-",
                         r.expectedStudyDurationNull.map { NumberText.fixed($0, decimals: 2) } ?? "-"])
        expected.append(["patients evaluable", r.expectedPatientsAlternative.map { NumberText.fixed($0, decimals: 2) } ?? "-",
                         r.expectedPatientsNull.map { NumberText.fixed($0, decimals: 2) } ?? "-"])
        out += "\n" + expected.rendered(indent: 2)
        out += "  (events at half the effect: \(NumberText.fixed(r.expectedEventsMidpoint, decimals: 2)))\n"
        if r.looks.contains(where: { $0.analysisTimeNull == nil }), r.looks.contains(where: { $0.analysisTime != nil }) {
            out += "\nNote: under H0 the patients never have the planned events, so H0 look times are not shown.\n"
        }
        return out
    }
}

/// A finite value, or nil (a look that spends no alpha has an infinite bound: no hazard ratio).
private func finite(_ x: Double) -> Double? { x.isFinite && x > 0 ? x : nil }
