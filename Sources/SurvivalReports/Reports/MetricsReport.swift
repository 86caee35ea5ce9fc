import SurvivalAnalysis

/// `survkit metrics` as text, CSV or JSON: Harrell's and Uno's C, then per time the AUC and
/// (with predicted survival) the Brier score, the mean AUC and the integrated Brier score.
public struct MetricsReport: Report, Sendable {
    /// The metrics reported.
    public let metrics: PredictionMetrics
    /// Where the numbers came from: test data, marker column, training data, survival columns.
    public let source: String, marker: String, training: String
    /// The column of predicted survival at each time, when given.
    public let survivalColumns: [String]
    /// Rows of the test data left out for missing values.
    public let omissions: Omissions

    /// A report of `metrics` on the test data `source` with risk marker `marker`.
    public init(_ metrics: PredictionMetrics, source: String, marker: String, training: String,
                survivalColumns: [String], omissions: Omissions) {
        self.metrics = metrics
        self.source = source
        self.marker = marker
        self.training = training
        self.survivalColumns = survivalColumns
        self.omissions = omissions
    }

    /// The C indices, then a table of the times, as text.
    public func text() -> String {
        let m = metrics
        var out = "Prediction metrics of marker '\(marker)' (higher = earlier event)\n"
        out += "data: \(source)  n= \(m.n), events= \(m.events), " + (omissions.sentence ?? "no rows left out") + ".\n"
        out += "censoring distribution from: \(training) (\(m.trainingRows) rows)\n\n"
        var c = TextTable([("", .left), ("C", .right), ("se", .right)])
        c.append(["Harrell's C", NumberText.significant(m.harrell.concordance, digits: 5),
                  NumberText.significant(m.harrell.standardError, digits: 4)])
        c.append(["Uno's C" + (m.uno.tau.map { " (tau = \(NumberText.roundTrip($0)))" } ?? ""),
                  NumberText.significant(m.uno.concordance, digits: 5), ""])
        out += c.rendered() + "\n"
        if let auc = m.auc {
            var table = TextTable([("time", .right), ("AUC", .right)] + (m.brier == nil ? [] : [("Brier", .right)]))
            for (k, t) in m.times.enumerated() {
                table.append([NumberText.roundTrip(t), NumberText.significant(auc.auc[k], digits: 5)]
                             + (m.brier.map { [NumberText.significant($0[k], digits: 5)] } ?? []))
            }
            out += table.rendered() + "\n"
            out += "mean AUC: \(NumberText.significant(auc.meanAUC, digits: 5))\n"
            if let ibs = m.integratedBrier { out += "integrated Brier score: \(NumberText.significant(ibs, digits: 5))\n" }
        }
        return out
    }

    /// One row per time (time, auc, brier), then rows for the summaries with time NA and the
    /// metric named in `metric`.
    public func csv() -> String {
        let m = metrics
        var w = CSVWriter(header: ["metric", "time", "value"])
        w.append([.text("harrell_c"), .number(nil), .number(m.harrell.concordance)])
        w.append([.text("harrell_c_se"), .number(nil), .number(m.harrell.standardError)])
        w.append([.text("uno_c"), .number(m.uno.tau), .number(m.uno.concordance)])
        if let auc = m.auc {
            for (k, t) in m.times.enumerated() { w.append([.text("auc"), .number(t), .number(auc.auc[k])]) }
            w.append([.text("mean_auc"), .number(nil), .number(auc.meanAUC)])
        }
        if let brier = m.brier {
            for (k, t) in m.times.enumerated() { w.append([.text("brier"), .number(t), .number(brier[k])]) }
        }
        if let ibs = m.integratedBrier { w.append([.text("integrated_brier"), .number(nil), .number(ibs)]) }
        return w.rendered()
    }

    /// The JSON object documented in docs/metrics.md.
    public func json() -> JSONValue {
        let m = metrics
        return .object([
            ("marker", .string(marker)),
            ("rows_used", .int(m.n)),
            ("rows_omitted", .int(omissions.rows)),
            ("events", .int(m.events)),
            ("training", .string(training)),
            ("training_rows", .int(m.trainingRows)),
            ("harrell_c", .number(m.harrell.concordance)),
            ("harrell_c_se", .number(m.harrell.standardError)),
            ("uno_c", .number(m.uno.concordance)),
            ("tau", .optional(m.uno.tau)),
            ("concordant", .int(m.uno.concordant)),
            ("discordant", .int(m.uno.discordant)),
            ("tied_risk", .int(m.uno.tiedRisk)),
            ("tied_time", .int(m.uno.tiedTime)),
            ("times", .array(m.times.enumerated().map { k, t in
                .object([("time", .number(t)), ("auc", .optional(m.auc?.auc[k])), ("brier", .optional(m.brier?[k]))])
            })),
            ("mean_auc", .optional(m.auc?.meanAUC)),
            ("integrated_brier", .optional(m.integratedBrier)),
            ("survival_columns", .array(survivalColumns.map(JSONValue.string))),
        ])
    }
}
