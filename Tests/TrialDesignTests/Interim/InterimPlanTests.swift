import Testing
import TestSupport
@testable import TrialDesign

/// What an interim takes from the design: the maximum events rounded up, the effect and the
/// allocation, and the direction the log-rank Z is signed in.
@Suite struct InterimPlanTests {
    static func seed(ratio: Double = 1 / 3) throws -> SequentialDesignResult {
        let a = try TrialAssumptions(hazardControl: TrialAssumptions.hazard(median: 11),
                                     hazardTreatment: ratio * TrialAssumptions.hazard(median: 11),
                                     allocation: Allocation(treatment: 2, control: 1))
        let design = try GroupSequentialDesign(informationRates: .equallySpaced(looks: 2), alpha: 0.05, sides: 2)
        return try SequentialDesignSolver.solve(DesignRequest(assumptions: a), design: design)
    }

    @Test func planOfASolvedDesign() throws {
        let result = try Self.seed()
        let plan = try InterimPlan(result)
        #expect(plan.maximumEvents == result.maximum.events)
        #expect(Double(plan.maximumEvents) >= result.maximum.eventsRequired)
        #expect(Tolerance(relative: 1e-14).accepts(plan.hazardRatio, 1 / 3))
        #expect(plan.allocationRatio == 2)
        #expect(plan.direction == .belowOne)
        #expect(try InterimPlan(Self.seed(ratio: 1.5)).direction == .aboveOne)
    }

    @Test func invalidPlansAndObservations() throws {
        let design = try GroupSequentialDesign(informationRates: .equallySpaced(looks: 2))
        #expect(throws: GroupSequentialError.self) { try InterimPlan(design: design, maximumEvents: 10, hazardRatio: 1, allocationRatio: 1) }
        #expect(throws: GroupSequentialError.self) { try InterimPlan(design: design, maximumEvents: 10, hazardRatio: 0.7, allocationRatio: 0) }
        #expect(throws: GroupSequentialError.self) { try InterimObservation(events: 10, z: 1, allocationRatio: .infinity) }
        #expect(InterimDecision.allCases.map(\.rawValue)
            == ["continue", "stop-for-efficacy", "stop-for-futility", "stop-for-harm", "final-not-rejected"])
    }
}
