import Testing
@testable import SurvivalAnalysis

@Suite struct CoxRiskSetsTests {
    /// Times are used as given (R's aeqSurv is applied where the data are built: TimeFixTests).
    @Test func nearlyEqualTimesAreLeftToTheDataLayer() throws {
        let data = try CoxRiskSets(time: [1 + 1e-10, 1], event: [true, true], design: [0, 1], columns: 1)
        #expect(data.time == [1, 1 + 1e-10])
        let fixed = try CoxRiskSets(time: TimeFix.apply([1 + 1e-10, 1]), event: [true, true], design: [0, 1], columns: 1)
        #expect(fixed.time == [1, 1])
    }

    @Test func sortsByStratumThenTimeAndCentresAndScales() throws {
        let data = try CoxRiskSets(time: [5, 1, 3, 2], event: [true, true, false, true],
                                   design: [10, 0, 20, 1, 30, 1, 40, 0], columns: 2, strata: [1, 0, 1, 0])
        #expect(data.order == [1, 3, 2, 0])
        #expect(data.time == [1, 2, 3, 5])
        #expect(data.lastInStratum == [false, true, false, true])
        // Column 1 is centred (mean 25) and scaled by Σw/Σw|x − x̄| = 4/40; column 2 (0/1) is left alone.
        #expect(data.means == [25, 0])
        #expect(data.scales == [0.1, 1])
        #expect(data.x == [-0.5, 1, 1.5, 0, 0.5, 1, -1.5, 0])
    }
}
