import Testing
@testable import TrialDesign

@Suite struct GroupSequentialErrorTests {
    @Test func rendersItsMessageAndKind() {
        let input = GroupSequentialError.invalidParameter("alpha must be in (0, 0.5], got 0.7")
        #expect(input.description == "alpha must be in (0, 0.5], got 0.7")
        #expect(input.isInputError)
        #expect(!GroupSequentialError.numericalFailure("no root").isInputError)
    }

    /// rpact's `.assertIsValidAlpha`: alpha in [1e-6, 0.5). Below 1e-6 the drift search lost its
    /// bracket (3 looks, alpha 1e-12: a numerical failure, exit 1) instead of an input error.
    @Test(arguments: [1e-12, 1e-16, 1e-300, 9.99e-7])
    func alphaBelowRpactsRangeIsAnInputError(alpha: Double) throws {
        #expect {
            try GroupSequentialDesign(informationRates: InformationRates([1.0 / 3, 2.0 / 3, 1]), alpha: alpha)
        } throws: { error in
            (error as? GroupSequentialError)?.isInputError == true && "\(error)".contains("alpha must be in [1e-06, 0.5]")
        }
        let edge = try GroupSequentialDesign(informationRates: InformationRates([1.0 / 3, 2.0 / 3, 1]), alpha: 1e-6)
        #expect(edge.alpha == 1e-6)
    }
}
