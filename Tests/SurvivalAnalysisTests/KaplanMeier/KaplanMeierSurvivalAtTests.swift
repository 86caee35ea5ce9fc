import Testing
import TestSupport
@testable import SurvivalAnalysis

/// Survival at chosen times against R's `summary(fit, times = ...)`: times before the first
/// event, at event times, between them and after the last time (left out, as R's
/// `extend = FALSE`).
@Suite struct KaplanMeierSurvivalAtTests {
    @Test(arguments: KaplanMeierCase.all)
    func matchesSummarySurvfitTimes(_ c: KaplanMeierCase) throws {
        let data = try c.data()
        let all = try c.fixture("survival_at.csv")
        for (estimator, type, level) in KaplanMeierCase.settings {
            let expected = KaplanMeierCase.select(all, estimator, type, level)
            for curve in KaplanMeier.curves(data, estimator: estimator) {
                let rows = KaplanMeierCase.rows(expected, of: curve.label)
                let at = curve.survival(at: c.times, band: ConfidenceBand(curve, type: type, level: level))
                try #require(at.count == rows.count, "\(c.name) \(curve.label ?? "-"): times kept")
                for (a, row) in zip(at, rows) {
                    let place = "\(c.name) \(estimator) \(type) \(level) \(curve.label ?? "-") t=\(a.time)"
                    #expect(a.time == row.double("time"), "\(place)")
                    #expect(a.nRisk == row.int("n_risk"), "\(place) n_risk")
                    #expect(a.nEvent == row.int("n_event"), "\(place) n_event")
                    #expect(a.nCensor == row.int("n_censor"), "\(place) n_censor")
                    expectClose(a.survival, row.double("survival"), KaplanMeierTolerance.reference, "\(place) survival")
                    expectClose(a.standardError, row.double("std_err"), KaplanMeierTolerance.reference, "\(place) std_err")
                    expectClose(a.lower, row.double("lower"), KaplanMeierTolerance.reference, "\(place) lower")
                    expectClose(a.upper, row.double("upper"), KaplanMeierTolerance.reference, "\(place) upper")
                }
            }
        }
    }

    @Test func beforeTheFirstTimeIsTheStartRow() throws {
        let curve = try KaplanMeier.curves(SurvivalData(time: [2, 3, 5], event: [false, true, true]))[0]
        let band = ConfidenceBand(curve, type: .logLog, level: 0.95)
        let at = curve.survival(at: [1, 0], band: band)
        #expect(at.map(\.time) == [0, 1])
        #expect(at.allSatisfy { $0.survival == 1 && $0.standardError == 0 && $0.lower == 1 && $0.upper == 1 })
        #expect(at.allSatisfy { $0.nRisk == 3 && $0.nEvent == 0 })
        // After a censoring-only row, log-log has no limits (Ŝ = 1), as R.
        let later = curve.survival(at: [2.5], band: band)[0]
        #expect(later.lower.isNaN && later.nCensor == 1)
    }

    @Test func countsAreSincePreviousTimeAndAfterLastTimeIsLeftOut() throws {
        let curve = try KaplanMeier.curves(SurvivalData(time: [1, 2, 2, 3, 4], event: [true, true, false, true, false]))[0]
        let at = curve.survival(at: [4.5, 2, 3.5], band: ConfidenceBand(curve, type: .log, level: 0.95))
        #expect(at.map(\.time) == [2, 3.5])
        #expect(at.map(\.nEvent) == [2, 1])
        #expect(at.map(\.nCensor) == [1, 0])
        #expect(at.map(\.nRisk) == [4, 1])
    }
}
