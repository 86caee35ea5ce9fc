import Foundation
import Testing
import SurvivalAnalysis
import TestSupport

/// BrierScore and CensoringSurvival against scikit-survival's `brier_score` and
/// `integrated_brier_score` (Tests/Fixtures/metrics, written by scripts/fixtures/metrics.py).
@Suite struct BrierScoreTests {
    /// The issue's 1e-8; the same sums in a different order agree to rounding.
    static let tolerance = Tolerance(relative: 1e-8)

    @Test func matchesScikitSurvival() throws {
        let data = try Fixture("metrics/data.csv").rows
        let train = data.filter { $0.string("set") == "train" }
        let test = data.filter { $0.string("set") == "test" }
        let g = CensoringSurvival(time: train.map { $0.double("time")! }, event: train.map { $0.int("status") == 1 })
        let expected = try Fixture("metrics/brier.csv").rows
        let times = expected.compactMap { $0.double("time") }.filter { $0 >= 0 }
        let lam = test.map { $0.double("lam")! }
        let scores = try BrierScore.scores(censoring: g, time: test.map { $0.double("time")! },
                                           event: test.map { $0.int("status") == 1 }, times: times) { i, k in
            exp(-pow(times[k] / lam[i], 1.3))
        }
        for (row, s) in zip(expected.filter { $0.double("time")! >= 0 }, scores) {
            #expect(Self.tolerance.accepts(s, row.double("brier")), "t=\(row.string("time")) \(s)")
        }
        let ibs = try BrierScore.integrated(times: times, scores: scores)
        #expect(Self.tolerance.accepts(ibs, expected.first { $0.double("time") == -1 }!.double("brier")))
    }

    @Test func censoringSurvivalCountsEventsFirstAtTies() {
        // Times 1(event), 1(censored), 2(censored), 3(event): at t = 1 the event leaves first,
        // so G(1) = 1 − 1/3; at 2, G = (2/3)(1 − 1/2).
        let g = CensoringSurvival(time: [1, 1, 2, 3], event: [true, false, false, true])
        #expect(g(0.5) == 1)
        #expect(abs(g(1) - 2.0 / 3) < 1e-15)
        #expect(abs(g(2.5) - 1.0 / 3) < 1e-15)
    }

    @Test func integratedNeedsIncreasingTimes() {
        #expect(throws: BrierScore.Failure.badTimes) { try BrierScore.integrated(times: [1], scores: [0.1]) }
        #expect(throws: BrierScore.Failure.badTimes) { try BrierScore.integrated(times: [2, 1], scores: [0.1, 0.2]) }
    }
}
