import Foundation
import Testing
import TestSupport

/// `survkit km` against `survfit` on every differential data set (scripts/fixtures/differential.R),
/// once per confidence-interval type: the whole `summary(fit, censored = TRUE)` table, the median
/// with its limits (`quantile(fit, 0.5)`), `--quantiles` (`quantile(fit, probs)`), `--times`
/// (`summary(fit, times = ...)`) and, with `--tau`, `print(fit, rmean = tau)`.
@Suite struct DifferentialKaplanMeierTests {
    /// Curves: the issue's 1e-9 relative.
    static let curve = Tolerance(relative: 1e-9)
    static let table = DifferentialTable("km_table.csv")
    static let curves = DifferentialTable("km_curves.csv")
    static let survivalAt = DifferentialTable("km_at.csv")
    static let quantiles = DifferentialTable("km_quantiles.csv")
    static let confTypes = ["log": "log", "log-log": "loglog", "plain": "plain"]

    @Test(arguments: DifferentialRun.load("km"))
    func matchesSurvfit(_ run: DifferentialRun) throws {
        var comparison = DifferentialComparison(run)
        for (confType, key) in Self.confTypes.sorted(by: { $0.key < $1.key }) {
            let result = try run.run(["--conf-type", confType])
            guard let object = try matchOutcome(run, result, &comparison) else { break }
            compare(object, key: key, confType: confType, run: run, &comparison)
        }
        comparison.finish()
    }

    private func compare(_ object: [String: Any], key: String, confType: String, run: DifferentialRun,
                         _ c: inout DifferentialComparison) {
        let groups = object["groups"] as? [[String: Any]] ?? []
        let expectedCurves = Self.curves.rows(run.id)
        let expectedRows = Self.table.rows(run.id)
        c.equal("number of curves", groups.count, expectedCurves.count)
        for (index, (group, want)) in zip(groups, expectedCurves).enumerated() {
            let name = "[\(confType)] curve \(want.string("group"))"
            let label = group["group"] as? String
            // A group column with one level in the rows used: survfit draws one curve without a
            // strata name (NA); survkit labels it with the level. Same curve.
            if !(want.string("group") == "NA" && expectedCurves.count == 1) {
                c.equal("\(name) label", label ?? "NA", want.string("group"))
            }
            c.equal("\(name) n", jsonNumber(group["n"]), want.double("n"))
            c.equal("\(name) events", jsonNumber(group["events"]), want.double("events"))
            for field in ["median", "median_lower", "median_upper"] {
                c.close("\(name) \(field)", jsonNumber(group[field]), want.double("\(field)_\(key)"), Self.curve)
            }
            if want.double("rmst") != nil || group["rmst"] != nil {
                c.close("\(name) rmst", jsonNumber(group["rmst"]), want.double("rmst"), Self.curve)
                c.close("\(name) rmst_std_err", jsonNumber(group["rmst_std_err"]), want.double("rmst_std_err"), Self.curve)
            }
            let quantiles = group["quantiles"] as? [[String: Any]] ?? []
            let wantQuantiles = Self.quantiles.rows(run.id).filter { $0.int("curve") == index + 1 }
            c.equal("\(name) quantiles", quantiles.count, wantQuantiles.count)
            for (q, w) in zip(quantiles, wantQuantiles) {
                let at = "\(name) p=\(w.string("prob"))"
                c.equal("\(at) prob", jsonNumber(q["prob"]), w.double("prob"))
                c.close("\(at) quantile", jsonNumber(q["quantile"]), w.double("quantile"), Self.curve)
                c.close("\(at) lower", jsonNumber(q["lower"]), w.double("lower_\(key)"), Self.curve)
                c.close("\(at) upper", jsonNumber(q["upper"]), w.double("upper_\(key)"), Self.curve)
            }
            compareRows(group["survival_at"] as? [[String: Any]] ?? [],
                        Self.survivalAt.rows(run.id).filter { $0.int("curve") == index + 1 },
                        "\(name) --times", key: key, &c)
            let rows = group["table"] as? [[String: Any]] ?? []
            compareRows(rows, expectedRows.filter { $0.int("curve") == index + 1 }, name, key: key, &c)
        }
    }

    /// Table rows (the curve's, or those at `--times`) against R's, counts and times exact.
    private func compareRows(_ rows: [[String: Any]], _ wantRows: [[String: String]], _ name: String, key: String,
                             _ c: inout DifferentialComparison) {
        c.equal("\(name) rows", rows.count, wantRows.count)
        for (row, w) in zip(rows, wantRows) {
            let at = "\(name) t=\(w.string("time"))"
            c.equal("\(at) time", jsonNumber(row["time"]), w.double("time"))
            c.equal("\(at) n_risk", jsonNumber(row["n_risk"]), w.double("n_risk"))
            c.equal("\(at) n_event", jsonNumber(row["n_event"]), w.double("n_event"))
            c.equal("\(at) n_censor", jsonNumber(row["n_censor"]), w.double("n_censor"))
            c.close("\(at) survival", jsonNumber(row["survival"]), w.double("survival"), Self.curve)
            c.close("\(at) std_err", jsonNumber(row["std_err"]), w.double("std_err"), Self.curve)
            c.close("\(at) lower", jsonNumber(row["lower"]), w.double("lower_\(key)"), Self.curve)
            c.close("\(at) upper", jsonNumber(row["upper"]), w.double("upper_\(key)"), Self.curve)
        }
    }
}
