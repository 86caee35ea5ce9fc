import Testing
import TestSupport
@testable import SurvivalAnalysis

/// Numbers at risk under a KM plot: R's summary(fit, times, extend = TRUE)$n.risk
/// (Tests/Fixtures/figures/risk_table.csv, written by scripts/fixtures/figures.R).
@Suite struct RiskTableTests {
    @Test func lungBySexMatchesR() throws {
        let table = try CSVTable(path: Fixtures.data("lung.csv").path)
        let data = try SurvivalData(table: table, spec: SurvivalDataSpec(time: "time", event: "status", group: "sex"))
        let curves = KaplanMeier.curves(data)
        let rows = try Fixture("figures/risk_table.csv").rows(where: "case", is: "lung_sex")
        for curve in curves {
            let mine = rows.filter { $0.string("group") == curve.label }
            let risk = RiskTable(curve, times: mine.map { $0.double("time")! })
            #expect(risk.numberAtRisk == mine.map { $0.int("n_risk")! })
            #expect(risk.cumulativeEvents == mine.map { $0.int("cumulative_events")! })
        }
    }

    @Test func edgesOfTheCurve() throws {
        let data = try SurvivalData(time: [0, 2, 2, 5], event: [true, true, false, true])
        let curve = KaplanMeier.curves(data)[0]
        let risk = RiskTable(curve, times: [0, 1, 2, 5, 5.5, 100])
        #expect(risk.numberAtRisk == [4, 3, 3, 1, 0, 0])
        #expect(risk.cumulativeEvents == [1, 1, 2, 3, 3, 3])
    }
}
