import SurvivalAnalysis

/// `survkit cox` output: the coefficient table and tests of R's `summary(coxph)`, with the
/// optional proportional-hazards test and predicted curve. Rendering only.
public struct CoxReport: Report {
    /// The fitted model.
    public let model: CoxModel
    /// The proportional-hazards test, when asked for (`--zph`).
    public let zph: CoxZph?
    /// The predicted curve, when asked for (`--predict`).
    public let prediction: CoxPrediction?
    /// The baseline cumulative hazard table, when asked for (`--baseline`).
    public var baseline: CoxBaselineHazard?

    /// A report of `model` with optional `cox.zph` and prediction.
    public init(model: CoxModel, zph: CoxZph? = nil, prediction: CoxPrediction? = nil) {
        self.model = model
        self.zph = zph
        self.prediction = prediction
    }

    private var levelLabel: String {
        // R's summary.coxph: paste("lower .", round(100 * conf.int, 2)).
        let percent = (model.options.confidenceLevel * 100 * 100).rounded() / 100
        return "." + NumberText.roundTrip(percent)
    }

    // MARK: text

    /// R's `summary(coxph)` layout, then cox.zph, the predicted curve and the warnings.
    /// - Complexity: O(p + rows of the predicted curves).
    public func text() -> String {
        let e = model.estimate
        var out = "Cox proportional hazards model: \(model.source)\n"
        out += "  n = \(model.rowsUsed), events = \(model.events)"
        if let omitted = model.omissions.sentence { out += " (\(omitted))" }
        out += "\n  ties: \(model.options.ties.rawValue); "
        out += e.converged ? "converged in \(e.iterations) iteration\(e.iterations == 1 ? "" : "s")"
            : "did NOT converge (\(e.iterations) iteration\(e.iterations == 1 ? "" : "s"))"
        if !model.strataColumns.isEmpty {
            out += "; strata: \(model.strataColumns.joined(separator: ", ")) (\(model.strataLevels.count))"
        }
        if model.robust { out += "; robust variance" }
        if model.hasOffset { out += "; with offset" }
        if let firth = model.firth {
            out += "\n  Firth's penalised likelihood: penalised loglik = \(num(firth.penalisedLoglik)) (null \(num(firth.penalisedLoglikNull))); p-values and limits from the profile penalised likelihood"
        }
        if let ridge = model.ridge {
            out += "\n  ridge penalty: theta = \(num(ridge.penalty.theta)) on every term, penalty = \(num(ridge.penaltyValue)), effective df = \(num(ridge.degreesOfFreedom))"
        }
        out += "\n\n"

        var titles: [(String, TextTable.Alignment)] = [("term", .left), ("coef", .right), ("exp(coef)", .right),
                                                       ("se(coef)", .right)]
        if model.robust { titles.append(("robust se", .right)) }
        if model.ridge != nil { titles.append(("se2", .right)) }
        titles += [("z", .right), ("Pr(>|z|)", .right), ("lower \(levelLabel)", .right), ("upper \(levelLabel)", .right)]
        var table = TextTable(titles)
        for (j, c) in model.coefficients.enumerated() {
            var row = [c.term, num(c.coef), num(c.expCoef), num(c.se)]
            if model.robust { row.append(num(c.robustSE)) }
            if let ridge = model.ridge { row.append(num(ridge.se2[j])) }
            row += [num(c.z), NumberText.pValue(c.pValue.isNaN ? nil : c.pValue), num(c.lower), num(c.upper)]
            table.append(row)
        }
        out += table.rendered()
        out += "\nConcordance = \(num(model.concordance.concordance)) (se = \(num(model.concordance.standardError)))\n"
        if model.firth != nil {
            out += testLine("Penalised likelihood ratio test", model.likelihoodRatioTest)
            out += testLine("Wald test                      ", model.waldTest)
        } else if let ridge = model.ridge {
            // R prints only the likelihood-ratio test of a penalised fit, on the effective df.
            out += "Likelihood ratio test = \(num(ridge.likelihoodRatioChisq)) on \(num(ridge.degreesOfFreedom)) df, p = \(NumberText.pValue(ridge.likelihoodRatioPValue.isNaN ? nil : ridge.likelihoodRatioPValue))\n"
        } else {
            out += testLine("Likelihood ratio test", model.likelihoodRatioTest)
            out += testLine("Wald test            ", model.waldTest)
            out += testLine("Score (logrank) test ", model.scoreTest)
        }
        if let robust = model.robustScoreTest { out += testLine("Robust score test    ", robust) }

        if let zph {
            out += "\nProportional hazards test (cox.zph, \(zph.transform) transform):\n"
            var t = TextTable([("term", .left), ("chisq", .right), ("df", .right), ("p", .right)])
            for row in zph.terms + [zph.global] {
                t.append([row.term, num(row.chisq), String(row.df), NumberText.pValue(row.pValue)])
            }
            out += t.rendered()
        }
        if let prediction {
            let values = prediction.values.map { "\($0.name)=\($0.value)" }.joined(separator: ", ")
            out += "\nPredicted survival for \(values) (relative risk \(num(prediction.relativeRisk))):\n"
            for curve in prediction.curves {
                if let stratum = curve.stratum { out += "\n\(stratum)\n" }
                var t = TextTable(numeric: ["time", "n.risk", "n.event", "n.censor", "cumhaz", "std.err",
                                            "survival", "lower \(levelLabel)", "upper \(levelLabel)"])
                for p in curve.points {
                    t.append([num(p.time, 6), num(p.atRisk, 6), num(p.events, 6), num(p.censored, 6),
                              num(p.cumulativeHazard), num(p.standardError), num(p.survival),
                              num(p.lower), num(p.upper)])
                }
                out += t.rendered()
            }
        }
        if let baseline {
            out += "\nBaseline cumulative hazard at the covariate means (\(baseline.estimator.rawValue) increments):\n"
            var t = TextTable(numeric: ["time", "n.risk", "n.event", "cumhaz"])
            var stratum: String?
            for r in baseline.rows {
                if let s = r.stratum, s != stratum { t.append([s, "", "", ""]); stratum = s }
                t.append([num(r.time, 6), num(r.atRisk, 6), num(r.events, 6), num(r.cumulativeHazard)])
            }
            out += t.rendered()
        }
        if !model.warnings.isEmpty {
            out += "\nWarnings:\n"
            for w in model.warnings { out += "  - \(CoxWarningText.words(w))\n" }
        }
        return out
    }

