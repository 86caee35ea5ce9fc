import Testing
@testable import TrialDesign

@Suite struct TrialAssumptionsTests {
    static let control = TrialAssumptions.hazard(median: 11)

    @Test func mediansAndHazards() throws {
        let a = try TrialAssumptions(hazardControl: Self.control, hazardTreatment: TrialAssumptions.hazard(median: 33))
        #expect(abs(a.hazardRatio! - 1.0 / 3) < 1e-15)
        #expect(abs(TrialAssumptions.median(hazard: a.hazardControl) - 11) < 1e-13)
        #expect(a.alpha == 0.05 && a.sides == 2 && a.power == 0.8 && a.allocation == .equal)
        let b = try a.with(hazardRatio: 0.5)
        #expect(b.hazardTreatment == 0.5 * Self.control)
        let c = try a.with(accrual: .uniform(duration: 18), followUp: 12)
        #expect(c.accrual?.closedEnd == 18 && c.followUp == 12 && c.hazardTreatment == a.hazardTreatment)
    }

    @Test func unknownEffectIsAllowed() throws {
        #expect(try TrialAssumptions(hazardControl: Self.control, hazardTreatment: nil).hazardRatio == nil)
    }

    @Test(arguments: [0.0, 1.0, -0.05, 1.5, Double.nan])
    func alphaOutsideZeroOneIsRefused(alpha: Double) {
        #expect(throws: DesignError.self) {
            try TrialAssumptions(hazardControl: Self.control, hazardTreatment: Self.control / 2, alpha: alpha)
        }
    }

    @Test func hazardRatioOneIsRefused() {
        #expect(throws: DesignError.invalid("hazard ratio is 1 (equal medians): there is no effect to detect")) {
            try TrialAssumptions(hazardControl: Self.control, hazardTreatment: Self.control)
        }
    }

    @Test(arguments: [0.05, 0.01, 1.0, 1.2])
    func powerMustLieAboveAlphaAndBelowOne(power: Double) {
        #expect(throws: DesignError.self) {
            try TrialAssumptions(hazardControl: Self.control, hazardTreatment: Self.control / 2, alpha: 0.05, power: power)
        }
    }

    @Test func otherDomains() {
        let h = Self.control
        #expect(throws: DesignError.self) { try TrialAssumptions(hazardControl: h, hazardTreatment: h / 2, followUp: -1) }
        #expect(throws: DesignError.self) { try TrialAssumptions(hazardControl: h, hazardTreatment: h / 2, sides: 3) }
        #expect(throws: DesignError.self) { try TrialAssumptions(hazardControl: h, hazardTreatment: h / 2, dropoutInflation: 1) }
        #expect(throws: DesignError.self) { try TrialAssumptions(hazardControl: -h, hazardTreatment: h / 2) }
        #expect(throws: DesignError.self) { try TrialAssumptions(hazardControl: h, hazardTreatment: 0) }
    }
}
