import Testing
@testable import SurvivalAnalysis

@Suite struct TiedTimesTests {
    func indices(_ sorted: [Double]) -> [Int32] { sorted.withUnsafeBufferPointer(TiedTimes.timeIndices) }

    @Test func toleranceIsRsDefault() {
        #expect(TiedTimes.tolerance == 1.4901161193847656e-08)
    }

    @Test func oneUlpApartIsOneTime() {
        #expect(indices([0.3, 0.1 + 0.2, 1]) == [0, 0, 1])
    }

    @Test func tiesChainAsInAeqSurv() {
        // Each step is within tolerance of the last, so all are one time.
        #expect(indices([1, 1 + 1e-8, 1 + 2e-8, 1 + 3e-8, 2]) == [0, 0, 0, 0, 1])
    }

    @Test func distinctTimesStayDistinct() {
        #expect(indices([1, 1 + 1e-7, 2]) == [0, 1, 2])
    }

    @Test func relativeRuleUsesTheMeanOfDistinctTimes() {
        // Around 1e6 a gap of 1e-3 is below √ε relative to the mean, so tied.
        #expect(indices([1e6, 1e6 + 1e-3, 2e6]) == [0, 0, 1])
        #expect(TiedTimes.meanAbsoluteDistinct([1, 1, 3].withUnsafeBufferPointer { $0 }) == 2)
    }
}
