import Testing
@testable import TrialDesign

@Suite struct ArmSurvivalTests {
    @Test func proportionalHazards() throws {
        let ph = try ArmSurvival(treatment: PiecewiseExponential(times: [0, 6], hazards: [0.03, 0.015]),
                                 control: PiecewiseExponential(times: [0, 6], hazards: [0.06, 0.03]))
        #expect(ph.proportionalHazardRatio == 0.5)
        let delayed = try ArmSurvival(treatment: PiecewiseExponential(times: [0, 6], hazards: [0.06, 0.03]),
                                      control: PiecewiseExponential(times: [0, 6], hazards: [0.06, 0.06]))
        #expect(delayed.proportionalHazardRatio == nil)
        #expect(delayed[.control].hazards == [0.06, 0.06])
    }

    @Test func armsShareTheirPieces() {
        #expect(throws: DesignError.self) {
            try ArmSurvival(treatment: PiecewiseExponential(times: [0, 6], hazards: [0.03, 0.015]),
                            control: PiecewiseExponential(times: [0, 3], hazards: [0.06, 0.03]))
        }
    }
}
