import Testing
import TestSupport
@testable import TrialDesign

@Suite struct InformationRatesTests {
    @Test func equallySpacedAsRpactsDefault() throws {
        #expect(try InformationRates.equallySpaced(looks: 4).values == [0.25, 0.5, 0.75, 1])
        #expect(try InformationRates.equallySpaced(looks: 1).values == [1])
    }

    @Test func acceptsIncreasingRatesEndingAtOne() throws {
        #expect(try InformationRates([0.3, 0.6, 1]).count == 3)
        // A last rate within rounding of 1 (e.g. 3 × (1/3)) is taken as exactly 1.
        #expect(try InformationRates([1.0 / 3, 2.0 / 3, 3 * (1.0 / 3)]).values.last == 1)
    }

    @Test(arguments: [
        [Double](), [0.5, 0.4, 1], [0.5, 0.5, 1], [0.3, 0.6, 0.9], [0, 0.5, 1], [-0.2, 1], [0.5, 1.2],
        [0.5, .nan, 1], [0.5, .infinity],
    ])
    func rejectsBadRates(_ rates: [Double]) {
        #expect(throws: GroupSequentialError.self) { try InformationRates(rates) }
    }

    @Test func limitsTheNumberOfLooksAsRpact() {
        #expect(throws: GroupSequentialError.self) { try InformationRates.equallySpaced(looks: 21) }
        #expect(throws: GroupSequentialError.self) { try InformationRates.equallySpaced(looks: 0) }
        #expect((try? InformationRates.equallySpaced(looks: 20)) != nil)
    }
}
