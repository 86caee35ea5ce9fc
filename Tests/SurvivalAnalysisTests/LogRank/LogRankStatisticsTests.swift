import Testing
import TestSupport
@testable import SurvivalAnalysis

@Suite struct LogRankStatisticsTests {
    static let exact = Tolerance(relative: 1e-12)

    func statistics(observed: [Double], expected: [Double], variance: [Double]) -> LogRankStatistics {
        let k = observed.count
        return LogRankStatistics(groupCount: k, stratumCount: 1, weights: .logRank, size: Array(repeating: 1, count: k),
                                 events: Array(repeating: 0, count: k), variance: variance, stratumSize: [k],
                                 sizeByStratum: Array(repeating: 1, count: k), observedByStratum: observed,
                                 expectedByStratum: expected)
    }

    @Test func twoGroupChiSquareIsZSquared() {
        let s = statistics(observed: [10, 4], expected: [7, 7], variance: [3, -3, -3, 3])
        let z = try! #require(s.z)
        #expect(Self.exact.accepts(z, 3 / 3.0.squareRoot()))
        #expect(z > 0, "more events than expected in the first group gives a positive z")
        #expect(Self.exact.accepts(s.chiSquare().statistic, z * z))
        #expect(s.chiSquare().degreesOfFreedom == 1)
    }

    @Test func chiSquareDoesNotDependOnWhichGroupIsDropped() {
        // A valid 3-group V (rows sum to zero) and O − E summing to zero.
        let v: [Double] = [4, -1.5, -2.5, -1.5, 3, -1.5, -2.5, -1.5, 4]
        let s = statistics(observed: [9, 5, 6], expected: [6, 6, 8], variance: v)
        let permuted = statistics(observed: [6, 9, 5], expected: [8, 6, 6],
                                  variance: [4, -2.5, -1.5, -2.5, 4, -1.5, -1.5, -1.5, 3])
        #expect(Self.exact.accepts(s.chiSquare().statistic, permuted.chiSquare().statistic))
        #expect(s.chiSquare().degreesOfFreedom == 2)
    }

    @Test func fewerThanTwoGroupsWithExpectedEventsGiveZeroOnZeroDegreesOfFreedom() {
        let s = statistics(observed: [2, 0], expected: [2, 0], variance: [0, 0, 0, 0])
        let c = s.chiSquare()
        #expect(c.statistic == 0)
        #expect(c.degreesOfFreedom == 0)
        #expect(c.pValue == 1, "as R's pchisq(0, 0, lower.tail = FALSE)")
        #expect(s.z == nil)
    }

    @Test func singularReducedVarianceCountsOnlyItsRank() {
        // Groups 2 and 3 always move together: the reduced 2 × 2 V has rank 1.
        let v: [Double] = [2, -1, -1, -1, 0.5, 0.5, -1, 0.5, 0.5]
        let s = statistics(observed: [5, 3, 3], expected: [4, 3.5, 3.5], variance: v)
        let c = s.chiSquare()
        #expect(c.degreesOfFreedom == 1)
        #expect(c.statistic.isFinite)
    }

    @Test func pValueIsTheChiSquareUpperTail() {
        let c = LogRankChiSquare(statistic: 3.841458820694124, degreesOfFreedom: 1)
        #expect(Tolerance(relative: 1e-9).accepts(c.pValue, 0.05))
    }
}
