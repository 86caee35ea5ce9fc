import Foundation
import Testing
import TestSupport

/// `survkit rmst` against `summary(survfit(...), rmean = tau)$table` and the survRM2 contrast
/// formulas on every differential data set with two or more groups (scripts/fixtures/differential.R),
/// with the default τ (survRM2's rule) and a given one.
@Suite struct DifferentialRestrictedMeanTests {
    /// Curves: the issue's 1e-9 relative.
    static let curve = Tolerance(relative: 1e-9)
    static let groups = DifferentialTable("rmst_groups.csv")
    static let contrasts = DifferentialTable("rmst_contrasts.csv")

    /// JSON has no infinity: survkit writes R's Inf (an RMTL ratio over a reference that loses no
    /// time, x/0) as null, as it writes NaN.
    func finite(_ value: Double?) -> Double? { value.flatMap { $0.isFinite ? $0 : nil } }

    @Test(arguments: DifferentialRun.load("rmst"))
    func matchesSurvmeanAndSurvRM2(_ run: DifferentialRun) throws {
        var c = DifferentialComparison(run)
        let result = try run.run()
        if let object = try matchOutcome(run, result, &c) {
            let wantGroups = Self.groups.rows(run.id)
            c.close("tau", jsonNumber(object["tau"]), wantGroups.first?.double("tau"), Self.curve)
            let got = object["groups"] as? [[String: Any]] ?? []
            c.equal("number of groups", got.count, wantGroups.count)
            for (g, w) in zip(got, wantGroups) {
                let name = "group \(w.string("group"))"
                c.equal("\(name) label", g["group"] as? String, w.string("group"))
                c.equal("\(name) n", jsonNumber(g["n"]), w.double("n"))
                c.equal("\(name) events", jsonNumber(g["events"]), w.double("events"))
                for field in ["rmst", "std_err", "lower", "upper", "rmtl"] {
                    c.close("\(name) \(field)", jsonNumber(g[field]), w.double(field), Self.curve)
                }
            }
            let gotContrasts = object["contrasts"] as? [[String: Any]] ?? []
            let wantContrasts = Self.contrasts.rows(run.id)
            c.equal("number of contrasts", gotContrasts.count, wantContrasts.count)
            for (g, w) in zip(gotContrasts, wantContrasts) {
                let name = "\(w.string("group")) vs \(w.string("reference"))"
                c.equal("\(name) group", g["group"] as? String, w.string("group"))
                for (key, prefix) in [("rmst_difference", "difference"), ("rmst_ratio", "ratio"), ("rmtl_ratio", "rmtl_ratio")] {
                    let got = g[key] as? [String: Any] ?? [:]
                    c.close("\(name) \(prefix)", jsonNumber(got["estimate"]), finite(w.double(prefix)), Self.curve)
                    for field in ["se", "lower", "upper", "p"] {
                        let jsonKey = ["se": "std_err", "p": "p_value"][field] ?? field
                        c.close("\(name) \(prefix)_\(field)", jsonNumber(got[jsonKey]), finite(w.double("\(prefix)_\(field)")), Self.curve)
                    }
                }
            }
        }
        c.finish()
    }
}
