import TrialDesign

/// `survkit boundaries`: a group-sequential design's boundaries and characteristics.
///
/// JSON: `{"looks":[{"look","information_rate","critical_value","stage_level","alpha_spent",
/// "cumulative_alpha_spent","futility_bound","critical_value_p","futility_bound_p","events",
/// "critical_value_hazard_ratio","futility_bound_hazard_ratio"}],"inflation_factor", "alpha","sides","spending",
/// "gamma","rho","futility_spending","futility_gamma","futility_rho","boundary_type","delta",
/// "spending_values","binding_futility","maximum_events","allocation_ratio","power",
/// "drift","fixed_design_drift","rejection_probabilities_h1","futility_probabilities_h1",
/// "stopping_probabilities_h1","expected_information_h1","rejection_probabilities_h0",
/// "futility_probabilities_h0","stopping_probabilities_h0","expected_information_h0",
/// "average_sample_number_h1","average_sample_number_h01","average_sample_number_h0"}`.
/// CSV: the per-look table (one row per look, with the H1 and H0 probabilities).
public struct BoundariesReport: Report {
    /// The boundaries reported.
    public let boundaries: GroupSequentialBoundaries

    /// The boundaries on the hazard-ratio scale, when the maximum events are known.
    public let hazardRatios: GroupSequentialBoundaries.HazardRatioScale?
    /// The maximum events and allocation ratio the hazard ratios are for.
    public let eventsAndAllocation: (events: Double, allocationRatio: Double)?
    /// The bound of each look at the ends of its window of events, when windows are given.
    public var windows: [LookWindowBound]?

    /// A report of `boundaries`.
    public init(_ boundaries: GroupSequentialBoundaries) {
        self.boundaries = boundaries
        self.hazardRatios = nil
        self.eventsAndAllocation = nil
    }

    /// A report of `boundaries` with each bound also on the hazard-ratio scale for `maximumEvents`
    /// events at the final look and allocation ratio r = treatment/control (benefit: HR below 1).
    public init(_ boundaries: GroupSequentialBoundaries, maximumEvents: Double, allocationRatio: Double) {
        self.boundaries = boundaries
        self.hazardRatios = boundaries.hazardRatioScale(maximumEvents: maximumEvents, allocationRatio: allocationRatio)
        self.eventsAndAllocation = (maximumEvents, allocationRatio)
    }

    /// A finite positive hazard ratio, or nil (an infinite bound has none).
    private func ratio(_ x: Double?) -> Double? { x.flatMap { $0.isFinite && $0 > 0 ? $0 : nil } }

    private var design: GroupSequentialDesign { boundaries.design }
    private var characteristics: DesignCharacteristics { boundaries.characteristics }

    /// A (K−1)-long futility array padded to K with nil at the last look.
    private func padded(_ values: [Double]) -> [Double?] {
        values.map { Optional($0) } + [nil]
    }

    // MARK: text

