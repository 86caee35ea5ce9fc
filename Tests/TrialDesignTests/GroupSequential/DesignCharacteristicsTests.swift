import Testing
import TestSupport
import GSLSupport
@testable import TrialDesign

@Suite struct DesignCharacteristicsTests {
    @Test func oneLookIsTheFixedDesign() throws {
        let c = try DesignCharacteristics(informationRates: [1], criticalValues: [Normal.upperQuantile(0.025)],
                                          futilityBounds: nil, alpha: 0.025, beta: 0.2, sides: 1)
        #expect(abs(c.inflationFactor - 1) < 1e-12)
        #expect(abs(c.drift - (Normal.upperQuantile(0.025) + Normal.upperQuantile(0.2))) < 1e-10)
        #expect(c.alternative.stopping == [1])
        #expect(abs(c.averageSampleNumberNull - 1) < 1e-12)
    }

    @Test func sequentialDesignsNeedMoreInformationButLessOnAverage() throws {
        let design = try GroupSequentialDesign(informationRates: .equallySpaced(looks: 4), spending: .pocock)
        let c = try design.boundaries().characteristics
        #expect(c.inflationFactor > 1)
        #expect(abs(c.alternative.power - 0.8) < 1e-9)
        #expect(c.averageSampleNumberAlternative < 1, "Pocock stops early often enough under H1")
        #expect(c.null.expectedInformationRate > c.alternative.expectedInformationRate)
        #expect(c.alternative.futility == [0, 0, 0])
        #expect(c.alternative.lowerRejection == [0, 0, 0, 0])
    }

    /// Two-sided power counts the alternative's side only (rpact's twoSidedPower = FALSE);
    /// rejections under H0 count both sides.
    @Test func twoSidedCountsSidesAsRpact() throws {
        let design = try GroupSequentialDesign(informationRates: .equallySpaced(looks: 3), alpha: 0.05, sides: 2)
        let b = try design.boundaries()
        let c = b.characteristics
        #expect(abs(c.alternative.power - 0.8) < 1e-9)
        #expect(abs(c.null.rejection.reduce(0, +) - 0.05) < 1e-9)
        #expect(c.alternative.lowerRejection.allSatisfy { $0 > 0 && $0 < 1e-5 })
    }
}
