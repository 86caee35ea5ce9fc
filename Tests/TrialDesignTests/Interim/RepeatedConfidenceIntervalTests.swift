import Foundation
import Testing
import TestSupport
@testable import TrialDesign

/// Repeated confidence intervals against rpact 3.3.4: getRepeatedConfidenceIntervals(design,
/// getDataset(overallEvents, overallLogRanks, overallAllocationRatios), directionUpper).
@Suite struct RepeatedConfidenceIntervalTests {
    /// rpact finds each bound by a root search with tolerance 1e-6 on the hazard-ratio scale
    /// (C_ANALYSIS_TOLERANCE_DEFAULT); survkit's bounds are closed-form.
    static let rootSearch = Tolerance(relative: 1e-5, absolute: 1e-6)

    @Test func matchesRpact() throws {
        let fixture = try Fixture("groupseq/repeated_ci.csv")
        var worst = 0.0
        for rows in GroupSequentialFixtures.cases(fixture) {
            let row = rows[0]
            let upper = row.string("direction_upper") == "TRUE"
            let boundaries = try GroupSequentialFixtures.design(row).boundaries()
            let observed = try LogRankLooks(
                events: rows.map { $0.double("overall_events")! },
                z: rows.map { (upper ? 1 : -1) * $0.double("overall_log_rank")! },
                allocationRatios: rows.map { $0.double("overall_allocation_ratio")! })
            let intervals = try RepeatedConfidenceInterval.hazardRatio(
                observed: observed, criticalValues: boundaries.criticalValues, direction: upper ? .aboveOne : .belowOne)
            for (interval, expected) in zip(intervals, rows) {
                let interval = try #require(interval)
                for (mine, theirs) in [(interval.lower, expected.double("lower")!), (interval.upper, expected.double("upper")!)] {
                    worst = max(worst, relativeDifference(mine, theirs))
                    #expect(Self.rootSearch.accepts(mine, theirs), "case \(row.string("case")) look \(expected.string("look")): \(mine) vs rpact \(theirs)")
                }
            }
        }
        print("repeated CI: largest relative difference from rpact \(worst)")
    }

    /// With the critical value of a fixed design the interval is the usual Wald interval of the log hazard ratio.
    @Test func reducesToTheWaldInterval() throws {
        let observed = try LogRankLooks(events: [100], z: [2], allocationRatios: [1])
        let c = 1.959963984540054
        let interval = try #require(try RepeatedConfidenceInterval.hazardRatio(
            observed: observed, criticalValues: [c], direction: .belowOne)[0])
        let se = 2 / 10.0, estimate = -2 * se
        #expect(Tolerance(relative: 1e-14).accepts(interval.lower, exp(estimate - c * se)))
        #expect(Tolerance(relative: 1e-14).accepts(interval.upper, exp(estimate + c * se)))
    }
}
