import SurvivalAnalysis

/// The log-rank (Fleming–Harrington) test as text, CSV or JSON.
///
/// Text reads like R's `print.survdiff`: a table of N, Observed, Expected, (O-E)^2/E and
/// (O-E)^2/V per group with 3 significant digits, then "Chisq= … on k degrees of freedom,
/// p= …" (the chi-square rounded to one decimal and p to one significant digit, as R prints
/// them), preceded by the data, columns, weights and rows left out, and followed by the
/// two-group z and the trend test when present. CSV has one row per group at full precision;
/// JSON carries everything at full precision, keys in the order of the command-line contract.
public struct LogRankReport: Report, Sendable {
    /// The k-group (weighted, stratified) log-rank test.
    public let test: LogRankTest
    /// The test for trend, when asked for (`--trend`).
    public let trend: LogRankTrend?
    /// The MaxCombo test, when asked for (`--maxcombo`).
    public let maxCombo: MaxComboTest?

    /// A report of the log-rank test with optional trend and MaxCombo tests.
    public init(test: LogRankTest, trend: LogRankTrend? = nil, maxCombo: MaxComboTest? = nil) {
        self.test = test
        self.trend = trend
        self.maxCombo = maxCombo
    }

    private var statistics: LogRankStatistics { test.statistics }

    /// "sex=1", as R labels the rows of survdiff.
    private func rowLabel(_ g: Int) -> String { "\(test.groupColumn)=\(test.groupLevels[g])" }

    private var title: String {
        switch test.scheme {
        case let .flemingHarrington(w):
            return w.isLogRank ? "Log-rank test"
                : "Fleming-Harrington G(rho = \(NumberText.roundTrip(w.rho)), gamma = \(NumberText.roundTrip(w.gamma))) test"
        case .gehanBreslow: return "Gehan-Breslow (generalised Wilcoxon) test"
        case .taroneWare: return "Tarone-Ware test"
        case .petoPeto: return "Peto-Peto test"
        case .petoPrentice: return "Peto-Prentice test"
        case .modifiedPeto: return "Modified Peto test"
        }
    }

    /// How the weights are defined, or nil for the unweighted test.
    private var weightLine: String? {
        let within = test.strataColumns.isEmpty ? "" : " within each stratum"
        switch test.scheme {
        case let .flemingHarrington(w):
            return w.isLogRank ? nil : "weights: S(t-)^rho * (1 - S(t-))^gamma, S the pooled Kaplan-Meier" + within
        case .gehanBreslow: return "weights: n, the number at risk" + within
        case .taroneWare: return "weights: sqrt(n), n the number at risk" + within
        case .petoPeto: return "weights: S(t-), the pooled Kaplan-Meier" + within
        case .petoPrentice: return "weights: prod over event times s <= t of (1 - d/(n+1)), pooled" + within
        case .modifiedPeto: return "weights: prod over s <= t of (1 - d/(n+1)), times n/(n+1), pooled" + within
        }
    }

    // MARK: Text

    /// - Complexity: O(k) for k groups.
    public func text() -> String {
        let s = statistics
        var out = title + "\n"
        var columns = "data: \(test.source)  time: \(test.timeColumn)  event: \(test.eventColumn)  group: \(test.groupColumn)"
        if !test.strataColumns.isEmpty {
            columns += "  strata: \(test.strataColumns.joined(separator: ", ")) (\(s.stratumCount) strata)"
        }
        out += columns + "\n"
        if let weightLine { out += weightLine + "\n" }
        out += "n= \(test.rowsUsed), " + (test.omissions.sentence ?? "no rows left out") + ".\n\n"

        var table = TextTable([("", .left), ("N", .right), ("Observed", .right), ("Expected", .right),
                               ("(O-E)^2/E", .right), ("(O-E)^2/V", .right)])
        let observed = RColumnFormat.format(s.observed)
        let expected = RColumnFormat.format(s.expected)
        let overE = RColumnFormat.format(s.squaredDifferenceOverExpected)
        // V_gg = 0 (a partly singular V whose dependent direction chiSquare drops) makes this
        // 0/0: NA, as the CSV writes it, not R's NaN, which reads like a computing failure.
        let overV = RColumnFormat.format(s.squaredDifferenceOverVariance.map { $0.isNaN ? nil : $0 })
        for g in 0..<s.groupCount {
            table.append([rowLabel(g), String(s.size[g]), observed[g], expected[g], overE[g], overV[g]])
        }
        out += table.rendered() + "\n"
        out += " " + chiSquareLine(test.chiSquare) + "\n"
        if let z = test.z {
            out += " z= \(NumberText.significant(z, digits: 3)) for \(rowLabel(0)): (O-E)/sqrt(V), positive when \(rowLabel(0)) has more events than expected\n"
        }
        if let trend {
            let scores = trend.scores.map(NumberText.roundTrip).joined(separator: ", ")
            out += " Trend (scores \(scores)): " + chiSquareLine(trend.chiSquare)
                + ", z= \(NumberText.significant(trend.z, digits: 3))\n"
        }
        if let maxCombo { out += maxComboText(maxCombo) }
        return out
    }

    /// "Chisq= 10.3  on 1 degrees of freedom, p= 0.001", as print.survdiff.
    private func chiSquareLine(_ c: LogRankChiSquare) -> String {
        let rounded = (c.statistic * 10).rounded() / 10
        return "Chisq= \(NumberText.roundTrip(rounded))  on \(c.degreesOfFreedom) degrees of freedom, p= \(NumberText.pValue(c.pValue, digits: 1))"
    }

