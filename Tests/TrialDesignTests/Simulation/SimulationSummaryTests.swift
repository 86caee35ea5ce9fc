import Foundation
import Testing
import TestSupport
@testable import TrialDesign

@Suite struct SimulationSummaryTests {
    func outcome(z: Double, events: Int32, time: Double, reached: Bool = true) -> ReplicateOutcome {
        ReplicateOutcome(reachedCut: reached, analysisTime: time, patients: 56, events: events, eventsTreatment: events / 3,
                         dropouts: 1, z: z, coxLogHazardRatio: .nan)
    }

    /// Four trials, one-sided 0.025 (reject at z ≤ −1.96): two reject; one that never reached
    /// its events does not count even with z = −3.
    @Test func powerAndItsStandardError() throws {
        let plan = try SimulationFixtures.seedTrial()
        let s = SimulationSummary(plan: plan, outcomes: [
            outcome(z: -2.5, events: 27, time: 20), outcome(z: -1.0, events: 27, time: 24),
            outcome(z: -2.0, events: 27, time: 28), outcome(z: -3.0, events: 20, time: 40, reached: false),
        ])
        #expect(s.rejections == 2 && s.eventsNotReached == 1 && s.power == 0.5)
        #expect(s.powerStandardError == (0.25 / 4).squareRoot())
        // R: x <- c(20, 24, 28, 40); mean 28, sd 8.640988, quantile(x, .25) = 23
        #expect(s.analysisTime.mean == 28 && s.analysisTime.quantiles[1] == 23)
        #expect(Tolerance(relative: 1e-6).accepts(s.analysisTime.standardDeviation, 8.640988))
        #expect(s.events.minimum == 20 && s.events.maximum == 27)
        #expect(s.coxHazardRatio == nil)
    }

    /// Undefined hazard-ratio estimates (no events) are left out of its distribution.
    @Test func undefinedEstimatesAreLeftOut() throws {
        let plan = try SimulationFixtures.seedTrial()
        let s = SimulationSummary(plan: plan, outcomes: [outcome(z: .nan, events: 0, time: 5), outcome(z: -1, events: 27, time: 20)])
        #expect(s.hazardRatio.count == 1)
        #expect(s.hazardRatio.mean == plan.hazardRatioEstimate(z: -1, events: 27))
        #expect(s.hazardRatio.geometricMean == s.hazardRatio.mean && s.hazardRatio.standardDeviation.isNaN)
    }
}
