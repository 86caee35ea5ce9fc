import Foundation
import Testing
import SurvivalAnalysis
import TestSupport

/// The hard statistical cases of issue 3, each kept as a data set in Tests/Fixtures/cox/data/
/// (written by scripts/fixtures/cox.R): a clear warning or a clear error, never a crash and
/// never a silent wrong number. The numbers themselves are compared with R in CoxModelTests.
@Suite struct CoxModelHardCaseTests {
    func fit(_ file: String, _ covariates: [String], options: CoxOptions = CoxOptions(),
             weights: String? = nil) throws -> CoxModel {
        let table = try CSVTable(path: Fixtures.url("cox/data/\(file)").path)
        let spec = SurvivalDataSpec(time: "time", event: "status", covariates: covariates, weights: weights)
        return try CoxModel.fit(try SurvivalData(table: table, spec: spec), options: options)
    }

    /// Monotone likelihood: R stops when ℓ converges and warns the coefficient may be infinite.
    @Test func separationWarnsInfiniteCoefficient() throws {
        let model = try fit("separation.csv", ["x"])
        #expect(model.estimate.converged)
        #expect(model.estimate.possiblyInfinite == [true])
        #expect(model.estimate.coefficients[0] > 20)
        #expect(model.warnings == [.possiblyInfinite(variable: 1, term: "x")])
    }

    /// ℓ tends to 0 and never meets the relative criterion: converged false, a warning, a result.
    @Test func iterationLimitIsReportedNotFatal() throws {
        let model = try fit("slow.csv", ["x", "z"])
        #expect(!model.estimate.converged)
        #expect(model.estimate.iterations == 20)
        #expect(model.warnings.contains(.notConverged(iterationLimit: 20)))
        #expect(model.estimate.coefficients.allSatisfy { $0.isFinite })
        #expect(model.estimate.standardErrors.allSatisfy { $0.isFinite })
    }

    @Test func collinearTermIsNotEstimable() throws {
        let model = try fit("collinear.csv", ["x1", "x2", "x3"])
        #expect(model.estimate.aliased == [false, false, true])
        #expect(model.coefficients[2].aliased)
        #expect(model.coefficients[2].se.isNaN)
        #expect(model.likelihoodRatioTest.df == 2)
        #expect(model.warnings.contains(.collinear(term: "x3")))
    }

    @Test func zeroVarianceCovariateIsNotEstimable() throws {
        let model = try fit("all_tied.csv", ["x", "c", "z"])
        #expect(model.estimate.aliased == [false, true, false])
        #expect(model.warnings == [.zeroVariance(term: "c")])
    }

    @Test func noEventsIsAnInputError() throws {
        let error = #expect(throws: InputError.self) { _ = try fit("no_events.csv", ["x", "z"]) }
        #expect(error?.message.contains("no events") == true)
    }

    /// One event among 30: estimable x, and z (whose value for the event is unique) runs away.
    @Test func oneEvent() throws {
        let model = try fit("one_event.csv", ["x", "z"])
        #expect(model.events == 1)
        #expect(model.estimate.possiblyInfinite == [false, true])
    }

    /// One event at the last time, alone in its risk set: the likelihood is 0 whatever β, so
    /// nothing is estimable; survkit says so (R instead iterates to its limit and prints 0 ± 0).
    @Test func oneEventAloneInItsRiskSet() throws {
        let model = try fit("one_event_last.csv", ["x", "z"])
        #expect(model.estimate.converged)
        #expect(model.estimate.aliased == [true, true])
        #expect(model.coefficients.allSatisfy { $0.aliased })
        #expect(model.warnings.count == 2)
        #expect(model.likelihoodRatioTest.df == 0)
    }

    /// x + 1e6 (exp(βx) overflows uncentred) and 1e300 × indicator (x² overflows unscaled):
    /// centring and scaling keep everything finite; the tiny coefficient's se is representable.
    @Test func hugeCovariatesDoNotOverflow() throws {
        let model = try fit("huge_values.csv", ["shifted", "big", "sex"])
        #expect(model.estimate.converged)
        #expect(model.warnings.isEmpty)
        for c in model.coefficients {
            #expect(c.coef.isFinite && c.se.isFinite && c.se > 0 && c.z.isFinite, "\(c.term)")
        }
        // The 1e300 column carries the same information as the 0/1 indicator it scales.
        let indicator = model.coefficients[1]
        #expect(abs(indicator.z) > 0 && abs(indicator.z) < 10)
        #expect(model.waldTest.chisq.isFinite && model.waldTest.df == 3)
    }

    /// Every time tied: one risk set; Efron and Breslow differ, both match R (CoxModelTests).
    @Test func allTimesTied() throws {
        let efron = try fit("all_tied.csv", ["x", "z"])
        let breslow = try fit("all_tied.csv", ["x", "z"], options: CoxOptions(ties: .breslow))
        #expect(efron.warnings.isEmpty && breslow.warnings.isEmpty)
        #expect(efron.estimate.coefficients[0] != breslow.estimate.coefficients[0])
    }

    /// Two successive step-halvings (R 3.5's ½ then ⅓ rule) and R's iteration count.
    @Test func stepHalvingFollowsR() throws {
        let model = try fit("halving.csv", ["x"])
        #expect(model.estimate.converged)
        #expect(model.estimate.iterations == 7)
        let three = try fit("halving.csv", ["x"], options: CoxOptions(settings: CoxSettings(maxIterations: 3)))
        // R: coxph(..., iter.max = 3) returns 0.0260674278324615 = (first Newton step)/6.
        #expect(abs(three.estimate.coefficients[0] - 0.0260674278324615) < 1e-12)
    }

    @Test func fractionalWeightsSwitchOnRobustVarianceAsR() throws {
        let model = try fit("tied.csv", ["x1", "x2"], weights: "w")
        #expect(model.robust)
        #expect(model.robustScoreTest != nil)
        #expect(model.warnings.contains(.fractionalWeights))
    }

    @Test func zeroWeightNamesTheLine() throws {
        let dir = try Survkit.temporaryDirectory()
        let path = dir.appendingPathComponent("w.csv").path
        try "time,status,x,w\n1,1,0,1\n2,1,1,0\n3,0,1,1\n".write(toFile: path, atomically: true, encoding: .utf8)
        let table = try CSVTable(path: path)
        let data = try SurvivalData(table: table, spec: SurvivalDataSpec(time: "time", event: "status",
                                                                          covariates: ["x"], weights: "w"))
        let error = #expect(throws: InputError.self) { _ = try CoxModel.fit(data) }
        #expect(error?.line == 3 && error?.columnName == "w")
    }
}