    /// The boundaries and design characteristics as text, laid out like rpact's `summary()`.
    public func text() -> String {
        let K = design.looks
        var out = "Group-sequential design: \(K) look\(K == 1 ? "" : "s"), "
        if design.sides == 1 {
            out += "one-sided alpha \(NumberText.significant(design.alpha, digits: 4))\n"
        } else {
            out += "two-sided alpha \(NumberText.significant(design.alpha, digits: 4)) (symmetric, "
                + "\(NumberText.significant(design.alpha / 2, digits: 4)) per side)\n"
        }
        out += "Efficacy: \(design.efficacy)\n"
        if let futility = design.futilitySpending {
            out += "Futility: \(design.bindingFutility ? "binding" : "non-binding"), \(futility) beta spending (power \(NumberText.significant(design.power, digits: 4)))\n"
        } else if design.userFutilityBounds != nil {
            out += "Futility: \(design.bindingFutility ? "binding" : "non-binding"), bounds given on the Z scale\n"
        } else {
            out += "Futility: none\n"
        }
        out += "\n"

        var table = TextTable(numeric: ["look", "information", "critical z", "stage level", "alpha spent",
                                        "cumulative alpha", "futility z"])
        for look in boundaries.looks {
            table.append([
                String(look.look), NumberText.fixed(look.informationRate, decimals: 4),
                NumberText.fixed(look.criticalValue, decimals: 4),
                NumberText.significant(look.stageLevel, digits: 5),
                NumberText.significant(look.alphaSpent, digits: 5),
                NumberText.significant(look.cumulativeAlphaSpent, digits: 5),
                look.futilityBound.map { NumberText.fixed($0, decimals: 4) } ?? "-",
            ])
        }
        out += table.rendered()
        if let scale = hazardRatios, let given = eventsAndAllocation {
            out += "\nOn the hazard-ratio scale (\(NumberText.significant(given.events, digits: 6)) events at the final look, "
                + "allocation ratio \(NumberText.significant(given.allocationRatio, digits: 4)); benefit = hazard ratio below 1)\n"
            var hr = TextTable(numeric: ["look", "events", "efficacy HR", "futility HR", "futility p"])
            for (k, look) in boundaries.looks.enumerated() {
                hr.append([String(look.look), NumberText.fixed(scale.events[k], decimals: 2),
                           ratio(scale.critical[k]).map { NumberText.fixed($0, decimals: 4) } ?? "-",
                           ratio(scale.futility[k]).map { NumberText.fixed($0, decimals: 4) } ?? "-",
                           look.futilityLevel.map { NumberText.significant($0, digits: 5) } ?? "-"])
            }
            out += hr.rendered()
        }
        if let windows {
            out += "\nIf a look falls elsewhere in its window of events (planned spending at that information)\n"
            var table = TextTable(numeric: ["look", "planned events", "min events", "critical z at min", "max events", "critical z at max"])
            for (k, w) in windows.enumerated() {
                table.append([String(w.look), hazardRatios.map { NumberText.significant($0.events[k], digits: 5) } ?? "-",
                              w.minimumEvents.map { NumberText.significant($0, digits: 6) } ?? "-",
                              w.criticalValueAtMinimum.map { NumberText.fixed($0, decimals: 4) } ?? "-",
                              w.maximumEvents.map { NumberText.significant($0, digits: 6) } ?? "-",
                              w.criticalValueAtMaximum.map { NumberText.fixed($0, decimals: 4) } ?? "-"])
            }
            out += table.rendered()
        }

        let c = characteristics
        out += "\nInflation factor \(NumberText.fixed(c.inflationFactor, decimals: 4)): maximum information "
            + "(events) relative to the fixed design with power \(NumberText.significant(design.power, digits: 4))\n"
        out += "Drift \(NumberText.fixed(c.drift, decimals: 4)) (fixed design \(NumberText.fixed(c.fixedDesignInformation.squareRoot(), decimals: 4)))\n\n"

        out += "Stopping probabilities by look (H1: power \(NumberText.significant(design.power, digits: 4)); H0: no effect)\n"
        let h1 = c.alternative, h0 = c.null
        var probabilities = TextTable(numeric: ["look", "reject H1", "futility H1", "stop H1",
                                                "reject H0", "futility H0", "stop H0"])
        let futilityH1 = padded(h1.futility), futilityH0 = padded(h0.futility)
        for k in 0..<K {
            probabilities.append([
                String(k + 1),
                NumberText.significant(h1.upperRejection[k], digits: 4),
                futilityH1[k].map { NumberText.significant($0, digits: 4) } ?? "-",
                NumberText.significant(h1.stopping[k], digits: 4),
                NumberText.significant(h0.rejection[k], digits: 4),
                futilityH0[k].map { NumberText.significant($0, digits: 4) } ?? "-",
                NumberText.significant(h0.stopping[k], digits: 4),
            ])
        }
        out += probabilities.rendered()
        out += "\nExpected information (fraction of the maximum): "
            + "\(NumberText.fixed(h1.expectedInformationRate, decimals: 4)) under H1, "
            + "\(NumberText.fixed(h0.expectedInformationRate, decimals: 4)) under H0\n"
        return out
    }

    // MARK: csv

    /// One CSV row per look.
    public func csv() -> String {
        var writer = CSVWriter(header: [
            "look", "information_rate", "critical_value", "stage_level", "alpha_spent",
            "cumulative_alpha_spent", "futility_bound",
            "rejection_probability_h1", "futility_probability_h1", "stopping_probability_h1",
            "rejection_probability_h0", "futility_probability_h0", "stopping_probability_h0",
            "critical_value_p", "futility_bound_p", "events", "critical_value_hazard_ratio", "futility_bound_hazard_ratio",
        ])
        let h1 = characteristics.alternative, h0 = characteristics.null
        let futilityH1 = padded(h1.futility), futilityH0 = padded(h0.futility)
        for (k, look) in boundaries.looks.enumerated() {
            writer.append([
                .int(look.look), .number(look.informationRate), .number(look.criticalValue),
                .number(look.stageLevel), .number(look.alphaSpent), .number(look.cumulativeAlphaSpent),
                .number(look.futilityBound),
                .number(h1.upperRejection[k]), .number(futilityH1[k]), .number(h1.stopping[k]),
                .number(h0.rejection[k]), .number(futilityH0[k]), .number(h0.stopping[k]),
                .number(look.stageLevel), .number(look.futilityLevel), .number(hazardRatios?.events[k]),
                .number(ratio(hazardRatios?.critical[k])), .number(ratio(hazardRatios?.futility[k] ?? nil)),
            ])
        }
        return writer.rendered()
    }

