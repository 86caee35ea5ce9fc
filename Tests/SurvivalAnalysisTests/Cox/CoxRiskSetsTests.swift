import Testing
@testable import SurvivalAnalysis

@Suite struct CoxRiskSetsTests {
    /// R's aeqSurv: distinct times within √ε (absolute, or relative to the mean distinct time)
    /// collapse onto the smallest of their run.
    @Test func nearlyEqualTimesBecomeEqual() {
        var times: [Double] = [1, 1 + 1e-10, 1 + 2e-10, 2, 3, 3 + 1e-3]
        CoxRiskSets.equaliseNearTies(&times)
        #expect(times == [1, 1, 1, 2, 3, 3 + 1e-3])
        var large: [Double] = [1e9, 1e9 + 1, 2e9]   // relative gap 1/1.33e9 < √ε
        CoxRiskSets.equaliseNearTies(&large)
        #expect(large == [1e9, 1e9, 2e9])
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
