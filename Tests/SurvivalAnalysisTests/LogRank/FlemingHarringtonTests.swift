import Testing
@testable import SurvivalAnalysis

@Suite struct FlemingHarringtonTests {
    @Test func rejectsNegativeAndNonFiniteExponents() {
        #expect(FlemingHarrington(rho: -1) == nil)
        #expect(FlemingHarrington(rho: 0, gamma: -0.5) == nil)
        #expect(FlemingHarrington(rho: .nan) == nil)
        #expect(FlemingHarrington(rho: .infinity) == nil)
        #expect(FlemingHarrington(rho: -0.0) == .logRank)
    }

    @Test func weightIsSurvivalToRhoTimesFailureToGamma() throws {
        let w = try #require(FlemingHarrington(rho: 2, gamma: 3))
        #expect(w.weight(survivalBefore: 0.5) == 0.25 * 0.125)
        #expect(FlemingHarrington.logRank.weight(survivalBefore: 0.3) == 1)
        #expect(try #require(FlemingHarrington(rho: 1)).weight(survivalBefore: 0.3) == 0.3)
        // At the first event time S(t−) = 1, so γ > 0 gives it no weight.
        #expect(try #require(FlemingHarrington(rho: 0, gamma: 1)).weight(survivalBefore: 1) == 0)
    }
}
