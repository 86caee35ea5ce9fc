import Testing
@testable import SurvivalReports

/// Expected strings are what R 4.2 prints for `print(survdiff(...))` columns (digits = 3).
@Suite struct RColumnFormatTests {
    @Test func decimalsFollowTheValueThatNeedsMost() {
        #expect(RColumnFormat.format([91.57551669, 73.42448331]) == ["91.6", "73.4"])
        #expect(RColumnFormat.format([0.75, 1.3333333, 0.9166667]) == ["0.750", "1.333", "0.917"])
        #expect(RColumnFormat.format([2.0833333, 0.0833333, 0.9166667]) == ["2.0833", "0.0833", "0.9167"])
        #expect(RColumnFormat.format([112, 53]) == ["112", "53"])
    }

    @Test func zeroNaNAndMissing() {
        #expect(RColumnFormat.format([0, 2.3666, 5.6333]) == ["0.00", "2.37", "5.63"])
        #expect(RColumnFormat.format([.nan, 1.127, 0.474]) == ["NaN", "1.127", "0.474"])
        #expect(RColumnFormat.format([nil, 1]) == ["NA", "1"])
    }

    @Test func tinyValuesGoScientificWhenNarrower() {
        #expect(RColumnFormat.format([1e-10, 2.5e-10]) == ["1.0e-10", "2.5e-10"])
    }

    @Test func roundingUpCarriesIntoTheExponent() {
        let parts = RColumnFormat.significantParts(9.9996, digits: 3)
        #expect(parts.significant == 1 && parts.exponent == 1)
        #expect(RColumnFormat.format([9.9996]) == ["10"])
    }
}
