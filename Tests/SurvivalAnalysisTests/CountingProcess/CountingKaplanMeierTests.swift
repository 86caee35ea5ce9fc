import Testing
import SurvivalAnalysis
import TestSupport

/// Kaplan–Meier on (start, stop] data against R's survfit(Surv(start, stop, event) ~ group)
/// (scripts/fixtures/counting.R): at risk at t are the rows with start < t ≤ stop.
@Suite struct CountingKaplanMeierTests {
    /// Issue 14: curves within 1e-9 (relative) of R.
    static let curve = Tolerance(relative: 1e-9)
    static let rows = try! Fixture("counting/km.csv").rows

    static let cases = ["heart_transplant", "heart_all", "cgd_treat"]

    @Test(arguments: cases)
    func matchesR(_ id: String) throws {
        let expected = Self.rows.filter { $0["case"] == id }
        let first = expected[0]
        var spec = SurvivalDataSpec(time: first.string("stop"), event: first.string("event"),
                                    group: first.string("group_column").isEmpty ? nil : first.string("group_column"))
        spec.start = first.string("start")
        let data = try SurvivalData(table: try CSVTable(path: Fixtures.url("counting/data/" + first.string("data")).path),
                                    spec: spec)
        let curves = KaplanMeier.curves(data)
        var compared = 0
        for curve in curves {
            let label = curve.label.map { String($0.split(separator: "=").last!) } ?? ""
            let mine = expected.filter { $0.string("group") == label }
            #expect(mine.count == curve.count, "\(id) \(label): \(curve.count) times, R \(mine.count)")
            for (k, row) in zip(0..<curve.count, mine) {
                #expect(curve.time[k] == row.double("time"))
                #expect(Int(curve.nRisk[k]) == row.int("n_risk"), "\(id) t=\(curve.time[k]) n.risk")
                #expect(Int(curve.nEvent[k]) == row.int("n_event"))
                #expect(Int(curve.nCensor[k]) == row.int("n_censor"))
                #expect(Self.curve.accepts(curve.survival[k], row.double("survival")))
                // R's std.err of a survfit is that of log S (Inf once S reaches 0).
                #expect(Self.curve.accepts(curve.logStandardError[k], row.double("std_err")))
                compared += 1
            }
        }
        #expect(compared == expected.count)
    }

    /// Start = 0 everywhere gives the right-censored curves bit for bit.
    @Test func zeroStartIsTheRightCensoredCurve() throws {
        let time: [Double] = [5, 3, 3, 8, 1, 9, 9, 2, 7.5, 4]
        let event = [true, false, true, true, false, true, false, true, true, false]
        let group = Factor(codes: [0, 1, 0, 1, 0, 1, 0, 1, 0, 1], levels: ["a", "b"])
        let plain = try SurvivalData(time: time, event: event, group: group)
        let counting = try plain.withStart([Double](repeating: 0, count: time.count))
        for estimator in [SurvivalEstimator.kaplanMeier, .nelsonAalen] {
            let a = KaplanMeier.curves(plain, estimator: estimator), b = KaplanMeier.curves(counting, estimator: estimator)
            #expect(a.count == b.count)
            for (x, y) in zip(a, b) {
                #expect(x.time == y.time && x.nRisk == y.nRisk && x.survival == y.survival
                        && x.logStandardError == y.logStandardError && x.cumulativeHazard == y.cumulativeHazard)
            }
        }
    }
}
