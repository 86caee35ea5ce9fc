import SurvivalAnalysis

/// `survkit cif` as text, CSV or JSON: Aalen–Johansen cumulative incidence per cause and group
/// (R's multi-state `survfit`) and Gray's test per cause (`cmprsk::cuminc`'s `Tests`).
public struct CumulativeIncidenceReport: Report, Sendable {
    /// Curves by cause (outer) and group (inner).
    public let curves: [[CumulativeIncidenceCurve]]
    /// One test per cause, or nil with a single group.
    public let tests: [GrayTest]?
    /// The status column's name, for the header line.
    public let statusColumn: String
    /// The group column's name; nil for a single group.
    public let groupColumn: String?
    /// The strata columns' names (Gray's test is stratified by them); empty for none.
    public let strataColumns: [String]
    /// Confidence level of the pointwise limits.
    public let confidenceLevel: Double
    /// Rows analysed.
    public let rowsUsed: Int
    /// Rows left out for missing values, by column.
    public let omissions: Omissions

    /// A report of `curves` and `tests`.
    public init(curves: [[CumulativeIncidenceCurve]], tests: [GrayTest]?, statusColumn: String, groupColumn: String?,
                strataColumns: [String], confidenceLevel: Double, rowsUsed: Int, omissions: Omissions) {
        self.curves = curves
        self.tests = tests
        self.statusColumn = statusColumn
        self.groupColumn = groupColumn
        self.strataColumns = strataColumns
        self.confidenceLevel = confidenceLevel
        self.rowsUsed = rowsUsed
        self.omissions = omissions
    }

    private func groupName(_ c: CumulativeIncidenceCurve) -> String {
        c.group.map { "\(groupColumn ?? "group")=\($0)" } ?? "all"
    }

    /// Per cause and group, the rows at the cause's event times (as `summary(fit)` for that
    /// state), then Gray's tests.
    public func text() -> String {
        let level = NumberText.roundTrip(confidenceLevel * 100) + "%"
        var out = "Cumulative incidence (Aalen-Johansen); log confidence intervals at \(level)\n"
        out += "n= \(rowsUsed), " + (omissions.sentence ?? "no rows left out") + ".\n"
        for causeCurves in curves {
            for c in causeCurves {
                out += "\n\(statusColumn)=\(c.causeLabel), \(groupName(c))\n"
                var table = TextTable([("time", .right), ("n.risk", .right), ("n.event", .right), ("cif", .right),
                                       ("std.err", .right), ("lower \(level)", .right), ("upper \(level)", .right)])
                for r in c.rows where r.events > 0 {
                    table.append([NumberText.significant(r.time, digits: 6), String(r.atRisk), String(r.events),
                                  NumberText.significant(r.incidence, digits: 4),
                                  NumberText.significant(r.standardError, digits: 4),
                                  NumberText.significant(r.lower, digits: 4), NumberText.significant(r.upper, digits: 4)])
                }
                out += table.rendered()
            }
        }
        if let tests {
            out += "\nGray's test" + (strataColumns.isEmpty ? "" : " stratified by \(strataColumns.joined(separator: ", "))") + "\n"
            var table = TextTable([("cause", .left), ("stat", .right), ("df", .right), ("p", .right)])
            for t in tests {
                table.append(["\(statusColumn)=\(t.causeLabel)", NumberText.significant(t.statistic, digits: 4),
                              String(t.degreesOfFreedom), NumberText.pValue(t.pValue, digits: 3)])
            }
            out += table.rendered()
        }
        return out
    }

    /// One CSV row per cause, group and time.
    public func csv() -> String {
        var w = CSVWriter(header: ["cause", "group", "time", "n_risk", "n_event", "cif", "std_err", "lower", "upper"])
        for causeCurves in curves {
            for c in causeCurves {
                for r in c.rows {
                    w.append([.text(c.causeLabel), c.group.map(CSVWriter.Cell.text) ?? .text(""), .number(r.time),
                              .int(r.atRisk), .int(r.events), .number(r.incidence), .number(r.standardError),
                              .number(r.lower), .number(r.upper)])
                }
            }
        }
        return w.rendered()
    }

    /// The JSON object of the CLI contract (docs/cif.md).
    public func json() -> JSONValue {
        .object([
            ("conf_type", .string("log")),
            ("conf_level", .number(confidenceLevel)),
            ("rows_used", .int(rowsUsed)),
            ("rows_omitted", .int(omissions.rows)),
            ("causes", .array(curves.map { causeCurves in
                .object([("cause", .string(causeCurves.first?.causeLabel ?? "")),
                         ("groups", .array(causeCurves.map { c in
                             .object([("group", c.group.map(JSONValue.string) ?? .null),
                                      ("table", .array(c.rows.map { r in
                                          .object([("time", .number(r.time)), ("n_risk", .int(r.atRisk)),
                                                   ("n_event", .int(r.events)), ("cif", .number(r.incidence)),
                                                   ("std_err", .number(r.standardError)),
                                                   ("lower", .optional(r.lower)), ("upper", .optional(r.upper))])
                                      }))])
                         }))])
            })),
            ("gray_tests", tests.map { ts in
                .array(ts.map { t in
                    .object([("cause", .string(t.causeLabel)), ("statistic", .number(t.statistic)),
                             ("df", .int(t.degreesOfFreedom)), ("p_value", .optional(t.pValue.isNaN ? nil : t.pValue))])
                })
            } ?? .null),
        ])
    }
}
