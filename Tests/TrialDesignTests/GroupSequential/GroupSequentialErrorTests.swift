import Testing
@testable import TrialDesign

@Suite struct GroupSequentialErrorTests {
    @Test func rendersItsMessageAndKind() {
        let input = GroupSequentialError.invalidParameter("alpha must be in (0, 0.5], got 0.7")
        #expect(input.description == "alpha must be in (0, 0.5], got 0.7")
        #expect(input.isInputError)
        #expect(!GroupSequentialError.numericalFailure("no root").isInputError)
    }
}
