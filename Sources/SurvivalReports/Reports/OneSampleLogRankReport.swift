import SurvivalAnalysis

/// `survkit logrank --one-sample` as text, CSV or JSON.
public struct OneSampleLogRankReport: Report, Sendable {
    /// The one-sample test.
    public let test: OneSampleLogRank
    /// The historical control's hazard tested against.
    public let historical: HistoricalHazard
    /// True when Wu's variance gives the main z and p-values.
    public let wuVariance: Bool
    /// The data file.
    public let source: String
    /// The time column.
    public let timeColumn: String
    /// The event column.
    public let eventColumn: String
    /// Rows left out for missing values, by column.
    public let omissions: Omissions

    /// A report of the one-sample test; `wuVariance` makes Wu's Z the primary statistic.
    public init(_ test: OneSampleLogRank, historical: HistoricalHazard, wuVariance: Bool, source: String,
                timeColumn: String, eventColumn: String, omissions: Omissions) {
        self.test = test
        self.historical = historical
        self.wuVariance = wuVariance
        self.source = source
        self.timeColumn = timeColumn
        self.eventColumn = eventColumn
        self.omissions = omissions
    }

    private var z: Double { wuVariance ? test.wuZ : test.finkelsteinZ }
    private var oneSided: Double { wuVariance ? test.wuOneSidedP : test.finkelsteinOneSidedP }
    private var twoSided: Double { wuVariance ? test.wuTwoSidedP : test.finkelsteinTwoSidedP }

    private var historicalText: String {
        if historical.times.isEmpty {
            return "exponential, hazard \(NumberText.significant(historical.hazards[0], digits: 6)) (median \(NumberText.significant(0.6931471805599453 / historical.hazards[0], digits: 6)))"
        }
        return "piecewise exponential, hazards " + historical.hazards.map { NumberText.roundTrip($0) }.joined(separator: ", ")
            + " with cut points " + historical.times.map(NumberText.roundTrip).joined(separator: ", ")
    }

    /// The test as text: O, E, Z and p-values.
    public func text() -> String {
        var out = "One-sample log-rank test against a historical control\n"
        out += "data: \(source)  time: \(timeColumn)  event: \(eventColumn)\n"
        out += "historical: \(historicalText)\n"
        out += "n= \(test.patients), " + (omissions.sentence ?? "no rows left out") + ".\n\n"
        out += " Observed= \(test.observed)  Expected= \(NumberText.significant(test.expected, digits: 5))  O/E= \(NumberText.significant(test.ratio, digits: 4))\n"
        out += " z= \(NumberText.significant(z, digits: 4)) ("
            + (wuVariance ? "Wu 2015: (O-E)/sqrt((O+E)/2)" : "Finkelstein et al. 2003: (O-E)/sqrt(E)") + ")"
            + ", one-sided p= \(NumberText.pValue(oneSided, digits: 3)) (fewer events than expected), two-sided p= \(NumberText.pValue(twoSided, digits: 3))\n"
        let other = wuVariance ? test.finkelsteinZ : test.wuZ
        out += " " + (wuVariance ? "(O-E)/sqrt(E)" : "Wu's (O-E)/sqrt((O+E)/2)") + "= \(NumberText.significant(other, digits: 4))"
            + "; exact Poisson one-sided p= \(NumberText.pValue(test.exactOneSidedP, digits: 3))\n"
        return out
    }

    /// The test as one CSV row.
    public func csv() -> String {
        var w = CSVWriter(header: ["patients", "observed", "expected", "ratio", "z", "p_value_one_sided", "p_value",
                                   "z_finkelstein", "z_wu", "p_value_exact_one_sided"])
        w.append([.int(test.patients), .int(test.observed), .number(test.expected), .number(test.ratio), .number(z),
                  .number(oneSided), .number(twoSided), .number(test.finkelsteinZ), .number(test.wuZ),
                  .number(test.exactOneSidedP)])
        return w.rendered()
    }

    /// The JSON object of the CLI contract (docs/logrank.md).
    public func json() -> JSONValue {
        .object([
            ("test", .string("one-sample log-rank")),
            ("variance", .string(wuVariance ? "wu" : "finkelstein")),
            ("patients", .int(test.patients)),
            ("rows_omitted", .int(omissions.rows)),
            ("observed", .int(test.observed)),
            ("expected", .number(test.expected)),
            ("ratio", .optional(test.ratio)),
            ("z", .optional(z)),
            ("p_value_one_sided", .optional(oneSided)),
            ("p_value", .optional(twoSided)),
            ("z_finkelstein", .optional(test.finkelsteinZ)),
            ("p_value_finkelstein_one_sided", .optional(test.finkelsteinOneSidedP)),
            ("p_value_finkelstein", .optional(test.finkelsteinTwoSidedP)),
            ("z_wu", .optional(test.wuZ)),
            ("p_value_wu_one_sided", .optional(test.wuOneSidedP)),
            ("p_value_wu", .optional(test.wuTwoSidedP)),
            ("p_value_exact_one_sided", .optional(test.exactOneSidedP)),
            ("historical_hazard_times", .array(historical.times.map(JSONValue.number))),
            ("historical_hazards", .array(historical.hazards.map(JSONValue.number))),
        ])
    }
}
