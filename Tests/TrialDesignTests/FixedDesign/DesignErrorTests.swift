import Testing
@testable import TrialDesign

@Suite struct DesignErrorTests {
    @Test func kindAndMessage() {
        let e = DesignError.unsolvable("no root")
        #expect(e.kind == .unsolvable && e.description == "no root")
        #expect(DesignError.invalid("x").kind == .invalidInput)
    }
}
