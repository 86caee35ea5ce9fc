import SurvivalAnalysis

/// The report of `survkit km`: text like R's `print(fit)` and `summary(fit)`, the curve table as
/// CSV, and the contract's JSON object.
///
/// Rendering only: every number comes from ``KaplanMeierAnalysis``. NaN (R's NA) prints as
/// `NA` in text and CSV and as `null` in JSON.
public struct KaplanMeierReport: Report, Sendable {
    public var analysis: KaplanMeierAnalysis
    /// The command as the user ran it, shown on the text report's first line.
    public var call: String

    public init(_ analysis: KaplanMeierAnalysis, call: String) {
        self.analysis = analysis
        self.call = call
    }

    var isNelsonAalen: Bool { analysis.options.estimator == .nelsonAalen }

    // MARK: JSON

    /// `{"conf_type", "conf_level", "rows_used", "rows_omitted", ["estimator",] ["tau",] "groups": [...]}`,
    /// the keys of the command-line contract; `estimator` only for Nelson–Aalen, `tau` only
    /// with `--tau`.
    public func json() -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("conf_type", .string(analysis.options.confidenceType.rawValue)),
            ("conf_level", .number(analysis.options.confidenceLevel)),
            ("rows_used", .int(analysis.rowsUsed)),
            ("rows_omitted", .int(analysis.rowsOmitted)),
        ]
        if isNelsonAalen { members.append(("estimator", .string(analysis.options.estimator.rawValue))) }
        if let tau = analysis.options.tau { members.append(("tau", .number(tau))) }
        members.append(("groups", .array(analysis.curves.map(groupJSON))))
        return .object(members)
    }

    private func groupJSON(_ summary: CurveSummary) -> JSONValue {
        let curve = summary.curve
        var members: [(String, JSONValue)] = [
            ("group", curve.label.map(JSONValue.string) ?? .null),
            ("n", .int(curve.n)),
            ("events", .int(curve.events)),
            ("median", .optional(summary.median.time)),
            ("median_lower", .optional(summary.median.lower)),
            ("median_upper", .optional(summary.median.upper)),
        ]
        if let mean = summary.restrictedMean {
            members.append(("rmst", .optional(mean.estimate)))
            members.append(("rmst_std_err", .optional(mean.standardError)))
        }
        if let quantiles = summary.quantiles {
            members.append(("quantiles", .array(quantiles.map { q in
                .object([("prob", .number(q.probability)), ("quantile", .optional(q.time)),
                         ("lower", .optional(q.lower)), ("upper", .optional(q.upper))])
            })))
        }
        if let rows = summary.survivalAt {
            members.append(("survival_at", .array(rows.map { r in
                var row: [(String, JSONValue)] = [
                    ("time", .number(r.time)), ("n_risk", .int(r.nRisk)), ("n_event", .int(r.nEvent)),
                    ("n_censor", .int(r.nCensor)), ("survival", .optional(r.survival)),
                    ("std_err", .optional(r.standardError)), ("lower", .optional(r.lower)),
                    ("upper", .optional(r.upper)),
                ]
                if isNelsonAalen {
                    row.append(("cumhaz", .optional(r.cumulativeHazard)))
                    row.append(("cumhaz_std_err", .optional(r.cumulativeHazardStandardError)))
                }
                return .object(row)
            })))
        }
        var table: [JSONValue] = []
        table.reserveCapacity(curve.count)
        for i in 0..<curve.count {
            var row: [(String, JSONValue)] = [
                ("time", .number(curve.time[i])), ("n_risk", .int(Int(curve.nRisk[i]))),
                ("n_event", .int(Int(curve.nEvent[i]))), ("n_censor", .int(Int(curve.nCensor[i]))),
                ("survival", .optional(curve.survival[i])), ("std_err", .optional(curve.standardError(at: i))),
                ("lower", .optional(summary.band.lower[i])), ("upper", .optional(summary.band.upper[i])),
            ]
            if let hazard = curve.cumulativeHazard {
                row.append(("cumhaz", .optional(hazard[i])))
                row.append(("cumhaz_std_err", .optional(curve.logStandardError[i])))
            }
            table.append(.object(row))
        }
        members.append(("table", .array(table)))
        return .object(members)
    }

    // MARK: CSV

    /// The curve table, one row per curve and distinct time, with a `group` column (`NA` for a
    /// single curve); Nelson–Aalen adds `cumhaz` and `cumhaz_std_err`.
    public func csv() -> String {
        var header = ["group", "time", "n_risk", "n_event", "n_censor", "survival", "std_err", "lower", "upper"]
        if isNelsonAalen { header += ["cumhaz", "cumhaz_std_err"] }
        var writer = CSVWriter(header: header)
        for summary in analysis.curves {
            let curve = summary.curve
            let group: CSVWriter.Cell = curve.label.map(CSVWriter.Cell.text) ?? .number(nil)
            for i in 0..<curve.count {
                var cells: [CSVWriter.Cell] = [
                    group, .number(curve.time[i]), .int(Int(curve.nRisk[i])), .int(Int(curve.nEvent[i])),
                    .int(Int(curve.nCensor[i])), .number(curve.survival[i]), .number(curve.standardError(at: i)),
                    .number(summary.band.lower[i]), .number(summary.band.upper[i]),
                ]
                if let hazard = curve.cumulativeHazard {
                    cells += [.number(hazard[i]), .number(curve.logStandardError[i])]
                }
                writer.append(cells)
            }
        }
        return writer.rendered()
    }
}