    // MARK: json

    /// The JSON object of the CLI contract (docs/boundaries.md).
    public func json() -> JSONValue {
        let c = characteristics
        let looks: [JSONValue] = boundaries.looks.enumerated().map { k, look in
            .object([
                ("look", .int(look.look)),
                ("information_rate", .number(look.informationRate)),
                ("critical_value", .optional(look.criticalValue)),
                ("stage_level", .number(look.stageLevel)),
                ("alpha_spent", .number(look.alphaSpent)),
                ("cumulative_alpha_spent", .number(look.cumulativeAlphaSpent)),
                ("futility_bound", .optional(look.futilityBound)),
                ("critical_value_p", .number(look.stageLevel)),
                ("futility_bound_p", .optional(look.futilityLevel)),
                ("events", .optional(hazardRatios?.events[k])),
                ("window_min_events", .optional(windows?[k].minimumEvents)),
                ("window_max_events", .optional(windows?[k].maximumEvents)),
                ("critical_value_at_window_min", .optional(windows?[k].criticalValueAtMinimum)),
                ("critical_value_at_window_max", .optional(windows?[k].criticalValueAtMaximum)),
                ("critical_value_hazard_ratio", .optional(ratio(hazardRatios?.critical[k]))),
                ("futility_bound_hazard_ratio", .optional(ratio(hazardRatios?.futility[k] ?? nil))),
            ])
        }
        func numbers(_ values: [Double]) -> JSONValue { .array(values.map { .optional($0) }) }
        func parameter(_ s: SpendingFunction?, _ family: SpendingFamily) -> JSONValue {
            guard let s, s.family == family else { return .null }
            return .optional(s.parameter)
        }
        let futility = design.futilitySpending
        let spending: SpendingFunction? = { if case .spending(let f) = design.efficacy { return f }; return nil }()
        let spendingName: JSONValue
        switch design.efficacy {
        case .spending(let f): spendingName = .string(f.family.rawValue)
        case .userSpending: spendingName = .string("user")
        case .classical: spendingName = .null
        }
        return .object([
            ("looks", .array(looks)),
            ("inflation_factor", .number(c.inflationFactor)),
            ("alpha", .number(design.alpha)),
            ("sides", .int(design.sides)),
            ("spending", spendingName),
            ("gamma", parameter(spending, .hwangShihDeCani)),
            ("rho", parameter(spending, .kimDeMets)),
            ("futility_spending", futility.map { .string($0.family.rawValue) } ?? .null),
            ("futility_gamma", parameter(futility, .hwangShihDeCani)),
            ("futility_rho", parameter(futility, .kimDeMets)),
            ("boundary_type", design.efficacy.boundaryType.map { .string($0.rawValue) } ?? .null),
            ("delta", .optional(design.efficacy.delta)),
            ("spending_values", design.efficacy.spendingValues.map { .array($0.map { .number($0) }) } ?? .null),
            ("futility_bounds", design.userFutilityBounds.map { .array($0.map { .optional($0) }) } ?? .null),
            ("binding_futility", .bool(design.bindingFutility)),
            ("maximum_events", .optional(eventsAndAllocation?.events)),
            ("allocation_ratio", .optional(eventsAndAllocation?.allocationRatio)),
            ("power", .number(design.power)),
            ("drift", .number(c.drift)),
            ("fixed_design_drift", .number(c.fixedDesignInformation.squareRoot())),
            ("rejection_probabilities_h1", numbers(c.alternative.upperRejection)),
            ("futility_probabilities_h1", numbers(c.alternative.futility)),
            ("stopping_probabilities_h1", numbers(c.alternative.stopping)),
            ("expected_information_h1", .number(c.alternative.expectedInformationRate)),
            ("rejection_probabilities_h0", numbers(c.null.rejection)),
            ("futility_probabilities_h0", numbers(c.null.futility)),
            ("stopping_probabilities_h0", numbers(c.null.stopping)),
            ("expected_information_h0", .number(c.null.expectedInformationRate)),
            ("average_sample_number_h1", .number(c.averageSampleNumberAlternative)),
            ("average_sample_number_h01", .number(c.averageSampleNumberMidpoint)),
            ("average_sample_number_h0", .number(c.averageSampleNumberNull)),
        ])
    }
}
