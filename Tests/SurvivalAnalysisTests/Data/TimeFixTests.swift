import Testing
@testable import SurvivalAnalysis

/// R's aeqSurv (``TimeFix``), formerly TiedTimes' and CoxRiskSets' tests, assertions as they were.
@Suite struct TimeFixTests {
    /// The fixed times of `times` (any order).
    func fixed(_ times: [Double]) -> [Double] { TimeFix.apply(times) }

    @Test func toleranceIsRsDefault() {
        #expect(TimeFix.tolerance == 1.4901161193847656e-08)
    }

    @Test func oneUlpApartIsOneTime() {
        #expect(fixed([0.3, 0.1 + 0.2, 1]) == [0.3, 0.3, 1])
        // In any row order, and the representative is the smaller value, as R prints it.
        #expect(fixed([0.1 + 0.2, 1, 0.3]).map(\.bitPattern) == [0.3, 1, 0.3].map(\.bitPattern))
    }

    @Test func tiesChainToTheFirstTimeAsInAeqSurv() {
        // Each step is within tolerance of the last, so all are the first time.
        #expect(fixed([1, 1 + 1e-8, 1 + 2e-8, 1 + 2e-8, 1 + 3e-8, 2]) == [1, 1, 1, 1, 1, 2])
    }

    @Test func distinctTimesStayDistinct() {
        #expect(fixed([1, 1 + 1e-7, 2]) == [1, 1 + 1e-7, 2])
    }

    @Test func negativeAndPositiveZeroAreOneTime() {
        #expect(fixed([-0.0, 0, 1e-9]).map(\.bitPattern) == [(-0.0).bitPattern, (-0.0).bitPattern, (-0.0).bitPattern])
    }

    @Test func relativeRuleUsesTheMeanOfDistinctTimes() {
        // Around 1e6 a gap of 1e-3 is below √ε relative to the mean, so tied.
        #expect(fixed([1e6, 1e6 + 1e-3, 2e6]) == [1e6, 1e6, 2e6])
        #expect(TimeFix.meanAbsolute([1.0, 3]) == 2)
        #expect(TimeFix.distinctValues(sortedKeys: [1.0, 1, 3].map(TimeKey.key)) == [1, 3])
    }

    /// Formerly CoxRiskSets' own copy of the rule.
    @Test func nearlyEqualTimesBecomeEqual() {
        #expect(fixed([1, 1 + 1e-10, 1 + 2e-10, 2, 3, 3 + 1e-3]) == [1, 1, 1, 2, 3, 3 + 1e-3])
        #expect(fixed([1e9, 1e9 + 1, 2e9]) == [1e9, 1e9, 2e9])   // relative gap 1/1.33e9 < √ε
    }

    @Test func nothingTiedLeavesTheArrayAlone() {
        let times: [Double] = [3, 1, 2]
        #expect(fixed(times) == times)
        #expect(fixed([]) == [])
        #expect(fixed([5]) == [5])
    }

    @Test func survivalDataHoldsFixedAndRecordedTimes() throws {
        let data = try SurvivalData(time: [0.1 + 0.2, 0.3, 1], event: [true, true, false])
        #expect(data.time.map(\.bitPattern) == [0.3, 0.3, 1].map(\.bitPattern))
        #expect(data.recordedTime == [0.1 + 0.2, 0.3, 1])
    }
}
