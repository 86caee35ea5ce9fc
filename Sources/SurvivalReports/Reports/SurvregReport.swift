import SurvivalAnalysis

/// `survkit survreg` output: R's `summary(survreg)` (coefficients with Log(scale) rows, scale,
/// log-likelihoods, chi-square, iterations), then the Weibull fit on the hazard scale, the
/// predicted quantiles and the per-group exponential check when asked for. Rendering only.
public struct SurvregReport: Report {
    /// The fitted model.
    public let model: SurvregModel
    /// The Weibull fit on the hazard scale; nil for other distributions.
    public let hazardScale: WeibullHazardScale?
    /// Predicted quantiles for one covariate pattern, when asked for.
    public let prediction: SurvregPrediction?
    /// The per-group constant-hazard check, when asked for.
    public let check: ExponentialCheck?

    /// A report of `model`, with the optional prediction and check.
    public init(model: SurvregModel, prediction: SurvregPrediction? = nil, check: ExponentialCheck? = nil) {
        self.model = model
        self.hazardScale = WeibullHazardScale(model)
        self.prediction = prediction
        self.check = check
    }

    private func num(_ x: Double?, _ digits: Int = 4) -> String { NumberText.significant(x, digits: digits) }
    private func p(_ x: Double?) -> String { NumberText.pValue(x.flatMap { $0.isNaN ? nil : $0 }) }

    // MARK: text

    /// - Complexity: O(p + quantiles + groups).
    public func text() -> String {
        let m = model
        var out = "Parametric survival regression (survreg): \(m.source)\n"
        out += "  \(m.options.distribution.rName) distribution; n = \(m.rowsUsed), events = \(m.events)"
        if let omitted = m.omissions.sentence { out += " (\(omitted))" }
        if !m.strataColumns.isEmpty { out += "; scale strata: \(m.strataColumns.joined(separator: ", "))" }
        if m.options.robust { out += "; robust variance" }
        out += "\n\n"
        var titles: [(String, TextTable.Alignment)] = [("term", .left), ("Value", .right), ("Std. Error", .right)]
        if m.options.robust { titles.append(("(Naive SE)", .right)) }
        titles += [("z", .right), ("p", .right)]
        var table = TextTable(titles)
        for c in m.table {
            var row = [c.term, num(c.value), num(c.se)]
            if m.options.robust { row.append(num(c.naiveSE)) }
            row += [num(c.z), p(c.pValue)]
            table.append(row)
        }
        out += table.rendered()
        if m.options.distribution.fixedScale != nil {
            out += "\nScale fixed at \(num(m.scales[0]))\n"
        } else if m.scales.count == 1 {
            out += "\nScale = \(num(m.scales[0]))\n"
        } else {
            out += "\nScale:\n"
            for (label, s) in zip(m.scaleLabels, m.scales) { out += "  \(label): \(num(s))\n" }
        }
        out += "\nLoglik(model) = \(num(m.loglik, 8))   Loglik(intercept only) = \(num(m.loglikIntercept, 8))\n"
        if m.df > 0 { out += "  Chisq = \(num(m.chisq)) on \(m.df) degrees of freedom, p = \(p(m.pValue))\n" }
        out += m.converged ? "Number of Newton-Raphson iterations: \(m.iterations)\n"
            : "Did NOT converge in \(m.iterations) Newton-Raphson iterations\n"

        if let h = hazardScale {
            out += "\nWeibull on the proportional-hazards scale (h = lambda*shape*t^(shape-1)*exp(x'b)):\n"
            var t = TextTable(numeric: ["term", "estimate", "se", "hazard ratio", "lower", "upper"])
            t.columns[0].alignment = .left
            for r in h.rows {
                t.append([r.term, num(r.estimate), num(r.se), r.hazardRatio.map { num($0) } ?? "",
                          r.lower.map { num($0) } ?? "", r.upper.map { num($0) } ?? ""])
            }
            out += t.rendered()
        }
        if let prediction {
            let values = prediction.values.map { "\($0.name)=\($0.value)" }.joined(separator: ", ")
            out += "\nPredicted quantiles of time for \(values):\n"
            var t = TextTable(numeric: ["p", "time", "se", "lower", "upper"])
            for q in prediction.quantiles {
                t.append([num(q.probability), num(q.time), num(q.se), num(q.lower), num(q.upper)])
            }
            out += t.rendered()
        }
        if let check {
            out += "\nConstant-hazard check per group (exponential vs Weibull, likelihood ratio, 1 df):\n"
            var t = TextTable(numeric: ["group", "n", "events", "hazard", "lower", "upper", "median",
                                        "shape", "shape lower", "shape upper", "LR chisq", "p"])
            t.columns[0].alignment = .left
            for a in check.arms {
                t.append([a.group, String(a.n), String(a.events), num(a.hazard), num(a.hazardLower),
                          num(a.hazardUpper), num(a.median), num(a.shape), num(a.shapeLower), num(a.shapeUpper),
                          num(a.lrChisq), p(a.lrPValue)])
            }
            out += t.rendered()
        }
        let warnings = m.warnings + (check?.warnings ?? [])
        if !warnings.isEmpty {
            out += "\nWarnings:\n"
            for w in warnings { out += "  - \(w)\n" }
        }
        return out
    }

