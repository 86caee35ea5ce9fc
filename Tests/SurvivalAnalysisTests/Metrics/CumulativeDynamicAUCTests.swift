import Foundation
import Testing
@testable import SurvivalAnalysis
import TestSupport

/// CumulativeDynamicAUC against scikit-survival's `cumulative_dynamic_auc`
/// (Tests/Fixtures/metrics, written by scripts/fixtures/metrics.py).
@Suite struct CumulativeDynamicAUCTests {
    /// The issue's 1e-8; the trapezoid sums agree to rounding.
    static let tolerance = Tolerance(relative: 1e-8)
    /// The ROC area against the pairwise definition: the same terms in another order.
    static let pairwiseTolerance = Tolerance(relative: 1e-12)

    @Test func matchesScikitSurvival() throws {
        let data = try Fixture("metrics/data.csv").rows
        let train = data.filter { $0.string("set") == "train" }
        let test = data.filter { $0.string("set") == "test" }
        let g = CensoringSurvival(time: train.map { $0.double("time")! }, event: train.map { $0.int("status") == 1 })
        let expected = try Fixture("metrics/auc.csv").rows
        let times = expected.compactMap { $0.double("time") }.filter { $0 >= 0 }
        let risk = test.map { $0.double("risk")! }
        let result = try CumulativeDynamicAUC.ipcw(censoring: g, time: test.map { $0.double("time")! },
                                                   event: test.map { $0.int("status") == 1 }, times: times) { i, _ in risk[i] }
        #expect(result.times == times)
        for (row, a) in zip(expected.filter { $0.double("time")! >= 0 }, result.auc) {
            #expect(Self.tolerance.accepts(a, row.double("auc")), "t=\(row.string("time")) \(a)")
        }
        #expect(Self.tolerance.accepts(result.meanAUC, expected.first { $0.double("time") == -1 }!.double("auc")))
    }

    @Test func areaIsThePairwiseProbability() throws {
        let data = try Fixture("metrics/data.csv").rows
        let time = data.map { $0.double("time")! }, event = data.map { $0.int("status") == 1 }
        let risk = data.map { $0.double("risk")! }
        let g = CensoringSurvival(time: time, event: event)
        let t = 6.0
        let result = try CumulativeDynamicAUC.ipcw(censoring: g, time: time, event: event, times: [t]) { i, _ in risk[i] }
        var numerator = 0.0, denominator = 0.0
        for i in time.indices where time[i] <= t && event[i] {
            let w = 1 / g(time[i])
            for j in time.indices where time[j] > t {
                denominator += w
                numerator += risk[i] > risk[j] ? w : risk[i] == risk[j] ? w / 2 : 0
            }
        }
        #expect(Self.pairwiseTolerance.accepts(result.auc[0], numerator / denominator))
        #expect(result.meanAUC == result.auc[0])
    }

    @Test func refusals() {
        let g = CensoringSurvival(time: [1, 2, 3, 4], event: [true, false, true, false])
        #expect(throws: MetricFailure.timeOutsideFollowUp(4, first: 1, last: 4)) {
            try CumulativeDynamicAUC.ipcw(censoring: g, time: [1, 2, 3, 4], event: [true, false, true, false],
                                          times: [2, 4]) { i, _ in Double(i) }
        }
        #expect(throws: MetricFailure.noCasesOrControls(1.5)) {
            try CumulativeDynamicAUC.ipcw(censoring: g, time: [1, 2, 3, 4], event: [false, false, true, false],
                                          times: [1.5]) { i, _ in Double(i) }
        }
    }
}
