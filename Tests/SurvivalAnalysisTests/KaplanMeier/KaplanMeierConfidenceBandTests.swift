import Testing
import TestSupport
@testable import SurvivalAnalysis

/// Confidence limits against R's `survfit(..., conf.type, conf.int)` as `summary(censored = TRUE)`
/// prints them: log, log-log and plain, at 0.95 and 0.90, for both estimators.
@Suite struct KaplanMeierConfidenceBandTests {
    @Test(arguments: KaplanMeierCase.all)
    func limitsMatchSurvfitConfint(_ c: KaplanMeierCase) throws {
        let data = try c.data()
        let all = try c.fixture("table.csv")
        for (estimator, type, level) in KaplanMeierCase.settings {
            let expected = KaplanMeierCase.select(all, estimator, type, level)
            for curve in KaplanMeier.curves(data, estimator: estimator) {
                let band = ConfidenceBand(curve, type: type, level: level)
                let rows = KaplanMeierCase.rows(expected, of: curve.label)
                try #require(rows.count == curve.count)
                for (i, row) in rows.enumerated() {
                    let place = "\(c.name) \(estimator) \(type) \(level) \(curve.label ?? "-") row \(i + 1)"
                    expectClose(band.lower[i], row.double("lower"), KaplanMeierTolerance.reference, "\(place) lower")
                    expectClose(band.upper[i], row.double("upper"), KaplanMeierTolerance.reference, "\(place) upper")
                }
            }
        }
    }

    @Test func rNALimits() throws {
        // Ŝ: 1 (censoring only), 2/3, 0 — R gives NA for log-log at Ŝ = 1, for every type at Ŝ = 0.
        let curve = try KaplanMeier.curves(SurvivalData(time: [1, 2, 3, 3], event: [false, true, true, true]))[0]
        #expect(curve.survival == [1, 2.0 / 3, 0])
        let logLog = ConfidenceBand(curve, type: .logLog, level: 0.95)
        #expect(logLog.lower[0].isNaN && logLog.upper[0].isNaN)
        #expect(!logLog.lower[1].isNaN)
        for type in ConfidenceType.allCases {
            let band = ConfidenceBand(curve, type: type, level: 0.95)
            #expect(band.lower[2].isNaN && band.upper[2].isNaN, "\(type) at Ŝ = 0")
        }
        let log = ConfidenceBand(curve, type: .log, level: 0.95)
        #expect(log.lower[0] == 1 && log.upper[0] == 1)
    }

    @Test func plainLimitsAreClippedToTheUnitInterval() throws {
        let curve = try KaplanMeier.curves(SurvivalData(time: [1, 2, 3, 4], event: [true, true, true, false]))[0]
        let band = ConfidenceBand(curve, type: .plain, level: 0.99)
        for i in 0..<curve.count {
            #expect(band.lower[i] >= 0 && band.upper[i] <= 1)
        }
        #expect(band.upper[0] == 1)
        #expect(band.lower[2] == 0)
    }

    @Test func widerLevelGivesWiderLimits() throws {
        let curve = try KaplanMeier.curves(SurvivalData(time: [1, 2, 3, 4, 5, 6], event: [true, false, true, true, false, true]))[0]
        let narrow = ConfidenceBand(curve, type: .log, level: 0.8)
        let wide = ConfidenceBand(curve, type: .log, level: 0.99)
        for i in 0..<(curve.count - 1) {
            #expect(wide.lower[i] <= narrow.lower[i] && wide.upper[i] >= narrow.upper[i])
        }
    }
}