    private func num(_ x: Double?, _ digits: Int = 4) -> String { NumberText.significant(x, digits: digits) }

    private func testLine(_ name: String, _ test: CoxTest) -> String {
        "\(name) = \(num(test.chisq)) on \(test.df) df, p = \(NumberText.pValue(test.pValue.isNaN ? nil : test.pValue))\n"
    }

    // MARK: csv

    /// The coefficient table.
    /// - Complexity: O(p).
    public func csv() -> String {
        var header = ["term", "coef", "exp_coef", "se", "robust_se", "z", "p_value", "lower", "upper"]
        if model.ridge != nil { header.append("se2") }
        var w = CSVWriter(header: header)
        for (j, c) in model.coefficients.enumerated() {
            var row: [CSVWriter.Cell] = [.text(c.term), .number(c.coef), .number(c.expCoef), .number(c.se),
                                         .number(c.robustSE), .number(c.z), .number(c.pValue), .number(c.lower),
                                         .number(c.upper)]
            if let ridge = model.ridge { row.append(.number(ridge.se2[j])) }
            w.append(row)
        }
        return w.rendered()
    }

    // MARK: json

    /// The contract's keys in its order, then `rows_used`, `rows_omitted`, `conf_level`,
    /// `robust`, `strata`, and `zph` / `prediction` when asked for.
    /// - Complexity: O(p + rows of the predicted curves).
    public func json() -> JSONValue {
        let e = model.estimate
        var members: [(String, JSONValue)] = [
            ("n", .int(model.rowsUsed)),
            ("events", .int(model.events)),
            ("iterations", .int(e.iterations)),
            ("converged", .bool(e.converged)),
            ("ties", .string(model.options.ties.rawValue)),
            ("loglik_null", .optional(e.loglikNull)),
            ("loglik", .optional(e.loglik)),
            ("concordance", .optional(model.concordance.concordance)),
            ("concordance_se", .optional(model.concordance.standardError)),
            ("lr_test", model.ridge.map { r in
                .object([("chisq", .optional(r.likelihoodRatioChisq)), ("df", .number(r.degreesOfFreedom)),
                         ("p_value", .optional(r.likelihoodRatioPValue))])
            } ?? test(model.likelihoodRatioTest)),
            ("wald_test", test(model.waldTest)),
            ("score_test", test(model.scoreTest)),
        ]
        if let robust = model.robustScoreTest { members.append(("robust_score_test", test(robust))) }
        members.append(("coefficients", .array(model.coefficients.enumerated().map { j, c in
            var row: [(String, JSONValue)] = [("term", .string(c.term)), ("coef", .optional(c.coef)),
                                              ("exp_coef", .optional(c.expCoef)), ("se", .optional(c.se))]
            if model.robust { row.append(("robust_se", .optional(c.robustSE))) }
            if let ridge = model.ridge { row.append(("se2", .optional(ridge.se2[j]))) }
            if let firth = model.firth { row.append(("chisq", .optional(firth.termChisq[j]))) }
            row += [("z", .optional(c.z)), ("p_value", .optional(c.pValue)),
                    ("lower", .optional(c.lower)), ("upper", .optional(c.upper))]
            return .object(row)
        })))
        members.append(("warnings", .array(model.warnings.map { .string(CoxWarningText.words($0)) })))
        members += [
            ("rows_used", .int(model.rowsUsed)),
            ("rows_omitted", .int(model.rowsOmitted)),
            ("conf_level", .number(model.options.confidenceLevel)),
            ("robust", .bool(model.robust)),
            ("strata", .array(model.strataColumns.map(JSONValue.string))),
            ("offset", .bool(model.hasOffset)),
            ("vcov", matrix(model.varianceMatrix)),
        ]
        if let naive = model.naiveVarianceMatrix { members.append(("naive_vcov", matrix(naive))) }
        if let firth = model.firth {
            members.append(("firth", .object([
                ("penalized_loglik_null", .optional(firth.penalisedLoglikNull)),
                ("penalized_loglik", .optional(firth.penalisedLoglik)),
                ("profiles_converged", .bool(firth.profilesConverged)),
            ])))
        }
        if let ridge = model.ridge {
            members.append(("ridge", .object([
                ("theta", .number(ridge.penalty.theta)), ("penalty", .optional(ridge.penaltyValue)),
                ("df", .optional(ridge.degreesOfFreedom)),
            ])))
        }
        if let zph {
            members.append(("zph", .object([
                ("transform", .string(zph.transform)),
                ("terms", .array(zph.terms.map(zphRow))),
                ("global", zphRow(zph.global)),
            ])))
        }
        if let baseline {
            members.append(("baseline", .object([
                ("estimator", .string(baseline.estimator.rawValue)),
                ("table", .array(baseline.rows.map { r in
                    var row: [(String, JSONValue)] = []
                    if let s = r.stratum { row.append(("stratum", .string(s))) }
                    row += [("time", .number(r.time)), ("n_risk", .number(r.atRisk)), ("n_event", .number(r.events)),
                            ("cumhaz", .optional(r.cumulativeHazard))]
                    return .object(row)
                })),
            ])))
        }
        if let prediction {
            members.append(("prediction", .object([
                ("values", .object(prediction.values.map { ($0.name, .string($0.value)) })),
                ("relative_risk", .optional(prediction.relativeRisk)),
                ("curves", .array(prediction.curves.map(curve))),
            ])))
        }
        return .object(members)
    }

