import Testing
@testable import TrialDesign

@Suite struct DesignResultTests {
    @Test func derivedQuantities() throws {
        let a = try TrialAssumptions(hazardControl: TrialAssumptions.hazard(median: 11),
                                     hazardTreatment: TrialAssumptions.hazard(median: 33),
                                     accrual: .uniform(duration: 18), followUp: 12)
        let r = try DesignSolver.solve(DesignRequest(assumptions: a))
        #expect(r.studyDuration == 30)
        #expect(r.events == 27 && r.patients == r.patientsPerArm?.total)
        #expect(abs(r.median(.treatment) - 33) < 1e-12 && abs(r.median(.control) - 11) < 1e-12)
        #expect(r.alpha == 0.05 && r.sides == 2 && r.method == .schoenfeld)
    }
}
