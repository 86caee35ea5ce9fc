import SurvivalAnalysis

/// `survkit rmst` as text, CSV or JSON: RMST and RMTL per group, then each group against the
/// reference (difference, ratio, ratio of times lost), as survRM2's `rmst2` prints them.
public struct RestrictedMeanReport: Report, Sendable {
    /// The RMST comparison reported.
    public let comparison: RestrictedMeanComparison

    /// A report of `comparison`.
    public init(_ comparison: RestrictedMeanComparison) { self.comparison = comparison }

    /// One sentence per group whose curve was extended flat beyond its last (censored) time.
    public var warnings: [String] {
        comparison.curvesExtended.map { g in
            let group = comparison.groups[g]
            return "the Kaplan-Meier curve of \(comparison.groupColumn)=\(group.label) is undefined after its last time \(NumberText.roundTrip(group.lastTime)) (censored); it is held flat to tau = \(NumberText.roundTrip(comparison.tau)), as R's print(survfit, rmean = tau) does"
        }
    }

    private var level: String { NumberText.roundTrip(comparison.confidenceLevel * 100) + "%" }

    /// Per-group RMST and the contrasts as text, laid out like survRM2's `rmst2` print.
    public func text() -> String {
        let c = comparison
        var out = "Restricted mean survival time to tau = \(NumberText.roundTrip(c.tau))"
            + (c.tauIsDefault ? " (default: the smallest of the groups' largest follow-up times)" : "") + "\n"
        out += "data: \(c.source)  time: \(c.timeColumn)  event: \(c.eventColumn)  group: \(c.groupColumn)\n"
        out += "n= \(c.rowsUsed), " + (c.omissions.sentence ?? "no rows left out") + ".\n\n"
        var table = TextTable([("", .left), ("n", .right), ("events", .right), ("RMST", .right), ("se", .right),
                               ("lower \(level)", .right), ("upper \(level)", .right), ("RMTL", .right)])
        for g in c.groups {
            table.append(["\(c.groupColumn)=\(g.label)", String(g.n), String(g.events),
                          NumberText.significant(g.restrictedMean.estimate, digits: 5),
                          NumberText.significant(g.restrictedMean.standardError, digits: 4),
                          NumberText.significant(g.lower, digits: 5), NumberText.significant(g.upper, digits: 5),
                          NumberText.significant(g.timeLost, digits: 5)])
        }
        out += table.rendered() + "\n"
        var contrasts = TextTable([("", .left), ("Est.", .right), ("lower \(level)", .right), ("upper \(level)", .right),
                                   ("p", .right)])
        for k in c.contrasts {
            let a = "\(c.groupColumn)=\(c.groups[k.group].label)", b = "\(c.groupColumn)=\(c.groups[k.reference].label)"
            for (name, e) in [("RMST (\(a))-(\(b))", k.difference), ("RMST (\(a))/(\(b))", k.ratio),
                              ("RMTL (\(a))/(\(b))", k.timeLostRatio)] {
                contrasts.append([name, NumberText.significant(e.estimate, digits: 4),
                                  NumberText.significant(e.lower, digits: 4), NumberText.significant(e.upper, digits: 4),
                                  NumberText.pValue(e.pValue, digits: 3)])
            }
        }
        out += contrasts.rendered() + "\n"
        for w in warnings { out += "Warning: " + w + "\n" }
        return out
    }

    /// One CSV row per group and per contrast.
    public func csv() -> String {
        let c = comparison
        var w = CSVWriter(header: ["group", "n", "events", "rmst", "se", "lower", "upper", "rmtl", "rmtl_lower",
                                   "rmtl_upper", "last_time"])
        for g in c.groups {
            w.append([.text(g.label), .int(g.n), .int(g.events), .number(g.restrictedMean.estimate),
                      .number(g.restrictedMean.standardError), .number(g.lower), .number(g.upper),
                      .number(g.timeLost), .number(g.timeLostLower), .number(g.timeLostUpper), .number(g.lastTime)])
        }
        return w.rendered()
    }

    private func estimate(_ e: RestrictedMeanComparison.Estimate) -> JSONValue {
        // Null where R gives NaN (a group with no time lost makes the RMTL ratio degenerate).
        .object([("estimate", .optional(e.estimate)), ("std_err", .optional(e.standardError)),
                 ("lower", .optional(e.lower)), ("upper", .optional(e.upper)), ("p_value", .optional(e.pValue))])
    }

    /// The JSON object of the CLI contract (docs/rmst.md).
    public func json() -> JSONValue {
        let c = comparison
        return .object([
            ("tau", .number(c.tau)),
            ("tau_default", .bool(c.tauIsDefault)),
            ("conf_level", .number(c.confidenceLevel)),
            ("rows_used", .int(c.rowsUsed)),
            ("rows_omitted", .int(c.omissions.rows)),
            ("group_column", .string(c.groupColumn)),
            ("groups", .array(c.groups.map { g in
                .object([("group", .string(g.label)), ("n", .int(g.n)), ("events", .int(g.events)),
                         ("rmst", .number(g.restrictedMean.estimate)), ("std_err", .number(g.restrictedMean.standardError)),
                         ("lower", .number(g.lower)), ("upper", .number(g.upper)),
                         ("rmtl", .number(g.timeLost)), ("rmtl_lower", .number(g.timeLostLower)),
                         ("rmtl_upper", .number(g.timeLostUpper)), ("last_time", .number(g.lastTime))])
            })),
            ("contrasts", .array(c.contrasts.map { k in
                .object([("group", .string(c.groups[k.group].label)), ("reference", .string(c.groups[k.reference].label)),
                         ("rmst_difference", estimate(k.difference)), ("rmst_ratio", estimate(k.ratio)),
                         ("rmtl_ratio", estimate(k.timeLostRatio))])
            })),
            ("warnings", .array(warnings.map(JSONValue.string))),
        ])
    }
}
