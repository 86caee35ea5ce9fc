import SurvivalAnalysis

/// `survkit cox --fine-gray --cause K` as text, CSV or JSON, in the shape of the Cox report:
/// one row per term with coef, exp(coef), se, z, p and the limits of exp(coef).
public struct FineGrayReport: Report, Sendable {
    /// The fitted model.
    public let model: FineGrayModel
    /// The status column's name, for the header line (`status=cause`).
    public let statusColumn: String
    /// Confidence level of the exp(coef) limits, in (0, 1).
    public let confidenceLevel: Double
    /// Rows left out for missing values.
    public let rowsOmitted: Int

    /// A report of `model`; `confidenceLevel` of the exp(coef) limits.
    public init(model: FineGrayModel, statusColumn: String, confidenceLevel: Double, rowsOmitted: Int) {
        self.model = model
        self.statusColumn = statusColumn
        self.confidenceLevel = confidenceLevel
        self.rowsOmitted = rowsOmitted
    }

    private var rows: [FineGrayModel.Coefficient] { model.coefficientTable(confidenceLevel: confidenceLevel) }

    /// The `summary(crr)`-like table with the model's n and events.
    public func text() -> String {
        let level = NumberText.roundTrip(confidenceLevel * 100)
        var out = "Fine-Gray subdistribution hazards for \(statusColumn)=\(model.causeLabel) (cmprsk::crr; Breslow ties)\n"
        out += "n= \(model.rowsUsed), number of events= \(model.events)\n\n"
        var t = TextTable([("term", .left), ("coef", .right), ("exp(coef)", .right), ("se(coef)", .right), ("robust se", .right), ("z", .right),
                           ("Pr(>|z|)", .right), ("lower .\(level)", .right), ("upper .\(level)", .right)])
        for r in rows {
            t.append([r.term, NumberText.significant(r.coef, digits: 4), NumberText.significant(r.expCoef, digits: 4),
                      NumberText.significant(r.se, digits: 4), NumberText.significant(r.robustSE, digits: 4),
                      NumberText.significant(r.z, digits: 3),
                      NumberText.pValue(r.pValue, digits: 3), NumberText.significant(r.lower, digits: 4),
                      NumberText.significant(r.upper, digits: 4)])
        }
        out += t.rendered()
        out += "se(coef): model-based (crr's invinf); robust se: Fine and Gray's sandwich (crr's var), used for z, p and the limits.\n"
        if !model.converged { out += "Warning: Newton-Raphson did not converge in \(model.iterations) iterations\n" }
        return out
    }

    /// One row per term: coef, exp(coef), both standard errors, z, p and the limits.
    public func csv() -> String {
        var w = CSVWriter(header: ["term", "coef", "exp_coef", "se", "robust_se", "z", "p_value", "lower", "upper"])
        for r in rows {
            w.append([.text(r.term), .number(r.coef), .number(r.expCoef), .number(r.se), .number(r.robustSE), .number(r.z), .number(r.pValue),
                      .number(r.lower), .number(r.upper)])
        }
        return w.rendered()
    }

    /// The JSON object (docs/cox.md): the Cox keys that apply, plus `model` and `cause`.
    public func json() -> JSONValue {
        .object([
            ("model", .string("fine-gray")),
            ("cause", .string(model.causeLabel)),
            ("n", .int(model.rowsUsed)),
            ("events", .int(model.events)),
            ("iterations", .int(model.iterations)),
            ("converged", .bool(model.converged)),
            ("ties", .string("breslow")),
            ("loglik_null", .number(model.loglikNull)),
            ("loglik", .number(model.loglik)),
            ("coefficients", .array(rows.map { r in
                .object([("term", .string(r.term)), ("coef", .number(r.coef)), ("exp_coef", .number(r.expCoef)),
                         ("se", .number(r.se)), ("robust_se", .number(r.robustSE)), ("z", .number(r.z)), ("p_value", .number(r.pValue)),
                         ("lower", .number(r.lower)), ("upper", .number(r.upper))])
            })),
            ("rows_used", .int(model.rowsUsed)),
            ("rows_omitted", .int(rowsOmitted)),
            ("conf_level", .number(confidenceLevel)),
        ])
    }
}
