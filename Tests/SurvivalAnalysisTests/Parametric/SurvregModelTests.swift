import Testing
import SurvivalAnalysis
import TestSupport

/// SurvregModel against R's survreg / summary.survreg / predict.survreg on every case of
/// Tests/Fixtures/survreg/cases.csv (R calls in scripts/fixtures/survreg.R).
@Suite struct SurvregModelTests {
    /// The issue asks for 1e-7 relative; the same algorithm as R's from the same starting values
    /// agrees to about 1e-14 (largest seen), so the test holds it to 1e-10.
    static let tolerance = Tolerance(relative: 1e-10)
    /// z and p of near-zero coefficients (a log(scale) close to 0) are relative to tiny numbers.
    static let nearZero = Tolerance(relative: 1e-10, absolute: 1e-12)

    static let models = try! Fixture("survreg/models.csv").rows
    static let coefficients = try! Fixture("survreg/coefficients.csv").rows
    static let predictions = try! Fixture("survreg/predictions.csv").rows
    static let hazardScale = try! Fixture("survreg/hazard_scale.csv").rows

    @Test(arguments: SurvregFixtureCase.all)
    func matchesR(_ c: SurvregFixtureCase) throws {
        let model = try c.fit()
        let r = Self.models.first { $0["case"] == c.id }!
        let t = Self.tolerance
        #expect(model.rowsUsed == r.int("n"))
        #expect(model.iterations == r.int("iterations"), "iterations \(model.iterations)")
        #expect(model.converged == (c.id != "lung_iteration_limit"))
        #expect(t.accepts(model.loglik, r.double("loglik")), "loglik \(model.loglik)")
        #expect(t.accepts(model.loglikIntercept, r.double("loglik_intercept")), "loglik0 \(model.loglikIntercept)")
        #expect(model.df == r.int("df"))
        #expect(Self.nearZero.accepts(model.chisq, r.double("chisq")))

        let rows = Self.coefficients.filter { $0["case"] == c.id }
        let table = model.table
        #expect(rows.count == table.count)
        for (row, coef) in zip(rows, table) {
            let what = "\(c.id) \(row.string("r_term"))"
            #expect(t.accepts(coef.value, row.double("value")), "\(what) value \(coef.value)")
            #expect(t.accepts(coef.se, row.double("se")), "\(what) se \(coef.se)")
            #expect(t.accepts(coef.naiveSE, row.double("naive_se")), "\(what) naive se")
            #expect(Self.nearZero.accepts(coef.z, row.double("z")), "\(what) z")
            #expect(Self.nearZero.accepts(coef.pValue, row.double("p_value")), "\(what) p")
        }
    }

    @Test(arguments: SurvregFixtureCase.all.filter { !$0.predict.isEmpty })
    func predictedQuantilesMatchR(_ c: SurvregFixtureCase) throws {
        let prediction = try c.fit().predictQuantiles(c.predict, probabilities: c.quantiles)
        let rows = Self.predictions.filter { $0["case"] == c.id }
        #expect(rows.count == prediction.quantiles.count)
        for (row, q) in zip(rows, prediction.quantiles) {
            #expect(q.probability == row.double("p"))
            #expect(Self.tolerance.accepts(q.time, row.double("time")), "\(c.id) p=\(q.probability) time \(q.time)")
            #expect(Self.tolerance.accepts(q.se, row.double("se")), "\(c.id) p=\(q.probability) se \(q.se)")
            #expect(q.lower < q.time && q.time < q.upper)
        }
    }

    @Test(arguments: SurvregFixtureCase.all.filter { $0.options.distribution == .weibull && $0.spec.strata.isEmpty })
    func weibullHazardScaleMatchesDeltaMethod(_ c: SurvregFixtureCase) throws {
        let h = try #require(WeibullHazardScale(try c.fit()))
        let rows = Self.hazardScale.filter { $0["case"] == c.id }
        #expect(rows.count == h.rows.count)
        for (row, r) in zip(rows, h.rows) {
            #expect(Self.tolerance.accepts(r.estimate, row.double("estimate")), "\(c.id) \(r.term)")
            #expect(Self.tolerance.accepts(r.se, row.double("se")), "\(c.id) \(r.term) se")
        }
    }
}
