import Testing
import TestSupport
@testable import SurvivalAnalysis

@Suite struct TwoGroupLogRankTests {
    static let agreement = Tolerance(relative: 1e-12)

    @Test(arguments: [(0.0, 0.0), (1.0, 0.0), (0.5, 0.5), (0.0, 1.0)])
    func agreesWithTheGeneralKernel(rho: Double, gamma: Double) throws {
        let weights = try #require(FlemingHarrington(rho: rho, gamma: gamma))
        for seed in UInt64(1)...20 {
            let d = LogRankTests.tied(56, groups: 2, strata: 1, seed: seed)
            let general = LogRank.statistics(time: d.time, event: d.event, group: d.group, groupCount: 2, weights: weights)
            let lean = TwoGroupLogRank(time: d.time, event: d.event, group: d.group.map { UInt8($0) }, weights: weights)
            #expect(Self.agreement.accepts(lean.observed, general.observed[0]))
            #expect(Self.agreement.accepts(lean.expected, general.expected[0]))
            #expect(Self.agreement.accepts(lean.variance, general.variance(0, 0)))
            #expect(lean.events == general.totalEvents)
            #expect(Self.agreement.accepts(lean.z, general.z))
            #expect(Self.agreement.accepts(lean.chiSquare, general.chiSquare().statistic))
            #expect(lean == TwoGroupLogRank(time: d.time, event: d.event, group: d.group, weights: weights))
        }
    }

    @Test func nearTiesAreOneTimeAsInR() throws {
        // 0.1 + 0.2 and 0.3 are one ulp apart; aeqSurv (applied by SurvivalData) makes them one time.
        let data = try SurvivalData(time: [0.1 + 0.2, 0.3, 1], event: [true, true, true])
        let a = TwoGroupLogRank(time: data.time, event: [true, true, true], group: [0, 1, 0] as [UInt8])
        let b = TwoGroupLogRank(time: [0.3, 0.3, 1], event: [true, true, true], group: [0, 1, 0] as [UInt8])
        #expect(a == b)
        // The kernel itself compares times exactly (as the simulator and rpact do).
        #expect(TwoGroupLogRank(time: [0.1 + 0.2, 0.3, 1], event: [true, true, true], group: [0, 1, 0] as [UInt8]) != b)
    }

    @Test func firstGroupWithMoreEventsHasPositiveZ() {
        // The first group dies early, the second late.
        let time: [Double] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
        let group: [UInt8] = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]
        let r = TwoGroupLogRank(time: time, event: Array(repeating: true, count: 10), group: group)
        #expect(r.z > 0)
    }

    @Test func noEventsGiveNaN() {
        let r = TwoGroupLogRank(time: [1, 2], event: [false, false], group: [0, 1] as [UInt8])
        #expect(r.z.isNaN)
        #expect(r.events == 0)
    }

    @Test func emptyInputIsNaN() {
        #expect(TwoGroupLogRank(time: [], event: [], group: [] as [UInt8]).z.isNaN)
    }
}
