import Foundation
import Testing
import SurvivalAnalysis
import TestSupport

/// PredictionMetrics' Harrell's C on unsorted data against scikit-survival's
/// `concordance_index_censored` (the same number as R's `concordance(reverse = TRUE)`).
@Suite struct PredictionMetricsTests {
    /// Counts of pairs; the same sums in another order agree to rounding.
    static let tolerance = Tolerance(relative: 1e-12)

    @Test func harrellMatchesScikitSurvival() throws {
        let data = try Fixture("metrics/data.csv").rows
        let c = Concordance.harrell(time: data.map { $0.double("time")! }, event: data.map { $0.int("status") == 1 },
                                    score: data.map { $0.double("risk")! })
        let expected = try Fixture("metrics/harrell.csv").rows[0]
        #expect(Self.tolerance.accepts(c.concordance, expected.double("cindex")))
        #expect(c.concordant == expected.double("concordant"))
        #expect(c.discordant == expected.double("discordant"))
        #expect(c.tiedRisk == expected.double("tied_risk"))
    }

    @Test func refusesUnsortedTimesAndBadSurvival() {
        let sample = PredictionMetrics.Sample(time: [1, 2, 3, 4], event: [true, false, true, false])
        #expect(throws: MetricFailure.timesNotIncreasing) {
            try PredictionMetrics(test: sample, marker: [4, 3, 2, 1], training: sample, times: [2, 1], tau: nil, survival: nil)
        }
        #expect(throws: MetricFailure.survivalOutOfRange(row: 1, time: 0)) {
            try PredictionMetrics(test: sample, marker: [4, 3, 2, 1], training: sample, times: [2], tau: nil,
                                  survival: [[0.9, -0.1, 0.5, 0.4]])
        }
    }
}
