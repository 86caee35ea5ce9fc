import Testing
@testable import TrialDesign

/// ``TrialSimulator/simulate(lanesFrom:into:)`` gives, four replicates at a time, exactly the
/// outcomes of ``TrialSimulator/simulate(replicate:)`` one at a time.
@Suite struct TrialSimulatorLanesTests {
    func check(_ plan: SimulationPlan, from first: Int = 0, groups: Int = 50, seed: UInt64 = 5) {
        var lanes = TrialSimulator(plan: plan, seed: seed)
        var single = TrialSimulator(plan: plan, seed: seed)
        let inLanes = lanes.drawsInLanes
        #expect(inLanes)
        var outcomes = [ReplicateOutcome](repeating: ReplicateOutcome(
            reachedCut: false, analysisTime: .nan, patients: 0, events: 0, eventsTreatment: 0, dropouts: 0,
            z: .nan, coxLogHazardRatio: .nan), count: TrialSimulator.lanes)
        for g in 0..<groups {
            let start = first + g * TrialSimulator.lanes
            outcomes.withUnsafeMutableBufferPointer { lanes.simulate(lanesFrom: start, into: $0.baseAddress!) }
            for j in 0..<TrialSimulator.lanes {
                let expected = single.simulate(replicate: start + j)
                #expect(outcomes[j].isIdentical(to: expected), "replicate \(start + j): \(outcomes[j]) vs \(expected)")
            }
        }
    }

    @Test func seedTrial() throws {
        try check(SimulationFixtures.seedTrial())
        try check(SimulationFixtures.seedTrial(), from: 1_000_001, groups: 10)
    }

    @Test func arrivalsRandomisationAndCut() throws {
        try check(SimulationFixtures.seedTrial(arrivals: .poisson))
        try check(SimulationFixtures.seedTrial(arrivals: .uniform))
        try check(SimulationFixtures.seedTrial(randomisation: .simple))
        try check(SimulationFixtures.seedTrial(randomisation: .alternating))
        try check(SimulationFixtures.seedTrial(cut: .followUp(12), arrivals: .uniform))
        try check(SimulationFixtures.seedTrial(cox: true), groups: 10)
    }

    /// Two patients, one event: a lane per patient pair.
    @Test func smallestTrial() throws {
        let base = try SimulationFixtures.seedTrial()
        try check(SimulationPlan(patients: 2, accrual: base.accrual, survival: base.survival, cut: .events(1)))
    }

    @Test func looks() throws {
        let base = try SimulationFixtures.seedTrial()
        let looks = try SimulationLooks(informationRates: [1.0 / 3, 2.0 / 3, 1], criticalValues: [3.7, 2.5, 2.0],
                                        futilityBounds: [0, 0.5])
        try check(SimulationPlan(patients: base.patients, accrual: base.accrual, survival: base.survival,
                                 cut: .events(27), alpha: 0.025, sides: 1, looks: looks))
    }

    /// Dropout, piecewise or cured arms are drawn one replicate at a time.
    @Test func otherLawsAreNotInLanes() throws {
        let base = try SimulationFixtures.seedTrial()
        let dropout = try SimulationPlan(
            patients: 56, accrual: base.accrual, survival: base.survival,
            dropout: ExponentialDropout(probabilityTreatment: 0.1, probabilityControl: 0.1, time: 12), cut: .events(27))
        let dropoutInLanes = TrialSimulator(plan: dropout, seed: 1).drawsInLanes
        #expect(!dropoutInLanes)
        let piecewise = try SimulationPlan(
            patients: 56, accrual: base.accrual,
            survival: ArmSurvival(treatment: PiecewiseExponential(times: [0, 6], hazards: [0.06, 0.02]),
                                  control: PiecewiseExponential(times: [0, 6], hazards: [0.06, 0.06])),
            cut: .events(27))
        let piecewiseInLanes = TrialSimulator(plan: piecewise, seed: 1).drawsInLanes
        #expect(!piecewiseInLanes)
    }
}
