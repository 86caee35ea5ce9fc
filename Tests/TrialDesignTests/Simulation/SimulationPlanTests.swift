import Foundation
import Testing
import TestSupport
@testable import TrialDesign

@Suite struct SimulationPlanTests {
    /// rpact's getData(): iteration with logRankStatistic 2.672559 (directionUpper = FALSE, so
    /// the treatment z is −2.672559) at 27 events, 1:1, has hazardRatioEstimateLR 0.3574826.
    @Test func hazardRatioEstimateIsRpacts() throws {
        let plan = try SimulationFixtures.seedTrial()
        #expect(Tolerance(relative: 1e-6).accepts(plan.hazardRatioEstimate(z: -2.672559, events: 27), 0.3574826))
        #expect(plan.hazardRatioEstimate(z: 1, events: 0).isNaN)
    }

    @Test func rejectionRegions() throws {
        let oneSided = try SimulationFixtures.seedTrial()
        let c = oneSided.criticalValue
        #expect(Tolerance(relative: 1e-12).accepts(c, 1.959963984540054))
        #expect(oneSided.rejects(z: -2, criticalValue: c))
        #expect(!oneSided.rejects(z: 2, criticalValue: c))          // harm is not a success
        #expect(!oneSided.rejects(z: .nan, criticalValue: c))
        let twoSided = try SimulationPlan(patients: 56, accrual: .uniform(duration: 18),
                                          survival: oneSided.survival, cut: .events(27), alpha: 0.05, sides: 2)
        #expect(twoSided.rejects(z: 2, criticalValue: c) && twoSided.rejects(z: -2, criticalValue: c))
        #expect(!twoSided.rejects(z: .nan, criticalValue: c))
    }

    @Test func refusesImpossiblePlans() throws {
        let survival = try SimulationFixtures.seedTrial().survival
        let accrual = try Accrual.uniform(duration: 18)
        #expect(throws: DesignError.self) { try SimulationPlan(patients: 56, accrual: accrual, survival: survival, cut: .events(57)) }
        #expect(throws: DesignError.self) { try SimulationPlan(patients: 56, accrual: accrual, survival: survival, cut: .events(0)) }
        #expect(throws: DesignError.self) { try SimulationPlan(patients: 1, accrual: accrual, survival: survival, cut: .events(1)) }
        #expect(throws: DesignError.self) { try SimulationPlan(patients: 56, accrual: accrual, survival: survival, cut: .followUp(-1)) }
        #expect(throws: DesignError.self) {
            try SimulationPlan(patients: 56, accrual: accrual, survival: survival, cut: .events(27), alpha: 1)
        }
        #expect(throws: DesignError.self) {
            try SimulationPlan(patients: 56, accrual: accrual, survival: survival, cut: .events(27), sides: 3)
        }
        #expect(throws: DesignError.self) { try MonteCarloSettings(replicates: 0, seed: 1) }
        #expect(throws: DesignError.self) { try MonteCarloSettings(replicates: 10, seed: 1 << 53) }
    }
}
