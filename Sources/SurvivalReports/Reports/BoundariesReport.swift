import TrialDesign

/// `survkit boundaries`: a group-sequential design's boundaries and characteristics.
///
/// JSON: `{"looks":[{"look","information_rate","critical_value","stage_level","alpha_spent",
/// "cumulative_alpha_spent","futility_bound"}],"inflation_factor", "alpha","sides","spending",
/// "gamma","rho","futility_spending","futility_gamma","futility_rho","binding_futility","power",
/// "drift","fixed_design_drift","rejection_probabilities_h1","futility_probabilities_h1",
/// "stopping_probabilities_h1","expected_information_h1","rejection_probabilities_h0",
/// "futility_probabilities_h0","stopping_probabilities_h0","expected_information_h0",
/// "average_sample_number_h1","average_sample_number_h01","average_sample_number_h0"}`.
/// CSV: the per-look table (one row per look, with the H1 and H0 probabilities).
public struct BoundariesReport: Report {
    /// The boundaries reported.
    public let boundaries: GroupSequentialBoundaries

    /// A report of `boundaries`.
    public init(_ boundaries: GroupSequentialBoundaries) { self.boundaries = boundaries }

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
        out += "Efficacy: \(design.spending) alpha spending\n"
        if let futility = design.futilitySpending {
            out += "Futility: non-binding, \(futility) beta spending (power \(NumberText.significant(design.power, digits: 4)))\n"
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
            ])
        }
        return writer.rendered()
    }

    // MARK: json

    /// The JSON object of the CLI contract (docs/boundaries.md).
    public func json() -> JSONValue {
        let c = characteristics
        let looks: [JSONValue] = boundaries.looks.map { look in
            .object([
                ("look", .int(look.look)),
                ("information_rate", .number(look.informationRate)),
                ("critical_value", .optional(look.criticalValue)),
                ("stage_level", .number(look.stageLevel)),
                ("alpha_spent", .number(look.alphaSpent)),
                ("cumulative_alpha_spent", .number(look.cumulativeAlphaSpent)),
                ("futility_bound", .optional(look.futilityBound)),
            ])
        }
        func numbers(_ values: [Double]) -> JSONValue { .array(values.map { .optional($0) }) }
        func parameter(_ s: SpendingFunction?, _ family: SpendingFamily) -> JSONValue {
            guard let s, s.family == family else { return .null }
            return .optional(s.parameter)
        }
        let futility = design.futilitySpending
        return .object([
            ("looks", .array(looks)),
            ("inflation_factor", .number(c.inflationFactor)),
            ("alpha", .number(design.alpha)),
            ("sides", .int(design.sides)),
            ("spending", .string(design.spending.family.rawValue)),
            ("gamma", parameter(design.spending, .hwangShihDeCani)),
            ("rho", parameter(design.spending, .kimDeMets)),
            ("futility_spending", futility.map { .string($0.family.rawValue) } ?? .null),
            ("futility_gamma", parameter(futility, .hwangShihDeCani)),
            ("futility_rho", parameter(futility, .kimDeMets)),
            ("binding_futility", .bool(false)),
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