    /// A row-major p × p matrix as an array of rows.
    private func matrix(_ m: [Double]) -> JSONValue {
        let p = model.columnNames.count
        return .array((0..<p).map { i in .array((0..<p).map { j in .optional(m[i * p + j]) }) })
    }

    private func test(_ t: CoxTest) -> JSONValue {
        .object([("chisq", .optional(t.chisq)), ("df", .int(t.df)), ("p_value", .optional(t.pValue))])
    }

    private func zphRow(_ r: CoxZph.Row) -> JSONValue {
        .object([("term", .string(r.term)), ("chisq", .optional(r.chisq)), ("df", .int(r.df)),
                 ("p_value", .optional(r.pValue))])
    }

    private func curve(_ c: CoxPrediction.Curve) -> JSONValue {
        var members: [(String, JSONValue)] = []
        if let s = c.stratum { members.append(("stratum", .string(s))) }
        members.append(("table", .array(c.points.map { p in
            .object([("time", .number(p.time)), ("n_risk", .number(p.atRisk)), ("n_event", .number(p.events)),
                     ("n_censor", .number(p.censored)), ("cumhaz", .optional(p.cumulativeHazard)),
                     ("std_err", .optional(p.standardError)), ("survival", .optional(p.survival)),
                     ("lower", .optional(p.lower)), ("upper", .optional(p.upper)),
                     ("baseline_cumhaz", .optional(p.baselineCumulativeHazard))])
        })))
        return .object(members)
    }
}

