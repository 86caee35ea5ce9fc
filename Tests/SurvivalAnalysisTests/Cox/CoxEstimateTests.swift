import Foundation
import Testing
import SurvivalAnalysis
import TestSupport

/// The lean array entry point (CoxRegression.fit), checked against closed forms.
@Suite struct CoxEstimateTests {
    /// Therneau & Grambsch's appendix data set 1 (survival's tests/book1.R), NA row dropped.
    static let time: [Double] = [9, 1, 1, 6, 6, 8]
    static let event = [true, true, false, true, true, false]
    static let x: [Double] = [0, 1, 1, 1, 0, 0]

    /// book1.R byhand1: ℓ(β) = 2β − log(3r + 3) − 2 log(r + 3), r = e^β; the score
    /// U = (6 + 3r − r²)/((r + 1)(r + 3)) vanishes at r = 3/2 + √33/2.
    @Test func breslowClosedForm() throws {
        let fit = try CoxRegression.fit(time: Self.time, event: Self.event, covariates: Self.x, columns: 1,
                                        ties: .breslow)
        let beta = log(1.5 + 33.0.squareRoot() / 2)
        #expect(abs(fit.coefficients[0] - beta) < 1e-9)
        #expect(abs(fit.coefficients[0] - 1.4752849) < 5e-8)
        let r = exp(fit.coefficients[0])
        #expect(abs(fit.loglik - (2 * fit.coefficients[0] - log(3 * r + 3) - 2 * log(r + 3))) < 1e-12)
        #expect(abs(fit.loglikNull - (-log(6.0) - 2 * log(4.0))) < 1e-12)
        let information = r / ((r + 1) * (r + 1)) + 6 * r / ((r + 3) * (r + 3))
        #expect(abs(fit.variance[0] - 1 / information) < 1e-9)
        #expect(fit.converged)
    }

    /// One Newton step from 0: U(0) = 8/8 = 1, I(0) = 1/4 + 6/16 = 5/8, so β₁ = 8/5.
    @Test func oneBreslowIterationIsEightFifths() throws {
        let fit = try CoxRegression.fit(time: Self.time, event: Self.event, covariates: Self.x, columns: 1,
                                        ties: .breslow, settings: CoxSettings(maxIterations: 1))
        #expect(abs(fit.coefficients[0] - 8.0 / 5) < 1e-15)
        #expect(fit.iterations == 1)
        #expect(!fit.converged)
        // Score test at 0: U²/I = 1/(5/8).
        #expect(abs(fit.scoreTest - 8.0 / 5) < 1e-14)
    }

    /// Strata, weights and the lean path agree with the full model on the same data.
    @Test func leanPathMatchesModel() throws {
        let c = CoxFixtureCase.named("tied_everything_efron")
        let data = try c.load()
        let model = try CoxModel.fit(data, options: c.options)
        let p = 4
        var design = [Double](repeating: 0, count: data.count * p)
        let g = data.factors[0].factor
        for i in 0..<data.count {
            design[i * p] = data.covariates[0].values[i]
            design[i * p + 1] = data.covariates[1].values[i]
            if g.codes[i] > 0 { design[i * p + 1 + Int(g.codes[i])] = 1 }
        }
        let fit = try CoxRegression.fit(time: data.time, event: data.event, covariates: design, columns: p,
                                        strata: data.strata?.codes, weights: data.weights)
        for j in 0..<p {
            #expect(fit.coefficients[j] == model.estimate.coefficients[j])
            #expect(fit.standardErrors[j] == model.estimate.standardErrors[j])
        }
        #expect(fit.loglik == model.estimate.loglik)
    }

    @Test func badInputIsRejected() {
        #expect(throws: CoxError.noEvents) {
            try CoxRegression.fit(time: [1, 2], event: [false, false], covariates: [0, 1], columns: 1)
        }
        #expect(throws: CoxError.self) {
            try CoxRegression.fit(time: [1, 2], event: [true, false], covariates: [0, 1, 2], columns: 1)
        }
        #expect(throws: CoxError.invalidValue(row: 1, what: "time -2.0 is not a finite number ≥ 0")) {
            try CoxRegression.fit(time: [1, -2], event: [true, false], covariates: [0, 1], columns: 1)
        }
        #expect(throws: CoxError.self) {
            try CoxRegression.fit(time: [1, 2], event: [true, false], covariates: [0, 1], columns: 1, weights: [1, 0])
        }
        #expect(throws: CoxError.self) {
            try CoxRegression.fit(time: [1, 2], event: [true, false], covariates: [0, .infinity], columns: 1)
        }
        #expect(throws: CoxError.self) {
            try CoxRegression.fit(time: [1, 2], event: [true, false], covariates: [0, 1], columns: 1,
                                  settings: CoxSettings(eps: 0))
        }
    }

    /// With no tied times the score test at β = 0 of a two-group model is the log-rank
    /// chi-square. The log-rank statistic is computed here by its textbook formula (and R's
    /// survdiff value is in the fixture), independently of survkit's logrank command.
    @Test func scoreTestIsLogRankWithoutTies() throws {
        let table = try CSVTable(path: Fixtures.url("cox/data/untied.csv").path)
        let data = try SurvivalData(table: table, spec: SurvivalDataSpec(time: "time", event: "status", factors: ["arm"]))
        let arm = data.factors[0].factor.codes.map { Double($0) }
        let fit = try CoxRegression.fit(time: data.time, event: data.event, covariates: arm, columns: 1)
        #expect(Set(data.time).count == data.time.count)

        var observed = 0.0, expected = 0.0, variance = 0.0
        for i in data.time.indices where data.event[i] {
            let atRisk = data.time.indices.filter { data.time[$0] >= data.time[i] }
            let n = Double(atRisk.count)
            let n1 = atRisk.reduce(0.0) { $0 + arm[$1] }
            observed += arm[i]
            expected += n1 / n
            variance += n1 * (n - n1) / (n * n)
        }
        let logRank = (observed - expected) * (observed - expected) / variance
        #expect(abs(fit.scoreTest - logRank) < 1e-10 * logRank)
        let r = try Fixture("cox/logrank_untied.csv").rows[0]
        #expect(Tolerance(relative: 1e-9).accepts(fit.scoreTest, r.double("logrank_chisq")))
        #expect(Tolerance(relative: 1e-9).accepts(fit.scoreTest, r.double("score_chisq")))
    }
}
