import Testing
import TestSupport
@testable import SurvivalAnalysis

/// `coxph(... + offset(o))` and `coxph(... + ridge(..., theta =))` against R (fixtures written by
/// scripts/fixtures/coxmodels.R). Same start, same Newton steps, same stopping rule as R, so the
/// iterates agree to rounding.
@Suite struct CoxRidgeOffsetTests {
    static let tolerance = Tolerance(relative: 1e-8)
    /// The concordance's standard error is an O(n²)-free sum that R accumulates in a different order.
    static let concordanceTolerance = Tolerance(relative: 1e-8)

    static func fit(_ id: String) throws -> CoxModel {
        let row = try Fixture("coxmodels/cases.csv").rows(where: "case", is: id)[0]
        let covariates = row.string("covariates").split(separator: ";").map(String.init)
        let offset = row.string("offset")
        let spec = SurvivalDataSpec(time: "time", event: "status",
                                    strata: row.string("strata").isEmpty ? [] : [row.string("strata")],
                                    covariates: covariates + (offset.isEmpty ? [] : [offset]))
        var data = try SurvivalData(table: try CSVTable(path: Fixtures.url(row.string("data")).path), spec: spec)
        var options = CoxOptions(ties: CoxTies(rawValue: row.string("ties"))!)
        if let theta = row.double("ridge") { options.ridge = try CoxRidgePenalty(theta: theta) }
        guard !offset.isEmpty else { return try CoxModel.fit(data, options: options) }
        let values = data.covariates.removeLast().values
        return try CoxModel.fit(data, options: options, offset: values)
    }

    static let cases = ["offset_efron", "offset_breslow_strata", "ridge_efron", "ridge_factor_breslow",
                        "ridge_strata", "ridge_offset"]

    @Test(arguments: cases) func matchesCoxph(_ id: String) throws {
        let model = try Self.fit(id)
        let r = try Fixture("coxmodels/models.csv").rows(where: "case", is: id)[0]
        let coefficients = try Fixture("coxmodels/coefficients.csv").rows(where: "case", is: id)
        let t = Self.tolerance
        #expect(model.rowsUsed == r.int("n"))
        #expect(model.events == r.int("events"))
        #expect(model.estimate.converged)
        #expect(model.estimate.iterations == r.int("iterations"))
        #expect(t.accepts(model.estimate.loglikNull, r.double("loglik_null")))
        #expect(t.accepts(model.estimate.loglik, r.double("loglik")))
        #expect(t.accepts(model.waldTest.chisq, r.double("wald_chisq")))
        #expect(Self.concordanceTolerance.accepts(model.concordance.concordance, r.double("concordance")))
        #expect(Self.concordanceTolerance.accepts(model.concordance.standardError, r.double("concordance_se")))
        if let ridge = model.ridge {
            #expect(t.accepts(ridge.likelihoodRatioChisq, r.double("lr_chisq")))
            #expect(t.accepts(ridge.degreesOfFreedom, r.double("lr_df")))
            #expect(t.accepts(ridge.likelihoodRatioPValue, r.double("lr_p")))
            #expect(t.accepts(ridge.penaltyValue, r.double("penalty")))
            #expect(model.scoreTest.chisq.isNaN)
        } else {
            #expect(t.accepts(model.likelihoodRatioTest.chisq, r.double("lr_chisq")))
            #expect(t.accepts(model.likelihoodRatioTest.pValue, r.double("lr_p")))
            #expect(t.accepts(model.scoreTest.chisq, r.double("score_chisq")))
        }
        #expect(model.coefficients.count == coefficients.count)
        for (j, (c, e)) in zip(model.coefficients, coefficients).enumerated() {
            #expect(c.term == e.string("term"))
            #expect(t.accepts(c.coef, e.double("coef")), "\(id) \(c.term) coef")
            #expect(t.accepts(c.se, e.double("se")), "\(id) \(c.term) se")
            #expect(t.accepts(c.z, e.double("z")), "\(id) \(c.term) z")
            #expect(t.accepts(c.pValue, e.double("p_value")), "\(id) \(c.term) p")
            #expect(t.accepts(c.lower, e.double("lower")) && t.accepts(c.upper, e.double("upper")))
            if let ridge = model.ridge { #expect(t.accepts(ridge.se2[j], e.double("se2")), "\(id) \(c.term) se2") }
        }
    }

    /// The offset shifts η: a zero offset gives the plain fit, bit for bit.
    @Test func zeroOffsetIsThePlainFit() throws {
        let spec = SurvivalDataSpec(time: "time", event: "status", covariates: ["age", "sex"])
        let data = try SurvivalData(table: try CSVTable(path: Fixtures.url("coxmodels/data/lung_cc.csv").path), spec: spec)
        let plain = try CoxModel.fit(data)
        let shifted = try CoxModel.fit(data, offset: [Double](repeating: 0, count: data.count))
        #expect(plain.estimate.coefficients == shifted.estimate.coefficients)
        #expect(shifted.hasOffset && !plain.hasOffset)
    }

    @Test func badPenaltyAndOffsetAreRefused() throws {
        for theta in [0.0, -1, .nan, .infinity] { #expect(throws: CoxError.self) { try CoxRidgePenalty(theta: theta) } }
        let spec = SurvivalDataSpec(time: "time", event: "status", covariates: ["age"])
        let data = try SurvivalData(table: try CSVTable(path: Fixtures.url("coxmodels/data/lung_cc.csv").path), spec: spec)
        var offset = [Double](repeating: 0, count: data.count)
        offset[3] = .infinity
        #expect(throws: InputError.self) { try CoxModel.fit(data, offset: offset) }
        #expect(throws: InputError.self) { try CoxModel.fit(data, offset: [0]) }
    }
}
