import Testing
import TestSupport
@testable import SurvivalAnalysis

@Suite struct LogRankTrendTests {
    static let exact = Tolerance(relative: 1e-10)

    func statistics(groups k: Int) -> LogRankStatistics {
        let d = LogRankTests.tied(2000, groups: k, strata: 1, seed: UInt64(k))
        return LogRank.statistics(time: d.time, event: d.event, group: d.group, groupCount: k)
    }

    @Test func twoGroupTrendIsTheOverallTest() throws {
        let s = statistics(groups: 2)
        #expect(Self.exact.accepts(try s.trend().chiSquare.statistic, s.chiSquare().statistic))
    }

    @Test func affineScoresGiveTheSameChiSquare() throws {
        // Σ(O − E) = 0 and V's rows sum to zero, so a + b·w tests the same trend.
        let s = statistics(groups: 4)
        let base = try s.trend().chiSquare.statistic
        let shifted = try s.trend(scores: [10, 13, 16, 19]).chiSquare.statistic
        #expect(Self.exact.accepts(base, shifted))
        #expect(Self.exact.accepts(try s.trend(scores: [4, 3, 2, 1]).z, -(try s.trend().z)))
    }

    @Test func badScoresAreRefused() {
        let s = statistics(groups: 3)
        #expect(throws: LogRankTrend.Failure.countMismatch(scores: 2, groups: 3)) { try s.trend(scores: [1, 2]) }
        #expect(throws: LogRankTrend.Failure.noVariance) { try s.trend(scores: [2, 2, 2]) }
        #expect(throws: LogRankTrend.Failure.notFinite) { try s.trend(scores: [1, .nan, 2]) }
    }
}
