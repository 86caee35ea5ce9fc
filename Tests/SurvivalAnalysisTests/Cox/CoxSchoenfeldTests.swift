import Testing
import TestSupport
import SurvivalAnalysis

/// Schoenfeld and scaled Schoenfeld residuals against R's `residuals(fit, "schoenfeld" |
/// "scaledsch")` (Tests/Fixtures/coxmodels/schoenfeld.csv from scripts/fixtures/coxzph.R).
@Suite struct CoxSchoenfeldTests {
    /// Residuals are differences of O(1) quantities: relative 1e-8, absolute 1e-10 near 0.
    static let tolerance = Tolerance(relative: 1e-8, absolute: 1e-10)

    @Test(arguments: ["zph_efron", "zph_breslow_strata", "vcov_robust"])
    func matchesR(_ id: String) throws {
        let model = try CoxZphTransformTests.fit(id)
        let s = model.schoenfeldResiduals()
        let p = s.columns
        let expected = try Fixture("coxmodels/schoenfeld.csv").rows(where: "case", is: id)
        #expect(expected.count == s.rows.count * p)
        #expect(s.rows.count == model.events)
        let position = Dictionary(uniqueKeysWithValues: s.rows.enumerated().map { ($1, $0) })
        if id != "zph_breslow_strata" {
            // Without strata the order is R's: time, tied events in data order.
            let rRows = expected.filter { $0.string("term") == model.columnNames[0] }.map { $0.int("row")! - 1 }
            #expect(s.rows == rRows)
        }
        for e in expected {
            let event = try #require(position[e.int("row")! - 1])
            let k = model.columnNames.firstIndex(of: e.string("term"))!
            #expect(s.time[event] == e.double("time"))
            #expect(Self.tolerance.accepts(s.residuals[event * p + k], e.double("schoenfeld")), "\(id) \(event) \(k)")
            #expect(Self.tolerance.accepts(s.scaled[event * p + k], e.double("scaledsch")), "\(id) scaled \(event) \(k)")
        }
    }
}
