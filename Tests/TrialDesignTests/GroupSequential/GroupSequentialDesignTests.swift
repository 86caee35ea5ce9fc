import Testing
import TestSupport
@testable import TrialDesign

@Suite struct GroupSequentialDesignTests {
    let rates = try! InformationRates.equallySpaced(looks: 3)

    @Test func validatesLikeRpact() throws {
        #expect(throws: GroupSequentialError.self) { try GroupSequentialDesign(informationRates: rates, alpha: 0) }
        #expect(throws: GroupSequentialError.self) { try GroupSequentialDesign(informationRates: rates, alpha: 0.51) }
        #expect(throws: GroupSequentialError.self) { try GroupSequentialDesign(informationRates: rates, sides: 3) }
        #expect(throws: GroupSequentialError.self) { try GroupSequentialDesign(informationRates: rates, power: 1) }
        #expect(throws: GroupSequentialError.self) { try GroupSequentialDesign(informationRates: rates, alpha: 0.1, power: 0.05) }
        #expect(throws: GroupSequentialError.self) {
            try GroupSequentialDesign(informationRates: rates, sides: 2, futilitySpending: .pocock)
        }
        #expect(throws: GroupSequentialError.self) {
            try GroupSequentialDesign(informationRates: .equallySpaced(looks: 1), futilitySpending: .pocock)
        }
        let design = try GroupSequentialDesign(informationRates: rates, alpha: 0.5)
        #expect(design.looks == 3 && abs(design.beta - 0.2) < 1e-15)
    }

    @Test func cumulativeAlphaFollowsTheSpendingFunction() throws {
        let design = try GroupSequentialDesign(informationRates: rates, alpha: 0.05, sides: 2, spending: .kimDeMets(rho: 2))
        #expect(design.cumulativeAlpha.last == 0.05)
        #expect(abs(design.cumulativeAlpha[0] - 0.05 / 9) < 1e-15)
    }

    /// An interim at the planned fractions reproduces the planned boundaries; at other fractions the
    /// spending function is evaluated where the trial actually is.
    @Test func recomputesAtObservedInformation() throws {
        let design = try GroupSequentialDesign(informationRates: rates)
        let planned = try design.boundaries().criticalValues
        let same = try design.criticalValues(atObservedRates: rates.values)
        for k in 0..<3 { #expect(abs(same[k] - planned[k]) < 1e-9) }
        let actual = try design.criticalValues(atObservedRates: [0.41, 0.73], previousCriticalValues: [planned[0]])
        #expect(actual[0] == planned[0])
        let expected = try EfficacyBoundaries.criticalValues(
            informationRates: [0.41, 0.73], cumulativeAlpha: [0.41, 0.73].map { design.spending.spent(0.025, at: $0) },
            sides: 1, fixed: [planned[0]])
        #expect(actual == expected)
        // Past the planned maximum, the whole alpha is spent.
        let over = try design.criticalValues(atObservedRates: [0.3, 0.7, 1.08])
        #expect(over.count == 3)
        #expect(throws: GroupSequentialError.self) { try design.criticalValues(atObservedRates: [0.5, 0.4]) }
        #expect(throws: GroupSequentialError.self) { try design.criticalValues(atObservedRates: []) }
        #expect(throws: GroupSequentialError.self) {
            try design.criticalValues(atObservedRates: [0.5], previousCriticalValues: [3, 2])
        }
    }
}
