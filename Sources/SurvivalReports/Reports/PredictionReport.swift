internal import Foundation
import SurvivalAnalysis
import TrialDesign

/// `survkit predict` as text, CSV or JSON: the models fitted at the cut, the predicted calendar
/// time of the target event with its prediction interval, and the events expected at chosen
/// times; ``eventsCSV`` is the figure-ready curve of predicted events over time.
public struct PredictionReport: Report, Sendable {
    /// The prediction reported.
    public let prediction: EventPrediction
    /// The data file.
    public let source: String
    /// Rows analysed (after filters, missing values and the cut).
    public let rowsUsed: Int
    /// Rows left out for missing values.
    public let omissions: Omissions
    /// The grouping column (unblinded data), if any.
    public let groupColumn: String?
    /// Days per unit of the calendar scale when the entry column holds dates (times are then
    /// also given as ISO dates); nil for a numeric calendar.
    public let daysPerUnit: Double?

    /// A report of `prediction` made from the data in `source`.
    public init(prediction: EventPrediction, source: String, rowsUsed: Int, omissions: Omissions,
                groupColumn: String?, daysPerUnit: Double?) {
        self.prediction = prediction
        self.source = source
        self.rowsUsed = rowsUsed
        self.omissions = omissions
        self.groupColumn = groupColumn
        self.daysPerUnit = daysPerUnit
    }

    private func date(_ t: Double) -> String? {
        guard let daysPerUnit, t.isFinite else { return nil }
        return DateText.iso(dayNumber: t * daysPerUnit)
    }

    private func timeText(_ t: Double) -> String {
        guard t.isFinite else { return "never (in the upper tail)" }
        return NumberText.significant(t, digits: 5) + (date(t).map { " (\($0))" } ?? "")
    }

    private var levelText: String { NumberText.roundTrip(prediction.settings.intervalLevel * 100) + "%" }

    /// The prediction as text.
    public func text() -> String {
        let p = prediction, s = p.settings
        var out = "Event prediction: when the trial reaches \(s.targetEvents) events\n"
        out += "data: \(source)" + (groupColumn.map { "  group: \($0) (arms fitted separately)" } ?? "  (pooled: blinded)") + "\n"
        out += "n= \(rowsUsed), " + (omissions.sentence ?? "no rows left out") + ".\n"
        out += "cut at calendar time \(timeText(p.cut)): \(p.patients) patients, \(p.eventsObserved) events, \(p.atRisk) still followed, \(p.dropouts) dropped out\n"
        out += "still to enrol: \(s.patientsToEnrol) patients" + (s.patientsToEnrol > 0 ? " at \(NumberText.roundTrip(s.accrualRate)) per unit of time (\(s.evenAccrual ? "evenly spaced" : "Poisson") entries from the cut)" : "") + "\n\n"
        out += "Model: \(s.model.rawValue) event times (maximum likelihood)" + (s.dropoutModel ? ", exponential dropout" : ", no dropout after the cut") + "\n"
        var table = TextTable([("arm", .left), ("patients", .right), ("events", .right), ("rate", .right), ("shape", .right),
                               ("median", .right), ("dropout rate", .right), ("new share", .right)])
        for a in p.arms {
            table.append([a.label.isEmpty ? "(pooled)" : a.label, String(a.patients), String(a.events),
                          NumberText.significant(a.fit.rate, digits: 5), NumberText.significant(a.fit.shape, digits: 5),
                          NumberText.significant(a.fit.median, digits: 5),
                          s.dropoutModel ? NumberText.significant(a.dropout.rate, digits: 4) : "-",
                          NumberText.significant(a.allocation, digits: 4)])
        }
        out += table.rendered(indent: 2) + "\n"
        out += "Parameter uncertainty: " + (s.parameterUncertainty ? "asymptotic normal law of the MLE, drawn per replicate" : "none (the MLE in every replicate)")
            + "; \(s.replicates) replicates, seed \(s.seed)\n\n"
        out += "Event \(s.targetEvents) predicted at \(timeText(p.predictedTime)) (median of the replicates)\n"
        out += "  \(levelText) prediction interval: \(timeText(p.predictedTimeLower)) to \(timeText(p.predictedTimeUpper))\n"
        if p.probabilityReached < 1 {
            out += "  reached in \(NumberText.significant(p.probabilityReached * 100, digits: 4))% of the replicates (the others lose too many patients to dropout)\n"
        }
        if !p.eventsAt.isEmpty {
            out += "\nEvents expected by\n"
            var t = TextTable([("time", .right)] + (daysPerUnit != nil ? [("date", .right)] : []) +
                              [("mean", .right), ("sd", .right), ("lower \(levelText)", .right), ("upper \(levelText)", .right)])
            for e in p.eventsAt {
                t.append([NumberText.significant(e.time, digits: 5)] + (date(e.time).map { [$0] } ?? []) +
                         [NumberText.fixed(e.mean, decimals: 2), NumberText.fixed(e.standardDeviation, decimals: 2),
                          NumberText.significant(e.lower, digits: 4), NumberText.significant(e.upper, digits: 4)])
            }
            out += t.rendered(indent: 2) + "\n"
        }
        return out
    }

