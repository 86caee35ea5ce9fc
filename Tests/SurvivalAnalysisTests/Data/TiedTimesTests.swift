import Testing
@testable import SurvivalAnalysis

@Suite struct TiedTimesTests {
    /// The collapsed times of ascending `sorted`.
    func collapsed(_ sorted: [Double]) -> [Double] {
        var keys = sorted.map(TimeKey.key)
        TiedTimes.collapse(&keys)
        return keys.map(TimeKey.value)
    }

    @Test func toleranceIsRsDefault() {
        #expect(TiedTimes.tolerance == 1.4901161193847656e-08)
    }

    @Test func oneUlpApartIsOneTime() {
        #expect(collapsed([0.3, 0.1 + 0.2, 1]) == [0.3, 0.3, 1])
    }

    @Test func tiesChainToTheFirstTimeAsInAeqSurv() {
        // Each step is within tolerance of the last, so all are the first time.
        #expect(collapsed([1, 1 + 1e-8, 1 + 2e-8, 1 + 2e-8, 1 + 3e-8, 2]) == [1, 1, 1, 1, 1, 2])
    }

    @Test func distinctTimesStayDistinct() {
        #expect(collapsed([1, 1 + 1e-7, 2]) == [1, 1 + 1e-7, 2])
    }

    @Test func negativeAndPositiveZeroAreOneTime() {
        #expect(collapsed([-0.0, 0, 1]).map(\.bitPattern) == [(-0.0).bitPattern, (-0.0).bitPattern, 1.0.bitPattern])
    }

    @Test func relativeRuleUsesTheMeanOfDistinctTimes() {
        // Around 1e6 a gap of 1e-3 is below √ε relative to the mean, so tied.
        #expect(collapsed([1e6, 1e6 + 1e-3, 2e6]) == [1e6, 1e6, 2e6])
        let keys = [1.0, 1, 3].map(TimeKey.key)
        #expect(keys.withUnsafeBufferPointer(TiedTimes.meanAbsoluteDistinct) == 2)
    }
}