/// The per-row residual file written by `survkit cox --residuals FILE.csv`.
public struct CoxResidualsTable: Sendable {
    /// Line (or observation) number of each row, identifying it in the CSV.
    public let lines: [Int32]
    /// Follow-up time of each row.
    public let time: [Double]
    /// Event indicator of each row.
    public let event: [Bool]
    /// The residuals, one per row.
    public let residuals: CoxResiduals

    /// A residuals table for the rows of `data`.
    public init(data: SurvivalData, residuals: CoxResiduals) {
        lines = data.lines
        time = data.time
        event = data.event
        self.residuals = residuals
    }

    /// `line,time,event,linear_predictor,martingale,deviance`, one row per used data row, with
    /// `line` the row's physical line in the input file.
    /// - Complexity: O(n).
    public func csv() -> String {
        var w = CSVWriter(header: ["line", "time", "event", "linear_predictor", "martingale", "deviance"])
        for i in time.indices {
            w.append([.int(Int(lines[i])), .number(time[i]), .int(event[i] ? 1 : 0),
                      .number(residuals.linearPredictor[i]), .number(residuals.martingale[i]),
                      .number(residuals.deviance[i])])
        }
        return w.rendered()
    }
}

/// The variance–covariance file written by `survkit cox --vcov FILE.csv`: one row per term,
/// `matrix` = `vcov` (R's `fit$var`), then `naive_vcov` rows (`fit$naive.var`) when robust.
public struct CoxVarianceTable: Sendable {
    /// The fitted model.
    public let model: CoxModel

    /// A table of `model`'s variance matrices.
    public init(model: CoxModel) { self.model = model }

    /// `matrix,term,<term 1>,…,<term p>`.
    /// - Complexity: O(p²).
    public func csv() -> String {
        let names = model.columnNames
        let p = names.count
        var w = CSVWriter(header: ["matrix", "term"] + names)
        var blocks = [("vcov", model.varianceMatrix)]
        if let naive = model.naiveVarianceMatrix { blocks.append(("naive_vcov", naive)) }
        for (label, m) in blocks {
            for i in 0..<p {
                w.append([.text(label), .text(names[i])] + (0..<p).map { .number(m[i * p + $0]) })
            }
        }
        return w.rendered()
    }
}

/// The per-row influence file written by `survkit cox --influence FILE.csv`.
public struct CoxInfluenceTable: Sendable {
    /// Line (or observation) number of each used row.
    public let lines: [Int32]
    /// Design column names.
    public let terms: [String]
    /// The residuals.
    public let influence: CoxInfluence

    /// An influence table for the rows of `data` fitted by `model`.
    public init(data: SurvivalData, model: CoxModel, influence: CoxInfluence) {
        lines = data.lines
        terms = model.columnNames
        self.influence = influence
    }

    /// `line,score_<term>…,dfbeta_<term>…,dfbetas_<term>…`, one row per used data row.
    /// - Complexity: O(n·p).
    public func csv() -> String {
        let p = terms.count
        var w = CSVWriter(header: ["line"] + terms.map { "score_\($0)" } + terms.map { "dfbeta_\($0)" }
                          + terms.map { "dfbetas_\($0)" })
        for i in lines.indices {
            var row: [CSVWriter.Cell] = [.int(Int(lines[i]))]
            for block in [influence.score, influence.dfbeta, influence.dfbetas] {
                row += (0..<p).map { .number(block[i * p + $0]) }
            }
            w.append(row)
        }
        return w.rendered()
    }
}
