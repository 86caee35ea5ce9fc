import Testing
import TestSupport
@testable import SurvivalAnalysis

/// Restricted mean survival time against R's `print(fit, rmean = tau)` (`survival:::survmean`).
@Suite struct KaplanMeierRestrictedMeanTests {
    @Test(arguments: KaplanMeierCase.all, SurvivalEstimator.allCases)
    func matchesSurvmean(_ c: KaplanMeierCase, _ estimator: SurvivalEstimator) throws {
        let expected = try c.expected("rmean.csv", estimator)
        let curves = KaplanMeier.curves(try c.data(), estimator: estimator)
        for tau in c.taus {
            for curve in curves {
                let rows = KaplanMeierCase.rows(expected, of: curve.label).filter { $0.double("tau") == tau }
                try #require(rows.count == 1)
                let mean = curve.restrictedMean(tau: tau)
                let place = "\(c.name) \(estimator) \(curve.label ?? "-") tau=\(tau)"
                #expect(curve.n == rows[0].int("n") && curve.events == rows[0].int("events"))
                expectClose(mean.estimate, rows[0].double("rmean"), KaplanMeierTolerance.reference, "\(place) rmean")
                expectClose(mean.standardError, rows[0].double("se_rmean"), KaplanMeierTolerance.reference, "\(place) se")
            }
        }
    }

    @Test func withoutCensoringTheMeanIsTheSampleMeanOfMinTau() throws {
        let times: [Double] = [1, 2.5, 4, 7, 9]
        let curve = try KaplanMeier.curves(SurvivalData(time: times, event: times.map { _ in true }))[0]
        for tau in [3.0, 8, 20] {
            let expected = times.map { min($0, tau) }.reduce(0, +) / Double(times.count)
            #expect(Tolerance(relative: 1e-14).accepts(curve.restrictedMean(tau: tau).estimate, expected))
        }
    }

    /// A curve that stays at 1 up to τ has mean exactly τ. Summed plainly, the rectangles
    /// 6.25…, 14.75… − 6.25…, τ − 14.75… come to τ + 3.6e-15 (a negative time lost); R's sum()
    /// (long double) gives τ. Found by the differential fixtures (d254, group "arm b").
    @Test func aCurveAtOneToTauHasMeanExactlyTau() throws {
        let curve = try KaplanMeier.curves(SurvivalData(time: [6.254843887742946, 14.757139199548595, 29.22376954924836],
                                                        event: [false, false, true]))[0]
        let tau = 22.927209278375404
        #expect(curve.restrictedMean(tau: tau).estimate == tau)
    }

    @Test func beforeTheFirstTimeTheMeanIsTau() throws {
        let curve = try KaplanMeier.curves(SurvivalData(time: [5, 6], event: [true, false]))[0]
        #expect(curve.restrictedMean(tau: 2) == RestrictedMean(tau: 2, estimate: 2, standardError: 0))
    }
}
