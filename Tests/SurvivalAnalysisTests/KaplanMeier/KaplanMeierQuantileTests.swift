import Testing
import TestSupport
@testable import SurvivalAnalysis

/// Quantiles and the median against R's `quantile(fit, probs)` (`survival:::quantile.survfit`).
@Suite struct KaplanMeierQuantileTests {
    static let probs = [0.1, 0.25, 0.5, 0.75, 0.9]

    @Test(arguments: KaplanMeierCase.all)
    func quantilesMatchQuantileSurvfit(_ c: KaplanMeierCase) throws {
        let data = try c.data()
        let all = try c.fixture("quantiles.csv")
        for (estimator, type, level) in KaplanMeierCase.settings {
            let expected = KaplanMeierCase.select(all, estimator, type, level)
            for curve in KaplanMeier.curves(data, estimator: estimator) {
                let band = ConfidenceBand(curve, type: type, level: level)
                let quantiles = curve.quantiles(Self.probs, band: band)
                let rows = KaplanMeierCase.rows(expected, of: curve.label)
                try #require(rows.count == Self.probs.count)
                for (q, row) in zip(quantiles, rows) {
                    let place = "\(c.name) \(estimator) \(type) \(level) \(curve.label ?? "-") p=\(q.probability)"
                    #expect(q.probability == row.double("prob"))
                    expectClose(q.time, row.double("quantile"), KaplanMeierTolerance.quantileTimes, "\(place) quantile")
                    expectClose(q.lower, row.double("lower"), KaplanMeierTolerance.quantileTimes, "\(place) lower")
                    expectClose(q.upper, row.double("upper"), KaplanMeierTolerance.quantileTimes, "\(place) upper")
                }
            }
        }
    }

    @Test(arguments: KaplanMeierCase.all)
    func medianMatchesQuantileSurvfitAtOneHalf(_ c: KaplanMeierCase) throws {
        let data = try c.data()
        let all = try c.fixture("median.csv")
        for (estimator, type, level) in KaplanMeierCase.settings {
            let expected = KaplanMeierCase.select(all, estimator, type, level)
            for curve in KaplanMeier.curves(data, estimator: estimator) {
                let median = curve.median(band: ConfidenceBand(curve, type: type, level: level))
                let rows = KaplanMeierCase.rows(expected, of: curve.label)
                try #require(rows.count == 1)
                let place = "\(c.name) \(estimator) \(type) \(level) \(curve.label ?? "-") median"
                expectClose(median.time, rows[0].double("median"), KaplanMeierTolerance.quantileTimes, place)
                expectClose(median.lower, rows[0].double("lower"), KaplanMeierTolerance.quantileTimes, "\(place) lower")
                expectClose(median.upper, rows[0].double("upper"), KaplanMeierTolerance.quantileTimes, "\(place) upper")
            }
        }
    }

    @Test func flatStretchAtTheQuantileGivesTheMidpoint() throws {
        // Ŝ = 0.5 exactly on [2, 4): the median is (2 + 4)/2; ending flat at 0.5 it is (2 + 9)/2.
        let middle = try KaplanMeier.curves(SurvivalData(time: [1, 2, 3, 4], event: [false, true, false, true]))[0]
        #expect(middle.survival[1] == 2.0 / 3)
        let even = try KaplanMeier.curves(SurvivalData(time: [2, 4, 5, 6], event: [true, true, true, true]))[0]
        #expect(even.median(band: ConfidenceBand(even, type: .log, level: 0.95)).time == 4.5)
        let endsFlat = try KaplanMeier.curves(SurvivalData(time: [1, 2, 8, 9], event: [true, true, false, false]))[0]
        #expect(endsFlat.median(band: ConfidenceBand(endsFlat, type: .log, level: 0.95)).time == 5.5)
    }

    @Test func notReachedIsNaN() throws {
        let curve = try KaplanMeier.curves(SurvivalData(time: [1, 2, 3], event: [true, false, false]))[0]
        let q = curve.quantiles([0.25, 0.5], band: ConfidenceBand(curve, type: .log, level: 0.95))
        #expect(q[0].time == 1)
        #expect(q[1].time.isNaN && q[1].upper.isNaN)
    }

    @Test func zeroProbabilityIsTheStart() throws {
        let curve = try KaplanMeier.curves(SurvivalData(time: [1, 2, 3], event: [true, true, true]))[0]
        #expect(curve.quantiles([0, 0.5], band: ConfidenceBand(curve, type: .log, level: 0.95))[0].time == 0)
    }

    @Test func nonMonotoneBandKeepsRsFirstOccurrenceRule() {
        // y = 1 − band value may go down and up; findq takes the smallest value ≥ p, not the
        // first crossing. R: survival:::findq(0:4, c(0, 1 - s), c(0.5, 0.55, 0.53), sqrt(eps))
        // gives 3 3 2.
        let time: [Double] = [1, 2, 3, 4]
        let survival: [Double] = [0.6, 0.45, 0.48, 0.2]
        #expect(QuantileSearch.find([0.5, 0.55, 0.53], time: time, survival: survival) == [3, 3, 2])
    }
}

extension KaplanMeierQuantileTests {
    /// R's `survival:::findq` itself on 300 random shapes the data sets do not reach: NA
    /// anywhere, limits that go down and up, ties and exact 0.5s (fixture `km/findq.csv`).
    @Test func agreesWithFindqOnRandomShapes() throws {
        let rows = try Fixture("km/findq.csv").rows
        let cases = Dictionary(grouping: rows) { $0.string("case") }
        #expect(cases.count == 300)
        for (name, rows) in cases {
            let survival = rows[0].string("survival").split(separator: ";").map { Double(String($0)) ?? .nan }
            let time = (1...survival.count).map(Double.init)
            let probs = rows.map { $0.double("prob")! }
            let found = QuantileSearch.find(probs, time: time, survival: survival)
            for (q, row) in zip(found, rows) {
                #expect(KaplanMeierTolerance.quantileTimes.accepts(q.isNaN ? nil : q, row.double("quantile")),
                        "case \(name) p=\(row.string("prob")): survkit \(q), R \(row.string("quantile"))")
            }
        }
    }
}
