import Foundation
import Testing
@testable import SurvivalAnalysis
import TestSupport

@Suite struct CoxNewtonRaphsonTests {
    @Test func relativeChangeIsRsMeasure() {
        #expect(CoxNewtonRaphson.relativeChange(-10, -9.99) == abs(1 - (-10) / (-9.99)))
        #expect(CoxNewtonRaphson.relativeChange(0, 0) == 0)   // a likelihood that ignores β
    }

    /// R: coxph(Surv(time, status) ~ x, halving.csv, iter.max = k) for k = 1…6 gives
    /// 0, 0, 0.02606743, 0.03829448, 0.03663165, 0.03664067 (two rejected Newton steps, then
    /// the halved step (½ then ⅓ of the way) accepted).
    @Test func trajectoryFollowsR() throws {
        let table = try CSVTable(path: Fixtures.url("cox/data/halving.csv").path)
        let data = try SurvivalData(table: table, spec: SurvivalDataSpec(time: "time", event: "status", covariates: ["x"]))
        let expected = [0, 0, 0.02606743, 0.03829448, 0.03663165, 0.03664067]
        for (k, beta) in expected.enumerated() {
            let fit = try CoxRegression.fit(time: data.time, event: data.event, covariates: data.covariates[0].values,
                                            columns: 1, settings: CoxSettings(maxIterations: k + 1))
            #expect(abs(fit.coefficients[0] - beta) < 5e-9, "iteration limit \(k + 1)")
        }
    }

    /// Iteration limit 0 evaluates at β = 0: the score test and the null variance, no step.
    @Test func zeroIterationsEvaluatesAtZero() throws {
        let fit = try CoxRegression.fit(time: [9, 1, 1, 6, 6, 8], event: [true, true, false, true, true, false],
                                        covariates: [0, 1, 1, 1, 0, 0], columns: 1, ties: .breslow,
                                        settings: CoxSettings(maxIterations: 0))
        #expect(fit.coefficients == [0])
        #expect(fit.iterations == 0 && !fit.converged)
        #expect(abs(fit.variance[0] - 8.0 / 5) < 1e-14)   // 1/I(0) = 1/(5/8)
        #expect(fit.loglik == fit.loglikNull)
    }
}
