import Foundation
import Testing
import TestSupport

/// (start, stop] data whose group changes within a subject (`heart` by transplant, non-integer
/// weights, `--id`): each curve's jackknife clusters are its own, as survfitKM's per-curve
/// recoding (`survfit(Surv(start, stop, event) ~ transplant, weights = w, id = id)`).
@Suite struct KaplanMeierIdTimeDependentGroupCommandTests {
    @Test func jackknifeClustersAreCurveLocal() throws {
        let path = Fixtures.url("countingkm/data/heart_weighted.csv").path
        let groups = try KaplanMeierIdCommandTests.groups([path, "--start", "start", "--time", "stop", "--event", "event",
                                                           "--group", "transplant", "--id", "id", "--weights", "w"])
        let rows = try KaplanMeierIdCommandTests.labelledTableRows(groups)
        let expected = try Fixture("countingkm/km_id_time_dependent_group.csv").rows
        #expect(rows.count == expected.count)
        for (row, e) in zip(rows, expected) {
            #expect("\(row["group"] ?? "")" == e.string("group"))
            for key in ["time", "n_risk", "n_event", "survival", "std_err", "lower", "upper"] {
                let ours = KaplanMeierIdCommandTests.number(row[key])
                #expect(KaplanMeierIdRightCensoredCommandTests.curve.accepts(ours, e.double(key)),
                        "\(e.string("group")) t=\(e.string("time")) \(key): \(ours.map { "\($0)" } ?? "nil") vs \(e.string(key))")
            }
        }
    }
}
