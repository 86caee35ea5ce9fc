import Testing
import TestSupport
import SurvivalAnalysis

/// `survfit(fit, ctype = 1 | 2)` at the means for Efron fits (fixtures from scripts/fixtures/coxzph.R).
@Suite struct CoxBaselineHazardTests {
    static let tolerance = Tolerance(relative: 1e-8)

    @Test(arguments: ["baseline_efron", "baseline_strata"], [CoxTies.breslow, .efron])
    func matchesSurvfit(_ id: String, _ estimator: CoxTies) throws {
        let spec = SurvivalDataSpec(time: "time", event: "status", strata: id == "baseline_strata" ? ["inst"] : [],
                                    covariates: ["age", "sex"])
        let data = try SurvivalData(table: try CSVTable(path: Fixtures.url("coxmodels/data/lung_cc.csv").path), spec: spec)
        let baseline = try CoxModel.fit(data).baselineHazard(estimator: estimator)
        let expected = try Fixture("coxmodels/baseline.csv").rows.filter {
            $0.string("case") == id && $0.string("estimator") == estimator.rawValue
        }
        #expect(baseline.rows.count == expected.count)
        for (row, e) in zip(baseline.rows, expected) {
            #expect((row.stratum ?? "") == e.string("stratum"))
            #expect(row.time == e.double("time"))
            #expect(row.atRisk == e.double("n_risk") && row.events == e.double("n_event"))
            #expect(Self.tolerance.accepts(row.cumulativeHazard, e.double("cumhaz")), "\(id) \(estimator) t=\(row.time)")
            #expect(Self.tolerance.accepts(row.survival, e.double("surv")), "\(id) \(estimator) S t=\(row.time)")
        }
        // The increments add up to the cumulative hazard within each stratum.
        var previous: (stratum: String?, cumhaz: Double)?
        for row in baseline.rows {
            let before = previous.flatMap { $0.stratum == row.stratum ? $0.cumhaz : nil } ?? 0
            #expect(Self.tolerance.accepts(row.hazard, row.cumulativeHazard - before) || abs(row.hazard) < 1e-15)
            previous = (row.stratum, row.cumulativeHazard)
        }
    }
}