    /// The MaxCombo section: one line per component, then the two p-values.
    private func maxComboText(_ c: MaxComboTest) -> String {
        var out = "\nMaxCombo test (\(rowLabel(0)) vs \(rowLabel(1))): max of standardised FH(rho, gamma) statistics\n"
        var table = TextTable([("FH(rho, gamma)", .left), ("z", .right)])
        for (w, z) in zip(c.components, c.z) {
            table.append(["FH(\(NumberText.roundTrip(w.rho)), \(NumberText.roundTrip(w.gamma)))",
                          NumberText.significant(z, digits: 4)])
        }
        out += table.rendered() + "\n"
        out += " max |z|= \(NumberText.significant(c.statistic, digits: 4)), two-sided p= \(NumberText.pValue(c.pValue, digits: 3))\n"
        out += " max(-z)= \(NumberText.significant(c.oneSidedStatistic, digits: 4)), one-sided p= \(NumberText.pValue(c.oneSidedPValue, digits: 3)) (\(rowLabel(0)) at lower hazard)\n"
        out += " p from the joint normal law of the z's (correlation estimated, rank \(c.rank)); integration error < \(NumberText.significant(max(c.pValueErrorBound, 1e-12), digits: 1))\n"
        return out
    }

    // MARK: CSV

    /// One CSV row per group: N, observed, expected, (O−E)²/E, (O−E)²/V.
    public func csv() -> String {
        let s = statistics
        var w = CSVWriter(header: ["group", "n", "events", "observed", "expected", "variance",
                                   "o_minus_e_squared_over_e", "o_minus_e_squared_over_v"])
        let overE = s.squaredDifferenceOverExpected, overV = s.squaredDifferenceOverVariance
        for g in 0..<s.groupCount {
            w.append([.text(test.groupLevels[g]), .int(s.size[g]), .int(s.events[g]),
                      .number(s.observed[g]), .number(s.expected[g]), .number(s.variance(g, g)),
                      .number(overE[g]), .number(overV[g])])
        }
        return w.rendered()
    }

    // MARK: JSON

    /// The JSON object of the CLI contract (docs/logrank.md).
    public func json() -> JSONValue {
        let s = statistics
        let k = s.groupCount
        let groups: [JSONValue] = (0..<k).map { g in
            .object([("group", .string(test.groupLevels[g])), ("n", .int(s.size[g])),
                     ("observed", .number(s.observed[g])), ("expected", .number(s.expected[g])),
                     ("events", .int(s.events[g]))])
        }
        var members: [(String, JSONValue)] = [
            ("chisq", .number(test.chiSquare.statistic)),
            ("df", .int(test.chiSquare.degreesOfFreedom)),
            ("p_value", .optional(test.chiSquare.pValue)),
            ("rows_used", .int(test.rowsUsed)),
            ("rows_omitted", .int(test.rowsOmitted)),
            ("groups", .array(groups)),
            ("test", .string(test.scheme.name)),
            ("rho", .number(test.weights.rho)),
            ("gamma", .number(test.weights.gamma)),
            ("group_column", .string(test.groupColumn)),
        ]
        if k == 2 { members.append(("z", .optional(test.z))) }
        members.append(("variance", .array((0..<k).map { i in .array((0..<k).map { j in .number(s.variance(i, j)) }) })))
        members.append(("strata_columns", .array(test.strataColumns.map(JSONValue.string))))
        if !test.strataColumns.isEmpty {
            members.append(("strata", .array((0..<s.stratumCount).map { h in
                .object([("stratum", .string(test.strataLevels[h])), ("n", .int(s.stratumSize[h])),
                         ("groups", .array((0..<k).map { g in
                             .object([("group", .string(test.groupLevels[g])), ("n", .int(s.sizeByStratum[h * k + g])),
                                      ("observed", .number(s.observedByStratum[h * k + g])),
                                      ("expected", .number(s.expectedByStratum[h * k + g]))])
                         }))])
            })))
        }
        if let trend {
            let c = trend.chiSquare
            members.append(("trend", .object([
                ("scores", .array(trend.scores.map(JSONValue.number))),
                ("statistic", .number(trend.statistic)), ("variance", .number(trend.variance)),
                ("chisq", .number(c.statistic)), ("df", .int(c.degreesOfFreedom)),
                ("p_value", .optional(c.pValue)), ("z", .optional(trend.z)),
            ])))
        }
        if let c = maxCombo {
            let m = c.components.count
            members.append(("maxcombo", .object([
                ("components", .array(zip(c.components, c.z).map { w, z in
                    .object([("rho", .number(w.rho)), ("gamma", .number(w.gamma)), ("z", .number(z))])
                })),
                ("correlation", .array((0..<m).map { i in .array((0..<m).map { j in .number(c.correlation[i * m + j]) }) })),
                ("statistic", .number(c.statistic)), ("p_value", .number(c.pValue)),
                ("one_sided_statistic", .number(c.oneSidedStatistic)), ("p_value_one_sided", .number(c.oneSidedPValue)),
                ("p_value_error_bound", .number(c.pValueErrorBound)), ("rank", .int(c.rank)),
            ])))
        }
        members.append(("rows_omitted_by_column", .object(test.omissions.byColumn.map { ($0.column, .int($0.count)) })))
        return .object(members)
    }
}