    // MARK: csv

    /// The coefficient table, Log(scale) rows included.
    public func csv() -> String {
        var w = CSVWriter(header: ["term", "value", "se", "naive_se", "z", "p_value"])
        for c in model.table {
            w.append([.text(c.term), .number(c.value), .number(c.se), .number(c.naiveSE ?? c.se), .number(c.z),
                      .number(c.pValue)])
        }
        return w.rendered()
    }

    // MARK: json

    /// snake_case keys; `variance` is the full (coefficients, log scales) matrix row by row.
    public func json() -> JSONValue {
        let m = model
        var members: [(String, JSONValue)] = [
            ("distribution", .string(m.options.distribution.rawValue)),
            ("n", .int(m.rowsUsed)),
            ("events", .int(m.events)),
            ("iterations", .int(m.iterations)),
            ("converged", .bool(m.converged)),
            ("loglik", .optional(m.loglik)),
            ("loglik_intercept", .optional(m.loglikIntercept)),
            ("chisq", .optional(m.chisq)),
            ("df", .int(m.df)),
            ("p_value", .optional(m.df > 0 ? m.pValue : nil)),
            ("coefficients", .array(m.table.map { c in
                var row: [(String, JSONValue)] = [("term", .string(c.term)), ("value", .optional(c.value)),
                                                  ("se", .optional(c.se))]
                if let naive = c.naiveSE { row.append(("naive_se", .optional(naive))) }
                row += [("z", .optional(c.z)), ("p_value", .optional(c.pValue))]
                return .object(row)
            })),
            ("scale", .array(m.scales.map { .optional($0) })),
            ("scale_strata", .array(m.scaleLabels.map(JSONValue.string))),
            ("variance", .array((0..<m.parameterCount).map { i in
                .array((0..<m.parameterCount).map { j in .optional(m.variance[i * m.parameterCount + j]) })
            })),
            ("robust", .bool(m.options.robust)),
            ("rows_used", .int(m.rowsUsed)),
            ("rows_omitted", .int(m.rowsOmitted)),
            ("conf_level", .number(m.options.confidenceLevel)),
        ]
        if let h = hazardScale {
            members.append(("hazard_scale", .array(h.rows.map { r in
                var row: [(String, JSONValue)] = [("term", .string(r.term)), ("estimate", .optional(r.estimate)),
                                                  ("se", .optional(r.se))]
                if let hr = r.hazardRatio {
                    row += [("hazard_ratio", .optional(hr)), ("lower", .optional(r.lower)), ("upper", .optional(r.upper))]
                }
                return .object(row)
            })))
        }
        if let prediction {
            var pred: [(String, JSONValue)] = [("values", .object(prediction.values.map { ($0.name, .string($0.value)) }))]
            if let s = prediction.stratum { pred.append(("stratum", .string(s))) }
            pred.append(("linear_predictor", .optional(prediction.linearPredictor)))
            pred.append(("quantiles", .array(prediction.quantiles.map { q in
                .object([("p", .number(q.probability)), ("time", .optional(q.time)), ("se", .optional(q.se)),
                         ("lower", .optional(q.lower)), ("upper", .optional(q.upper))])
            })))
            members.append(("prediction", .object(pred)))
        }
        if let check {
            members.append(("arm_check", .array(check.arms.map { a in
                .object([("group", .string(a.group)), ("n", .int(a.n)), ("events", .int(a.events)),
                         ("hazard", .optional(a.hazard)), ("hazard_lower", .optional(a.hazardLower)),
                         ("hazard_upper", .optional(a.hazardUpper)), ("median", .optional(a.median)),
                         ("shape", .optional(a.shape)), ("shape_lower", .optional(a.shapeLower)),
                         ("shape_upper", .optional(a.shapeUpper)), ("lr_chisq", .optional(a.lrChisq)),
                         ("lr_p_value", .optional(a.lrPValue))])
            })))
        }
        members.append(("warnings", .array((m.warnings + (check?.warnings ?? [])).map(JSONValue.string))))
        return .object(members)
    }
}