    /// One row: the prediction of the target event.
    public func csv() -> String {
        let p = prediction
        var w = CSVWriter(header: ["target_events", "events_observed", "predicted_time", "predicted_time_lower",
                                   "predicted_time_upper", "interval_level", "probability_reached", "model"])
        w.append([.int(p.settings.targetEvents), .int(p.eventsObserved), .number(finite(p.predictedTime)),
                  .number(finite(p.predictedTimeLower)), .number(finite(p.predictedTimeUpper)),
                  .number(p.settings.intervalLevel), .number(p.probabilityReached), .text(p.settings.model.rawValue)])
        return w.rendered()
    }

    /// The predicted events over time (`--events-csv`): time (and date), mean, sd, lower, upper.
    public var eventsCSV: String {
        var w = CSVWriter(header: ["time"] + (daysPerUnit != nil ? ["date"] : []) + ["mean", "sd", "lower", "upper"])
        for e in prediction.curve {
            w.append([.number(e.time)] + (date(e.time).map { [CSVWriter.Cell.text($0)] } ?? []) +
                     [.number(e.mean), .number(e.standardDeviation), .number(e.lower), .number(e.upper)])
        }
        return w.rendered()
    }

    private func finite(_ x: Double) -> Double? { x.isFinite ? x : nil }

    private func time(_ key: String, _ t: Double) -> [(String, JSONValue)] {
        [(key, .optional(finite(t)))] + (daysPerUnit != nil ? [(key.replacingOccurrences(of: "time", with: "date"), date(t).map(JSONValue.string) ?? .null)] : [])
    }

    /// The JSON object documented in docs/predict.md.
    public func json() -> JSONValue {
        let p = prediction, s = p.settings
        var members: [(String, JSONValue)] = [
            ("source", .string(source)), ("rows_used", .int(rowsUsed)), ("rows_omitted", .int(omissions.rows)),
            ("group_column", groupColumn.map(JSONValue.string) ?? .null),
            ("model", .string(s.model.rawValue)), ("dropout_model", .string(s.dropoutModel ? "exponential" : "none")),
            ("parameter_uncertainty", .string(s.parameterUncertainty ? "normal" : "none")),
        ]
        members += time("cut", p.cut)
        members += [
            ("patients", .int(p.patients)), ("events_observed", .int(p.eventsObserved)), ("at_risk", .int(p.atRisk)),
            ("dropouts", .int(p.dropouts)), ("patients_to_enrol", .int(s.patientsToEnrol)), ("accrual_rate", .number(s.accrualRate)),
            ("accrual", .string(s.evenAccrual ? "even" : "poisson")),
            ("target_events", .int(s.targetEvents)), ("interval_level", .number(s.intervalLevel)),
            ("replicates", .int(s.replicates)), ("seed", .int(Int(truncatingIfNeeded: s.seed))),
        ]
        members += time("predicted_time", p.predictedTime)
        members += time("predicted_time_lower", p.predictedTimeLower)
        members += time("predicted_time_upper", p.predictedTimeUpper)
        members += [("mean_time", .optional(finite(p.meanTime))), ("probability_reached", .number(p.probabilityReached))]
        members.append(("parameters", .array(p.arms.map { a in
            .object([("arm", a.label.isEmpty ? .null : .string(a.label)), ("patients", .int(a.patients)),
                     ("events", .int(a.events)), ("at_risk", .int(a.atRisk)), ("dropouts", .int(a.dropouts)),
                     ("exposure", .number(a.fit.exposure)), ("rate", .number(a.fit.rate)), ("shape", .number(a.fit.shape)),
                     ("scale", .number(1 / a.fit.rate)), ("median", .number(a.fit.median)),
                     ("log_rate", .number(a.fit.logRate)), ("log_shape", .number(a.fit.logShape)),
                     ("log_rate_se", .number(a.fit.covariance[0].squareRoot())),
                     ("log_shape_se", .number(a.fit.covariance[2].squareRoot())),
                     ("log_rate_log_shape_cov", .number(a.fit.covariance[1])),
                     ("log_likelihood", .number(a.fit.logLikelihood)),
                     ("dropout_rate", s.dropoutModel ? .number(a.dropout.rate) : .null),
                     ("allocation", .number(a.allocation))])
        })))
        members.append(("events_at", .array(p.eventsAt.map { e in
            .object([("time", .number(e.time))] + (daysPerUnit != nil ? [("date", date(e.time).map(JSONValue.string) ?? .null)] : []) +
                    [("mean", .number(e.mean)), ("sd", .number(e.standardDeviation)), ("lower", .number(e.lower)),
                     ("upper", .number(e.upper))])
        })))
        return .object(members)
    }
}
