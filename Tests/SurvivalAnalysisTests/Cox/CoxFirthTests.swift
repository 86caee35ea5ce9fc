import Testing
import TestSupport
@testable import SurvivalAnalysis

/// Firth's penalised Cox fit against the independent R implementation of the penalised
/// Newton–Raphson in scripts/fixtures/coxmodels.R (`firth_fit`), on the separation cases of
/// Tests/Fixtures/cox/data/, two more, and Heinze & Schemper's (2001) breast cancer data (coxphf's
/// data/breast.txt), where grade G has monotone likelihood.
@Suite struct CoxFirthTests {
    static let tolerance = Tolerance(relative: 1e-6)

    static func fit(_ id: String) throws -> CoxModel {
        let row = try Fixture("coxmodels/firth_cases.csv").rows(where: "case", is: id)[0]
        let spec = SurvivalDataSpec(time: "time", event: "status",
                                    strata: row.string("strata").isEmpty ? [] : [row.string("strata")],
                                    covariates: row.string("covariates").split(separator: ";").map(String.init))
        let data = try SurvivalData(table: try CSVTable(path: Fixtures.url(row.string("data")).path), spec: spec)
        var options = CoxOptions(ties: .breslow)
        options.firth = true
        return try CoxModel.fit(data, options: options)
    }

    static let cases = ["firth_separation", "firth_slow", "firth_separation2", "firth_separation2_strata", "firth_lung",
                        "firth_breast"]

    @Test(arguments: cases) func matchesIndependentImplementation(_ id: String) throws {
        let model = try Self.fit(id)
        let firth = try #require(model.firth)
        let r = try Fixture("coxmodels/firth_models.csv").rows(where: "case", is: id)[0]
        let coefficients = try Fixture("coxmodels/firth_coefficients.csv").rows(where: "case", is: id)
        let t = Self.tolerance
        #expect(model.estimate.converged && firth.profilesConverged)
        #expect(t.accepts(model.estimate.loglikNull, r.double("loglik_null")))
        #expect(t.accepts(model.estimate.loglik, r.double("loglik")))
        #expect(t.accepts(firth.penalisedLoglikNull, r.double("penalized_loglik_null")))
        #expect(t.accepts(firth.penalisedLoglik, r.double("penalized_loglik")))
        #expect(t.accepts(model.likelihoodRatioTest.chisq, r.double("lr_chisq")))
        #expect(t.accepts(model.likelihoodRatioTest.pValue, r.double("lr_p")))
        #expect(model.likelihoodRatioTest.df == r.int("lr_df"))
        #expect(model.coefficients.count == coefficients.count)
        for (j, (c, e)) in zip(model.coefficients, coefficients).enumerated() {
            #expect(c.term == e.string("term"))
            for (value, key) in [(c.coef, "coef"), (c.se, "se"), (c.lower, "lower"), (c.upper, "upper"),
                                 (firth.termChisq[j], "chisq"), (c.pValue, "p_value")] {
                #expect(t.accepts(value, e.double(key)), "\(id) \(c.term) \(key): \(value) vs \(e.double(key) ?? .nan)")
            }
        }
    }

    /// Where the ordinary fit runs off towards infinity (R warns), Firth's estimate is finite
    /// and no "may be infinite" warning is given.
    @Test func separationGivesFiniteEstimates() throws {
        for id in ["firth_separation", "firth_slow", "firth_separation2"] {
            let model = try Self.fit(id)
            #expect(model.coefficients.allSatisfy { $0.coef.isFinite && $0.upper.isFinite }, "\(id)")
            #expect(!model.warnings.contains { if case .possiblyInfinite = $0 { return true } else { return false } })
        }
    }

    @Test func restrictionsAreErrors() throws {
        let spec = SurvivalDataSpec(time: "time", event: "status", covariates: ["x"])
        let data = try SurvivalData(table: try CSVTable(path: Fixtures.url("cox/data/separation.csv").path), spec: spec)
        var options = CoxOptions(ties: .efron)
        options.firth = true
        #expect(throws: InputError.self) { try CoxModel.fit(data, options: options) }
        options.ties = .breslow
        options.robust = true
        #expect(throws: InputError.self) { try CoxModel.fit(data, options: options) }
        options.robust = false
        #expect(throws: InputError.self) { try CoxModel.fit(data, options: options, offset: [Double](repeating: 0, count: data.count)) }
    }
}
